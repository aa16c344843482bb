package io.pulseboard.config;

/**
 * The local stack's own settings ({@code pulseboard.stack.*}): read by the app when it starts a local
 * stack ({@code pulseboard demo}, {@code pulseboard stack up}, the desktop's local demo); the pipeline
 * itself ignores them. A port of 0 means the port the stack keeps in its data folder, else a free one
 * (Kafka stores its ports per data folder, docs/adr/0014; an explicit port wins and is stored).
 *
 * @param kafkaPort {@code pulseboard.stack.kafka-port}: the embedded Kafka's client port (the bootstrap
 *     address); 0, or 1 to 65535
 * @param kafkaControllerPort {@code pulseboard.stack.kafka-controller-port}: its KRaft controller port;
 *     0, or 1 to 65535
 * @param redisPort {@code pulseboard.stack.redis-port}: the local Redis server's port; 0 (a free one), or
 *     1 to 65535
 * @param postgresBinaries {@code pulseboard.stack.postgres-binaries}: {@code installed} (the default:
 *     Debian's PostgreSQL server when installed, else the bundled one) or {@code bundled} (always the
 *     PostgreSQL shipped with Pulseboard)
 */
public record StackConfig(int kafkaPort, int kafkaControllerPort, int redisPort, String postgresBinaries) {

    /** Every port chosen by the stack, installed PostgreSQL binaries first. */
    public static final StackConfig DEFAULTS = new StackConfig(0, 0, 0, "installed");

    /** With the installed PostgreSQL binaries first. */
    public StackConfig(int kafkaPort, int kafkaControllerPort, int redisPort) {
        this(kafkaPort, kafkaControllerPort, redisPort, "installed");
    }

    public StackConfig {
        if (!postgresBinaries.equals("installed") && !postgresBinaries.equals("bundled")) {
            throw new ConfigException("pulseboard.stack.postgres-binaries is '" + postgresBinaries
                    + "': use installed (the system's PostgreSQL when there is one) or bundled");
        }
        checkPort("pulseboard.stack.kafka-port", kafkaPort);
        checkPort("pulseboard.stack.kafka-controller-port", kafkaControllerPort);
        checkPort("pulseboard.stack.redis-port", redisPort);
        checkDistinct(
                "pulseboard.stack.kafka-port",
                kafkaPort,
                "pulseboard.stack.kafka-controller-port",
                kafkaControllerPort);
        checkDistinct("pulseboard.stack.kafka-port", kafkaPort, "pulseboard.stack.redis-port", redisPort);
        checkDistinct(
                "pulseboard.stack.kafka-controller-port",
                kafkaControllerPort,
                "pulseboard.stack.redis-port",
                redisPort);
    }

    private static void checkPort(String key, int port) {
        if (port < 0 || port > 65_535) {
            throw new ConfigException(
                    key + " is " + port + ": use a port from 1 to 65535, or leave it unset to let the stack choose");
        }
    }

    private static void checkDistinct(String key, int port, String otherKey, int otherPort) {
        if (port != 0 && port == otherPort) {
            throw new ConfigException(key + " and " + otherKey + " are both " + port
                    + ": each server needs a port of its own; change one of them");
        }
    }
}
