package io.pulseboard.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach the PostgreSQL database that holds the reference data. {@link #toString()} leaves the
 * password out.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/pulseboard}; never null
 * @param user the database user; never null
 * @param password that user's password (a secret: never log it); never null, may be empty
 */
public record PostgresConnection(String jdbcUrl, String user, String password) {
    public PostgresConnection {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "a PostgreSQL URL starts with jdbc:postgresql://, e.g. jdbc:postgresql://HOST:5432/DATABASE; was '"
                            + jdbcUrl + "'");
        }
    }

    /**
     * Opens a connection that gives up after 5 s of connecting or 30 s of waiting for an answer.
     *
     * @throws SQLException if the server cannot be reached or refuses the login
     */
    public Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "30");
        props.setProperty("ApplicationName", "pulseboard");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    @Override
    public String toString() {
        return "PostgresConnection[" + user + " at " + jdbcUrl + "]";
    }
}
