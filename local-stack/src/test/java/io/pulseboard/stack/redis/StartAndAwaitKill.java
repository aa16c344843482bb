package io.pulseboard.stack.redis;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Test program: starts Redis in the directory given as the argument, prints {@code pid <n>} and waits
 * to be killed. If its standard input ends (the test JVM is gone) it exits normally instead, and its
 * shutdown hook stops Redis.
 */
public final class StartAndAwaitKill {

    private StartAndAwaitKill() {}

    public static void main(String[] args) throws IOException {
        RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(Path.of(args[0])).withPreference(BinaryPreference.BUNDLED_ONLY));
        redis.start();
        System.out.println("pid " + redis.pid().orElseThrow());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Nothing is sent; only the end of the input matters.
        }
        System.exit(0);
    }
}
