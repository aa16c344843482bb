package io.pulseboard.topology;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds each event to its windows at its key's home partition and publishes every updated window
 * (docs/adr/0017): the path for keys with many values and few events each (customers), where
 * partial sums ({@link PartialSums}, docs/adr/0009) would sum nothing and add a store write, a
 * changelog record and a repartition per event.
 *
 * <p>It decides lateness as {@link PartialSums} does (docs/adr/0002): an event whose earliest window
 * closed before this task's stream time minus the grace goes to the dead letters whole; every other
 * event reaches all its windows. The stream time is saved to its store every {@code saveInterval}
 * (wall-clock), as partial sums save theirs.
 *
 * @param <T> the event
 * @param <A> the sums
 * @param <O> the published form of one window's sums
 */
final class EventWindows<T, A, O> implements Processor<String, T, String, Routed<O>> {

    /** Where the windows live and how an event adds to them. */
    record Spec<T, A, O>(
            String windowStore,
            String streamTimeStore,
            TimeWindows windows,
            Duration saveInterval,
            Supplier<A> empty,
            BiFunction<A, T, A> add,
            WindowSums.Publish<A, O> publish,
            Function<T, byte[]> reencode) {}

    private static final String STREAM_TIME_KEY = "stream-time";

    private final Spec<T, A, O> spec;
    private ProcessorContext<String, Routed<O>> context;
    private WindowStore<String, A> store;
    private KeyValueStore<String, Long> streamTimeStore;
    private long streamTime = Long.MIN_VALUE;
    private long savedStreamTime = Long.MIN_VALUE;

    EventWindows(Spec<T, A, O> spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<String, Routed<O>> context) {
        this.context = context;
        this.store = context.getStateStore(spec.windowStore());
        this.streamTimeStore = context.getStateStore(spec.streamTimeStore());
        Long saved = streamTimeStore.get(STREAM_TIME_KEY);
        streamTime = saved == null ? Long.MIN_VALUE : saved;
        savedStreamTime = streamTime;
        context.schedule(spec.saveInterval(), PunctuationType.WALL_CLOCK_TIME, now -> saveStreamTime());
    }

    @Override
    public void process(Record<String, T> record) {
        long eventTime = record.timestamp();
        streamTime = Math.max(streamTime, eventTime);
        TimeWindows windows = spec.windows();
        long earliestEnd = PartialSums.earliestWindowEnd(windows, eventTime);
        if (earliestEnd <= streamTime - windows.gracePeriodMs()) {
            context.forward(record.withValue((Routed<O>) new Routed.Rejected<O>(PartialSums.lateLetter(
                            record,
                            SourceHeaders.Source.of(context, record.headers()),
                            earliestEnd,
                            windows.gracePeriodMs(),
                            streamTime,
                            spec.reencode())))
                    .withHeaders(new RecordHeaders()));
            return;
        }
        String key = record.key();
        for (Window window : windows.windowsFor(eventTime).values()) {
            A current = store.fetch(key, window.start());
            A updated = spec.add().apply(current == null ? spec.empty().get() : current, record.value());
            store.put(key, updated, window.start());
            context.forward(new Record<>(
                    key,
                    (Routed<O>) new Routed.Accepted<>(
                            spec.publish().apply(key, updated, window.startTime(), window.endTime())),
                    eventTime,
                    new RecordHeaders()));
        }
    }

    private void saveStreamTime() {
        if (streamTime != savedStreamTime) {
            streamTimeStore.put(STREAM_TIME_KEY, streamTime);
            savedStreamTime = streamTime;
        }
    }
}
