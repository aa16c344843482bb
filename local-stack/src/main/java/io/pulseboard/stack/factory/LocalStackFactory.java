package io.pulseboard.stack.factory;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.embedded.EmbeddedStack;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import java.util.Objects;
import java.util.Set;

/**
 * Picks how the local stack runs on this machine. Today that is always {@link EmbeddedStack} (Kafka in
 * this JVM, Redis, ClickHouse and PostgreSQL as child processes); once a docker-compose provider exists, it will be
 * chosen where a Docker engine answers, the way kroxylicious' {@code KafkaClusterFactory} picks in-VM or
 * container.
 *
 * <p>Immutable and thread-safe; build one in the composition root and pass it down.
 */
public final class LocalStackFactory {
    private final EmbeddedKafkaConfig kafkaConfig;
    private final RedisServerConfig redisConfig;
    private final ClickHouseServerConfig clickhouseConfig;
    private final PostgresServerConfig postgresConfig;

    /**
     * @param kafkaConfig settings of the embedded Kafka broker; never null
     * @param redisConfig settings of the Redis server process; never null
     * @param clickhouseConfig settings of the ClickHouse server process; never null
     * @param postgresConfig settings of the PostgreSQL server process; never null
     */
    public LocalStackFactory(
            EmbeddedKafkaConfig kafkaConfig,
            RedisServerConfig redisConfig,
            ClickHouseServerConfig clickhouseConfig,
            PostgresServerConfig postgresConfig) {
        this.kafkaConfig = Objects.requireNonNull(kafkaConfig, "kafkaConfig");
        this.redisConfig = Objects.requireNonNull(redisConfig, "redisConfig");
        this.clickhouseConfig = Objects.requireNonNull(clickhouseConfig, "clickhouseConfig");
        this.postgresConfig = Objects.requireNonNull(postgresConfig, "postgresConfig");
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return a factory whose stacks keep their data under {@link AppDirectories#dataHome()}: Kafka in
     *     {@link AppDirectories#kafkaDataDir()}, Redis in {@link AppDirectories#redisDataDir()}, ClickHouse
     *     in {@link AppDirectories#clickhouseDataDir()}, PostgreSQL in {@link AppDirectories#postgresDataDir()}
     */
    public static LocalStackFactory inAppData(AppDirectories directories) {
        return new LocalStackFactory(
                EmbeddedKafkaConfig.inAppData(directories),
                RedisServerConfig.inAppData(directories),
                ClickHouseServerConfig.inAppData(directories),
                PostgresServerConfig.inAppData(directories));
    }

    /**
     * The ports the user asked for ({@code pulseboard.stack.*}); 0 leaves a port to the stack: Kafka's
     * stored in its data directory, else a free one ({@link EmbeddedKafkaConfig#clientPort()}), Redis a
     * free one. An explicit Kafka port wins over the stored one and is stored.
     *
     * @param kafkaPort the embedded Kafka's client port, 0 to 65535
     * @param kafkaControllerPort its KRaft controller port, 0 to 65535
     * @param redisPort the Redis server's port, 0 to 65535
     * @return a copy with those ports; never null
     * @throws IllegalArgumentException if a port is out of range, or Kafka's two ports are the same
     */
    public LocalStackFactory withPorts(int kafkaPort, int kafkaControllerPort, int redisPort) {
        return new LocalStackFactory(
                kafkaConfig.withClientPort(kafkaPort).withControllerPort(kafkaControllerPort),
                redisConfig.withPort(redisPort),
                clickhouseConfig,
                postgresConfig);
    }

    /**
     * @param preference which PostgreSQL server binaries the stack runs
     * @return a copy whose PostgreSQL part takes them; never null
     */
    public LocalStackFactory withPostgresBinaries(io.pulseboard.stack.postgres.PostgresBinaryPreference preference) {
        return new LocalStackFactory(
                kafkaConfig, redisConfig, clickhouseConfig, postgresConfig.withPreference(preference));
    }

    /**
     * Creates a stack; nothing starts until {@link LocalStack#start()}.
     *
     * @param parts the parts to run: {@link StackPart#KAFKA} always runs, whether or not it is in the set;
     *     {@link StackPart#REDIS}, {@link StackPart#CLICKHOUSE} and {@link StackPart#POSTGRES} only when they
     *     are in it; never null
     * @param progress told about each part's life-cycle; never null
     * @return a new, unstarted stack; never null
     */
    public LocalStack create(Set<StackPart> parts, StackProgress progress) {
        return new EmbeddedStack(parts, kafkaConfig, redisConfig, clickhouseConfig, postgresConfig, progress);
    }
}
