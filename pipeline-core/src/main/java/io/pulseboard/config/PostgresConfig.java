package io.pulseboard.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL database of the reference data (exchange rates, products, regions and their targets).
 * Absent URL: none (the local demo brings its own). {@link #toString()} leaves the password out.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://db.example.com:5432/pulseboard}; empty for none
 * @param user the database user
 * @param password that user's password (a secret: set it through the environment, {@code
 *     PULSEBOARD_POSTGRES_PASSWORD}, rather than on a command line); may be empty
 */
public record PostgresConfig(Optional<String> url, String user, String password) {

    public PostgresConfig {
        url = url.filter(u -> !u.isBlank());
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql://")) {
                throw new ConfigException(
                        "pulseboard.postgres.url is '" + u
                                + "': use jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://127.0.0.1:5432/pulseboard");
            }
            if (u.contains("password=")) {
                throw new ConfigException("pulseboard.postgres.url holds a password: put it in"
                        + " pulseboard.postgres.password (environment PULSEBOARD_POSTGRES_PASSWORD) instead");
            }
        });
        if (url.isPresent() && user.isBlank()) {
            throw new ConfigException("pulseboard.postgres.user is empty: name the database user, e.g. pulseboard");
        }
    }

    public static PostgresConfig none() {
        return new PostgresConfig(Optional.empty(), "pulseboard", "");
    }

    @Override
    public String toString() {
        return "PostgresConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
