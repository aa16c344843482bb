package io.pulseboard.stack.postgres;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link PostgresServerProcess}. Immutable; validated on construction.
 *
 * @param dataDir the server's own directory: its owner-only password file ({@value
 *     PostgresServerProcess#PASSWORD_FILE_NAME}), console log ({@value
 *     PostgresServerProcess#CONSOLE_LOG_FILE_NAME}), pid file and, when this JVM is not root, the
 *     cluster ({@code data/}) and the unpacked bundled binaries ({@code bin/}); as root the cluster and
 *     the binaries live under {@code /var/lib/pulseboard} instead (see {@link PostgresServerProcess}).
 *     Created if missing. Never null
 * @param preference which server binaries may be used; never null
 * @param startTimeout how long {@link PostgresServerProcess#start()} and {@link
 *     PostgresServerProcess#restart()} wait, from launching {@code postgres}, for it to answer {@code
 *     SELECT 1}; also the bound of {@code initdb} on a first start; positive
 * @param port the loopback port to listen on, or 0 for a free one; 0 to 65535. A port taken by another
 *     process fails the start naming it
 */
public record PostgresServerConfig(Path dataDir, PostgresBinaryPreference preference, Duration startTimeout, int port) {

    /** Default for {@link #startTimeout()}: PostgreSQL answers within a second or two after a clean stop. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    public PostgresServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (a free one) to 65535, was " + port);
        }
    }

    /**
     * @param dataDir the server's directory; never null
     * @return defaults ({@link PostgresBinaryPreference#INSTALLED_FIRST}, {@link #DEFAULT_START_TIMEOUT}, a
     *     free port) in {@code dataDir}
     */
    public static PostgresServerConfig inDirectory(Path dataDir) {
        return new PostgresServerConfig(dataDir, PostgresBinaryPreference.INSTALLED_FIRST, DEFAULT_START_TIMEOUT, 0);
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return defaults in {@link AppDirectories#postgresDataDir()}
     */
    public static PostgresServerConfig inAppData(AppDirectories directories) {
        return inDirectory(directories.postgresDataDir());
    }

    /** @return a copy with the given binary preference; never null */
    public PostgresServerConfig withPreference(PostgresBinaryPreference binaryPreference) {
        return new PostgresServerConfig(dataDir, binaryPreference, startTimeout, port);
    }

    /** @return a copy with the given start deadline; positive */
    public PostgresServerConfig withStartTimeout(Duration timeout) {
        return new PostgresServerConfig(dataDir, preference, timeout, port);
    }

    /**
     * @param listenPort the loopback port, or 0 for a free one; see {@link #port()}
     * @return a copy with the given port
     */
    public PostgresServerConfig withPort(int listenPort) {
        return new PostgresServerConfig(dataDir, preference, startTimeout, listenPort);
    }
}
