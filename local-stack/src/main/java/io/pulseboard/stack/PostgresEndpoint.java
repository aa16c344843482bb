package io.pulseboard.stack;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL server of a {@link LocalStack} is reached, and as whom. The password is not in it:
 * it is read from {@link #passwordFile()} by whoever connects, so this record may be logged and shown.
 * Immutable; validated on construction.
 *
 * @param jdbcUrl the JDBC URL of the database, {@code jdbc:postgresql://HOST:PORT/DATABASE}, e.g. {@code
 *     jdbc:postgresql://127.0.0.1:50126/pulseboard}; no query part (no {@code password=} can hide in it);
 *     never null
 * @param user the database user to connect as, e.g. {@code pulseboard}; never null or blank
 * @param passwordFile an owner-only file that holds that user's password alone (no newline), e.g. {@code
 *     ~/.local/share/pulseboard/postgres/postgres.password}; never null
 */
public record PostgresEndpoint(String jdbcUrl, String user, Path passwordFile) {
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://[^\\s/?#@]+/[^\\s/?#]+");

    public PostgresEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (!JDBC_URL.matcher(jdbcUrl).matches()) {
            // Not quoted: a URL refused for its query part may hold a password.
            throw new IllegalArgumentException("jdbcUrl must be jdbc:postgresql://host:port/database, without a"
                    + " query part or spaces, was not");
        }
        if (user.isBlank() || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user must be a database user name without spaces, was '" + user + "'");
        }
    }

    /**
     * @return the password, read from {@link #passwordFile()} (a secret: never log it)
     * @throws java.io.IOException if the file cannot be read
     */
    public String readPassword() throws java.io.IOException {
        return java.nio.file.Files.readString(passwordFile(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
