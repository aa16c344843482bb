package io.pulseboard.stack.redis;

import java.nio.file.Path;

/** Test program: starts Redis, prints its pid, and ends the JVM without closing anything. */
public final class ExitWithoutClose {

    private ExitWithoutClose() {}

    public static void main(String[] args) {
        RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(Path.of(args[0])).withPreference(BinaryPreference.BUNDLED_ONLY));
        redis.start();
        System.out.println("pid " + redis.pid().orElseThrow());
        System.out.flush();
        System.exit(0);
    }
}
