package io.pulseboard.stack.clickhouse;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link ClickHouseServerProcess}. Immutable; validated on construction.
 *
 * @param dataDir directory that holds everything the server writes: the generated {@code config.xml}
 *     and {@code users.xml}, its data ({@code data/}), temporary files, logs ({@code logs/}) and its
 *     console output; created if missing. Never null
 * @param binary the server executable to run ({@code clickhouse-server}, or the all-in-one {@code
 *     clickhouse}); empty to look for an installed one ({@link ClickHouseServerProcess#findBinary()}).
 *     Never null
 * @param startTimeout how long {@link ClickHouseServerProcess#start()} and {@link
 *     ClickHouseServerProcess#restart()} wait, from launching the process, for {@code /ping} to answer;
 *     positive
 */
public record ClickHouseServerConfig(Path dataDir, Optional<Path> binary, Duration startTimeout) {

    /** Default for {@link #startTimeout()}: ClickHouse usually answers within a second, slow disks take longer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    public ClickHouseServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
    }

    /**
     * @param dataDir directory for the server's configuration, data and logs; never null
     * @return a configuration that runs the installed server, with {@link #DEFAULT_START_TIMEOUT}
     */
    public static ClickHouseServerConfig inDirectory(Path dataDir) {
        return new ClickHouseServerConfig(dataDir, Optional.empty(), DEFAULT_START_TIMEOUT);
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return defaults in {@link AppDirectories#clickhouseDataDir()}
     */
    public static ClickHouseServerConfig inAppData(AppDirectories directories) {
        return inDirectory(directories.clickhouseDataDir());
    }

    /**
     * @param executable the server executable to run instead of looking for one; never null
     * @return a copy with that binary
     */
    public ClickHouseServerConfig withBinary(Path executable) {
        return new ClickHouseServerConfig(
                dataDir, Optional.of(Objects.requireNonNull(executable, "executable")), startTimeout);
    }

    /** @return a copy with the given start deadline; positive */
    public ClickHouseServerConfig withStartTimeout(Duration timeout) {
        return new ClickHouseServerConfig(dataDir, binary, timeout);
    }
}
