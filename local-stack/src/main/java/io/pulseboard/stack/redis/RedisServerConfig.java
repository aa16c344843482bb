package io.pulseboard.stack.redis;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RedisServerProcess}. Immutable; validated on construction.
 *
 * @param dataDir directory that holds the server's log ({@value RedisServerProcess#LOG_FILE_NAME}), its
 *     owner-only configuration and password files ({@value RedisServerProcess#CONFIG_FILE_NAME}, {@value
 *     RedisServerProcess#PASSWORD_FILE_NAME}), is its working directory ({@code --dir}) and keeps the
 *     extracted bundled binary under {@code bin/}; created if missing. Redis persists nothing there (no RDB, no AOF): it is a cache that the pipeline
 *     fills again. Never null
 * @param preference whether an installed {@code redis-server} may be used; never null
 * @param startTimeout how long {@link RedisServerProcess#start()} and {@link RedisServerProcess#restart()}
 *     wait, from launching the process, for it to answer {@code PING}; positive
 * @param port the loopback port to listen on, or 0 for a free one; 0 to 65535. A port taken by another
 *     process fails the start naming it
 */
public record RedisServerConfig(Path dataDir, BinaryPreference preference, Duration startTimeout, int port) {

    /** Default for {@link #startTimeout()}: generous, Redis usually answers within a few tens of milliseconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);

    public RedisServerConfig {
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
     * @param dataDir directory for the server's log and working files; never null
     * @return defaults ({@link BinaryPreference#PATH_FIRST}, {@link #DEFAULT_START_TIMEOUT}, a free port) in
     *     {@code dataDir}
     */
    public static RedisServerConfig inDirectory(Path dataDir) {
        return new RedisServerConfig(dataDir, BinaryPreference.PATH_FIRST, DEFAULT_START_TIMEOUT, 0);
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return defaults in {@link AppDirectories#redisDataDir()}
     */
    public static RedisServerConfig inAppData(AppDirectories directories) {
        return inDirectory(directories.redisDataDir());
    }

    /** @return a copy with the given binary preference; never null */
    public RedisServerConfig withPreference(BinaryPreference binaryPreference) {
        return new RedisServerConfig(dataDir, binaryPreference, startTimeout, port);
    }

    /** @return a copy with the given start deadline; positive */
    public RedisServerConfig withStartTimeout(Duration timeout) {
        return new RedisServerConfig(dataDir, preference, timeout, port);
    }

    /**
     * @param listenPort the loopback port, or 0 for a free one; see {@link #port()}
     * @return a copy with the given port
     */
    public RedisServerConfig withPort(int listenPort) {
        return new RedisServerConfig(dataDir, preference, startTimeout, listenPort);
    }
}
