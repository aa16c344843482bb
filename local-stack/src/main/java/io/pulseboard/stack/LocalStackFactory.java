package io.pulseboard.stack;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import java.util.Objects;

/**
 * Picks how the local stack runs on this machine. Today that is always in-JVM ({@link
 * EmbeddedKafkaStack}); once a docker-compose provider exists, it will be chosen where a Docker
 * engine answers, the way kroxylicious' {@code KafkaClusterFactory} picks in-VM or container.
 *
 * <p>Immutable and thread-safe; build one in the composition root and pass it down.
 */
public final class LocalStackFactory {
    private final EmbeddedKafkaConfig kafkaConfig;

    /**
     * @param kafkaConfig settings of the embedded Kafka broker; never null
     */
    public LocalStackFactory(EmbeddedKafkaConfig kafkaConfig) {
        this.kafkaConfig = Objects.requireNonNull(kafkaConfig, "kafkaConfig");
    }

    /**
     * @param directories the OS-standard directories of this machine; never null
     * @return a factory whose stacks keep their data under {@link AppDirectories#dataHome()}
     */
    public static LocalStackFactory inAppData(AppDirectories directories) {
        return new LocalStackFactory(EmbeddedKafkaConfig.inAppData(directories));
    }

    /**
     * Creates a stack; nothing starts until {@link LocalStack#start()}.
     *
     * @param progress told about each part's life-cycle; never null
     * @return a new, unstarted stack; never null
     */
    public LocalStack create(StackProgress progress) {
        return new EmbeddedKafkaStack(kafkaConfig, progress);
    }
}
