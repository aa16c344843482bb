package io.pulseboard.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the valid events of one input partition per (key, window advance) before the repartition,
 * so that a few partial sums cross it instead of every event (docs/adr/0009). Windows start on
 * multiples of their advance, so every event of one advance-long bucket (a minute for the sales
 * windows, an hour for engagement) lands in the same windows, and the bucket's partial sum adds to
 * them exactly as its events would.
 *
 * <p>It also decides lateness (docs/adr/0002): an event whose earliest window closed before this
 * task's stream time (the newest event time it accepted) minus the grace goes to the dead letters
 * whole; every other event reaches all its windows, since nothing downstream drops a partial.
 *
 * <p>Partial sums live in a changelogged store and are forwarded and deleted together on a
 * wall-clock punctuation, so one exactly-once commit covers the input offsets, the partial sums
 * not yet forwarded and the forwarded ones alike: a crash loses or doubles nothing. The newest
 * event time is kept in a second store so that lateness is judged the same after a restart.
 *
 * @param <T> the event
 * @param <A> the sums
 */
final class PartialSums<T, A> implements Processor<String, T, String, Routed<A>> {

    /** What to sum and where to keep it. */
    record Spec<T, A>(
            String store,
            String streamTimeStore,
            TimeWindows windows,
            Duration flushInterval,
            Supplier<A> empty,
            BiFunction<A, T, A> add,
            ToLongFunction<A> newestEventMs,
            Function<T, byte[]> reencode) {}

    private final Spec<T, A> spec;
    /** The store's content, decoded: partial sums by store key, "bucketStartMs|key". */
    private final Map<String, A> partials = new HashMap<>();

    private ProcessorContext<String, Routed<A>> context;
    private KeyValueStore<String, A> store;
    private Lateness lateness;

    PartialSums(Spec<T, A> spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<String, Routed<A>> context) {
        this.context = context;
        this.store = context.getStateStore(spec.store());
        try (KeyValueIterator<String, A> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, A> kv = it.next();
                partials.put(kv.key, kv.value);
            }
        }
        lateness = new Lateness(context.getStateStore(spec.streamTimeStore()), spec.windows());
        context.schedule(spec.flushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, T> record) {
        long eventTime = record.timestamp();
        long lateEnd = lateness.lateWindowEnd(eventTime);
        if (lateEnd != Lateness.TIMELY) {
            context.forward(record.withValue((Routed<A>)
                            new Routed.Rejected<A>(lateness.letter(record, context, lateEnd, spec.reencode())))
                    .withHeaders(new RecordHeaders()));
            return;
        }
        String key = (eventTime - Math.floorMod(eventTime, spec.windows().advanceMs)) + "|" + record.key();
        A current = partials.get(key);
        A sum = spec.add().apply(current == null ? spec.empty().get() : current, record.value());
        partials.put(key, sum);
        store.put(key, sum);
    }

    /** Forwards every partial sum, timestamped with its newest event, and forgets it. */
    private void flush() {
        for (Map.Entry<String, A> e : partials.entrySet()) {
            A sum = e.getValue();
            String key = e.getKey();
            context.forward(new Record<>(
                    key.substring(key.indexOf('|') + 1),
                    (Routed<A>) new Routed.Accepted<>(sum),
                    spec.newestEventMs().applyAsLong(sum),
                    new RecordHeaders()));
            store.delete(key);
        }
        partials.clear();
        lateness.save();
    }
}
