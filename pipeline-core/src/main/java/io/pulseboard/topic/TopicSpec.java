package io.pulseboard.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic of the pipeline with its partitions and the serdes of its records.
 *
 * @param name topic name
 * @param partitions partitions to create it with
 */
public record TopicSpec<K, V>(String name, int partitions, Serde<K> keySerde, Serde<V> valueSerde) {}
