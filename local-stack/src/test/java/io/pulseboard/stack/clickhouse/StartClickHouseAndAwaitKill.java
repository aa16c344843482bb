package io.pulseboard.stack.clickhouse;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Test program: starts ClickHouse in the directory given as the argument, prints {@code pid <n>} and
 * waits to be killed. If its standard input ends (the test JVM is gone) it exits normally instead, and
 * its shutdown hook stops ClickHouse.
 */
public final class StartClickHouseAndAwaitKill {

    private StartClickHouseAndAwaitKill() {}

    public static void main(String[] args) throws IOException {
        ClickHouseServerProcess server =
                new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(Path.of(args[0])));
        server.start();
        System.out.println("pid " + server.pid().orElseThrow());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Nothing is sent; only the end of the input matters.
        }
        System.exit(0);
    }
}
