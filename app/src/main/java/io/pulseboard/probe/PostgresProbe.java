package io.pulseboard.probe;

import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.probe.ConnectionCheck.Part;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the PostgreSQL of a profile's reference data with the same JDBC connection the pipeline
 * opens ({@link PostgresConnection}: 5 s to connect): logs in, reads the server's version and whether
 * the reference tables exist yet (the pipeline creates them at its start when they do not). A failure
 * says which step failed in words, from the server's SQLSTATE or the socket's error: unknown host,
 * connection refused, no answer, wrong user or password, no such database. Stateless; thread-safe;
 * blocking.
 */
final class PostgresProbe {
    private static final Logger log = LoggerFactory.getLogger(PostgresProbe.class);

    Part check(String jdbcUrl, String user, String password) {
        PostgresConnection database;
        try {
            database = new PostgresConnection(jdbcUrl.trim(), user, password);
        } catch (IllegalArgumentException e) {
            return Part.failed(e.getMessage());
        }
        String at = "PostgreSQL at " + hostAndPort(database.jdbcUrl());
        try (Connection connection = database.open();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT current_setting('server_version'), to_regclass('regions') IS NOT NULL")) {
            row.next();
            return Part.ok("PostgreSQL " + row.getString(1) + " at " + hostAndPort(database.jdbcUrl()) + " as "
                    + user
                    + (row.getBoolean(2)
                            ? ", reference tables present"
                            : ", no reference tables yet (the pipeline creates them when it starts)"));
        } catch (SQLException e) {
            return Part.failed(at + ": " + describe(e, database));
        } catch (RuntimeException e) {
            log.warn("Unexpected failure checking {}", at, e);
            return Part.failed("Unexpected error checking " + at + ": " + e);
        }
    }

    /**
     * The failure in words. The driver's messages name the user and the database, never the password;
     * the SQLSTATE codes are PostgreSQL's (Appendix A of its manual).
     */
    private static String describe(SQLException e, PostgresConnection database) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("28P01") || state.equals("28000")) {
            return "the server refused user " + database.user() + " (" + e.getMessage()
                    + "): check the user and the password";
        }
        if (state.equals("3D000")) {
            return e.getMessage() + ": check the database name at the end of the URL";
        }
        if (state.startsWith("08")) {
            String described = TcpProbe.describe(e, 5_000);
            return described.equals(String.valueOf(e)) ? e.getMessage() : described;
        }
        return e.getMessage() + " (SQLSTATE " + state + ")";
    }

    private static String hostAndPort(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
    }
}
