package io.pulseboard.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the pipeline with its partitions, the topic-level settings it is created with, and the
 * serdes of its records.
 *
 * @param name topic name
 * @param partitions partitions to create it with
 * @param configs topic settings to create it with, e.g. {@code cleanup.policy=compact}; never null
 */
public record TopicSpec<K, V>(
        String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(configs);
    }

    /** A topic with the broker's default settings. */
    public TopicSpec(String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde) {
        this(name, partitions, keySerde, valueSerde, Map.of());
    }

    /** A compacted topic: the latest record per key is kept (reference data, read as tables). */
    public static <K, V> TopicSpec<K, V> compacted(
            String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TopicSpec<>(name, partitions, keySerde, valueSerde, Map.of("cleanup.policy", "compact"));
    }
}
