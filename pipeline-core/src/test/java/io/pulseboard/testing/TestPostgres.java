package io.pulseboard.testing;

import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.postgres.PostgresServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server for a test (the local stack's part: Debian's binaries when installed, else
 * the bundled ones), keeping its files under the given directory; close it after use.
 */
public final class TestPostgres implements AutoCloseable {
    private final PostgresServerProcess server;
    private final PostgresConnection connection;

    private TestPostgres(PostgresServerProcess server, PostgresConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    /** Starts a server keeping its files under {@code dir}. */
    public static TestPostgres start(Path dir) {
        PostgresServerProcess server = new PostgresServerProcess(PostgresServerConfig.inDirectory(dir));
        try {
            server.start();
            PostgresEndpoint endpoint = server.postgresEndpoint();
            String password = endpoint.readPassword();
            return new TestPostgres(server, new PostgresConnection(endpoint.jdbcUrl(), endpoint.user(), password));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("Cannot read the PostgreSQL password file", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public PostgresConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        server.close();
    }
}
