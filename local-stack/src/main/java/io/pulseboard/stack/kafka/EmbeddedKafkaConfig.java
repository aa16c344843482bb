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
 * @param clientPort the loopback port for clients ({@code bootstrap.servers}), or 0 for the port stored
 *     in the data directory ({@code ports.properties}), or on a first start a free one; an explicit
 *     port wins over the stored one and is then stored; 0 to 65535
 * @param controllerPort the loopback port of the KRaft controller listener, chosen like {@code
 *     clientPort}; 0 to 65535, and not the same non-zero port as {@code clientPort}
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int numPartitions,
        Duration startTimeout,
        Duration closeTimeout,
        Map<String, String> brokerOverrides,
        int clientPort,
        int controllerPort) {

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
        checkPort("clientPort", clientPort);
        checkPort("controllerPort", controllerPort);
        if (clientPort != 0 && clientPort == controllerPort) {
            throw new IllegalArgumentException("clientPort and controllerPort must differ, both were " + clientPort);
        }
        for (String key : brokerOverrides.keySet()) {
            if (OWNED_KEYS.contains(key)) {
                throw new IllegalArgumentException("brokerOverrides must not set '" + key
                        + "': the embedded broker chooses it (loopback ports, single KRaft node, dataDir)");
            }
        }
    }

    /**
     * @param dataDir directory for the broker's data; never null
     * @return defaults (1 partition per topic, 60 s start, 30 s close, no overrides, the stored or
     *     else free ports) in {@code dataDir}
     */
    public static EmbeddedKafkaConfig inDirectory(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, 1, DEFAULT_START_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, Map.of(), 0, 0);
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
        return new EmbeddedKafkaConfig(
                dataDir, partitions, startTimeout, closeTimeout, brokerOverrides, clientPort, controllerPort);
    }

    /** @return a copy with the given start deadline */
    public EmbeddedKafkaConfig withStartTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(
                dataDir, numPartitions, timeout, closeTimeout, brokerOverrides, clientPort, controllerPort);
    }

    /** @return a copy with the given close deadline */
    public EmbeddedKafkaConfig withCloseTimeout(Duration timeout) {
        return new EmbeddedKafkaConfig(
                dataDir, numPartitions, startTimeout, timeout, brokerOverrides, clientPort, controllerPort);
    }

    /** @return a copy with one more broker property; see {@link #brokerOverrides()} */
    public EmbeddedKafkaConfig withBrokerOverride(String key, String value) {
        Map<String, String> overrides = new HashMap<>(brokerOverrides);
        overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new EmbeddedKafkaConfig(
                dataDir, numPartitions, startTimeout, closeTimeout, overrides, clientPort, controllerPort);
    }

    /**
     * @param port the client port to listen on, or 0 for the stored or a free one; see {@link
     *     #clientPort()}
     * @return a copy with the given client port
     */
    public EmbeddedKafkaConfig withClientPort(int port) {
        return new EmbeddedKafkaConfig(
                dataDir, numPartitions, startTimeout, closeTimeout, brokerOverrides, port, controllerPort);
    }

    /**
     * @param port the controller port to listen on, or 0 for the stored or a free one; see {@link
     *     #controllerPort()}
     * @return a copy with the given controller port
     */
    public EmbeddedKafkaConfig withControllerPort(int port) {
        return new EmbeddedKafkaConfig(
                dataDir, numPartitions, startTimeout, closeTimeout, brokerOverrides, clientPort, port);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (stored or free) to 65535, was " + port);
        }
    }
}
