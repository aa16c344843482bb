package io.pulseboard.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step of the customer path (docs/adr/0017), in the task that read the event: judges
 * lateness as {@link PartialSums} does (docs/adr/0002), against the newest event time this input
 * partition accepted, and turns every timely event into the sums of one event, placed: at its key's
 * home partition already, or not.
 *
 * <p>A key's home is the partition Kafka's default partitioner gives its UTF-8 bytes among the
 * topic's configured partitions ({@link #home}). A producer that keys its records by the customer
 * (as Pulseboard's does) puts every event at its home when the topic has the configured partitions;
 * one that keys them otherwise, or not at all (kcat), sends them through {@link #partitioner()},
 * which takes each to that same home, so every customer is summed in one task whatever the keys and
 * the real partition count.
 *
 * <p>The stream time ({@link Lateness}) is saved to its store every {@code saveInterval}
 * (wall-clock), as partial sums save theirs, so that a restart judges alike.
 *
 * @param <T> the event
 * @param <A> the sums
 */
final class Arrivals<T, A> implements Processor<String, T, String, Routed<Arrivals.Placed<A>>> {

    /** The sums of one timely event and whether it is at its key's home partition already. */
    record Placed<A>(A sums, boolean atHome) {}

    /** How to judge and sum an event, and how many partitions the homes are counted among. */
    record Spec<T, A>(
            String streamTimeStore,
            TimeWindows windows,
            Duration saveInterval,
            int partitions,
            Supplier<A> empty,
            BiFunction<A, T, A> add,
            Function<T, byte[]> reencode) {
        Spec {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
            }
        }
    }

    private final Spec<T, A> spec;
    private ProcessorContext<String, Routed<Placed<A>>> context;
    private Lateness lateness;

    Arrivals(Spec<T, A> spec) {
        this.spec = spec;
    }

    /** The home partition of a key among {@code partitions}: Kafka's default partitioner's choice. */
    static int home(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The repartition's partitioner: every record to its key's home. */
    static <V> StreamPartitioner<String, V> partitioner() {
        return (topic, key, value, numPartitions) -> Optional.of(Set.of(home(key, numPartitions)));
    }

    @Override
    public void init(ProcessorContext<String, Routed<Placed<A>>> context) {
        this.context = context;
        this.lateness = new Lateness(context.getStateStore(spec.streamTimeStore()), spec.windows());
        context.schedule(spec.saveInterval(), PunctuationType.WALL_CLOCK_TIME, now -> lateness.save());
    }

    @Override
    public void process(Record<String, T> record) {
        long lateEnd = lateness.lateWindowEnd(record.timestamp());
        if (lateEnd != Lateness.TIMELY) {
            context.forward(record.withValue((Routed<Placed<A>>)
                            new Routed.Rejected<Placed<A>>(lateness.letter(record, context, lateEnd, spec.reencode())))
                    .withHeaders(new RecordHeaders()));
            return;
        }
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        A one = spec.add().apply(spec.empty().get(), record.value());
        boolean atHome = partition == home(record.key(), spec.partitions());
        context.forward(record.withValue(new Routed.Accepted<>(new Placed<>(one, atHome))));
    }
}
