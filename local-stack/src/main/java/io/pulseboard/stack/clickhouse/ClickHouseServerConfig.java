package io.pulseboard.stack.clickhouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ClickHouseServerProcess}. Immutable; validated on construction.
 *
 * @param dataDir directory that holds everything the server writes: the generated {@code config.xml}
 *     and {@code users.xml}, its data ({@code data/}), temporary files, logs ({@code logs/}) and its
 *     console output; created if missing. Never null
 * @param startTimeout how long {@link ClickHouseServerProcess#start()} and {@link
 *     ClickHouseServerProcess#restart()} wait, from launching the process, for {@code /ping} to answer;
 *     positive
 */
public record ClickHouseServerConfig(Path dataDir, Duration startTimeout) {

    /** Default for {@link #startTimeout()}: ClickHouse usually answers within a second, slow disks take longer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    public ClickHouseServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
    }

    /**
     * @param dataDir directory for the server's configuration, data and logs; never null
     * @return a configuration with {@link #DEFAULT_START_TIMEOUT}
     */
    public static ClickHouseServerConfig inDirectory(Path dataDir) {
        return new ClickHouseServerConfig(dataDir, DEFAULT_START_TIMEOUT);
    }
}
