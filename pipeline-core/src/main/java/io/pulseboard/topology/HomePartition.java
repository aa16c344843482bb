package io.pulseboard.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Tells the events that are already at their key's home partition from those that must cross a
 * repartition to reach it (docs/adr/0017). A key's home is the partition Kafka's default
 * partitioner gives its UTF-8 bytes among the topic's configured partitions, so a producer that
 * keys its records by that key (as Pulseboard's does) needs no repartition at all, and a producer
 * that keys them otherwise (or not at all, as kcat does) still gets every key summed in one place:
 * its events go through {@link #partitioner()}, which sends them to that same home.
 *
 * @param <T> the event
 */
final class HomePartition<T> implements Processor<String, T, String, HomePartition.Placed<T>> {

    /** An event and whether it is at its key's home partition already. */
    record Placed<T>(T event, boolean atHome) {}

    private final int partitions;
    private ProcessorContext<String, Placed<T>> context;

    HomePartition(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.partitions = partitions;
    }

    /** The home partition of a key among {@code partitions}. */
    static int home(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The repartition's partitioner: every record to its key's home. */
    static <T> StreamPartitioner<String, T> partitioner() {
        return (topic, key, value, numPartitions) -> java.util.Optional.of(java.util.Set.of(home(key, numPartitions)));
    }

    @Override
    public void init(ProcessorContext<String, Placed<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, T> record) {
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        boolean atHome = partition == home(record.key(), partitions);
        if (!atHome) {
            // Judged in another task, which can no longer see where the event was read.
            SourceHeaders.Source.of(context, record.headers()).addTo(record.headers());
        }
        context.forward(record.withValue(new Placed<>(record.value(), atHome)));
    }
}
