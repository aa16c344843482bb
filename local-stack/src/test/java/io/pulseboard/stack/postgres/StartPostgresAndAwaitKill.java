package io.pulseboard.stack.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Test program: starts the bundled PostgreSQL in the directory given as the argument, prints {@code pid
 * <n>} and waits to be killed. If its standard input ends (the test JVM is gone) it exits normally
 * instead, and its shutdown hook stops PostgreSQL.
 */
public final class StartPostgresAndAwaitKill {

    private StartPostgresAndAwaitKill() {}

    public static void main(String[] args) throws IOException {
        PostgresServerProcess server = new PostgresServerProcess(PostgresServerConfig.inDirectory(Path.of(args[0]))
                .withPreference(PostgresBinaryPreference.BUNDLED_ONLY));
        server.start();
        System.out.println("pid " + server.pid().orElseThrow());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Nothing is sent; only the end of the input matters.
        }
        System.exit(0);
    }
}
