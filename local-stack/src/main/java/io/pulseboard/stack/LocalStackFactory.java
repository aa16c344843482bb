package io.pulseboard.stack;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import java.util.Objects;

/**
 * Picks how the local stack runs on this machine. Today that is always {@link EmbeddedStack} (Kafka in
 * this JVM, Redis as a child process); once a docker-compose provider exists, it will be chosen where a Docker
 * engine answers, the way kroxylicious' {@code KafkaClusterFactory} picks in-VM or container.
 *
 * <p>Immutable and thread-safe; build one in the composition root and pass it down.
 */
public final class LocalStackFactory {
    private final EmbeddedKafkaConfig kafkaConfig;
    private final RedisServerConfig redisConfig;

    /**
     * @param kafkaConfig settings of the embedded Kafka broker; never null
     * @param redisConfig settings of the Redis server process; never null
     */
    public LocalStackFactory(EmbeddedKafkaConfig kafkaConfig, RedisServerConfig redisConfig) {
        this.kafkaConfig = Objects.requireNonNull(kafkaConfig, "kafkaConfig");
        this.redisConfig = Objects.requireNonNull(redisConfig, "redisConfig");
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return a factory whose stacks keep their data under {@link AppDirectories#dataHome()}: Kafka in
     *     {@link AppDirectories#kafkaDataDir()}, Redis in {@link AppDirectories#redisDataDir()}
     */
    public static LocalStackFactory inAppData(AppDirectories directories) {
        return new LocalStackFactory(
                EmbeddedKafkaConfig.inAppData(directories), RedisServerConfig.inAppData(directories));
    }

    /**
     * Creates a stack; nothing starts until {@link LocalStack#start()}.
     *
     * @param progress told about each part's life-cycle; never null
     * @return a new, unstarted stack; never null
     */
    public LocalStack create(StackProgress progress) {
        return new EmbeddedStack(kafkaConfig, redisConfig, progress);
    }
}
