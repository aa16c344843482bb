package io.pulseboard.stack.kafka;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of an {@link EmbeddedKafkaBroker}. Immutable; validated on construction.
 *
 * @param dataDir directory holding the broker's logs and KRaft metadata; created if missing and
 *     reused across runs (topics and records survive a restart); never null
 * @param numPartitions {@code num.partitions}: partitions of a topic created without an explicit
 *     count; at least 1
 * @param startTimeout how long {@link EmbeddedKafkaBroker#start()} waits for the broker to serve
 *     clients; positive
 * @param closeTimeout how long {@link EmbeddedKafkaBroker#close()} waits for shutdown; positive
 * @param brokerOverrides extra broker properties applied last (e.g. {@code log.retention.hours});
 *     must not contain the keys the broker owns (roles, node id, listeners, quorum, directories);
 *     never null
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int numPartitions,
        Duration startTimeout,
        Duration closeTimeout,
        Map<String, String> brokerOverrides) {

    /** Default for {@link #startTimeout()}: generous, a cold start usually takes about 4 s. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** Default for {@link #closeTimeout()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Keys that {@link EmbeddedKafkaBroker} sets itself and that an override would break. */
    static final Set<String> OWNED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "inter.broker.listener.name",
            "controller.listener.names",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "log.dir",
            "log.dirs",
            "metadata.log.dir");

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1, was " + numPartitions);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive, was " + closeTimeout);
        }
        for (String key : brokerOverrides.keySet()) {
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException("brokerOverrides must not set '" + key
                        + "': the embedded broker chooses it (free loopback ports, single KRaft node, dataDir)");
            }
        }
    }

    /**
     * @param dataDir directory for the broker's data; never null
     * @return defaults (1 partition per topic, 60 s start, 30 s close, no overrides) in {@code dataDir}
     */
    public static EmbeddedKafkaConfig inDirectory(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, 1, DEFAULT_START_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, Map.of());
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return defaults in {@link AppDirectories#kafkaDataDir()}
     */
    public static EmbeddedKafkaConfig inAppData(AppDirectories directories) {
        return inDirectory(directories.kafkaDataDir());
    }

    /** @return a copy with {@code num.partitions} set; see {@link #numPartitions()} */
    public EmbeddedKafkaConfig withNumPartitions(int partitions) {
        return new EmbeddedKafkaConfig(dataDir, partitions, startTimeout, closeTimeout, brokerOverrides);
    }

    /** @return a copy with the given start deadline */
    public EmbeddedKafkaConfig withStartTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(dataDir, numPartitions, timeout, closeTimeout, brokerOverrides);
    }

    /** @return a copy with the given close deadline */
    public EmbeddedKafkaConfig withCloseTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(dataDir, numPartitions, startTimeout, timeout, brokerOverrides);
    }

    /** @return a copy with one more broker property; see {@link #brokerOverrides()} */
    public EmbeddedKafkaConfig withBrokerOverride(String key, String value) {
        Map<String, String> overrides = new HashMap<>(brokerOverrides);
        overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new EmbeddedKafkaConfig(dataDir, numPartitions, startTimeout, closeTimeout, overrides);
    }
}
