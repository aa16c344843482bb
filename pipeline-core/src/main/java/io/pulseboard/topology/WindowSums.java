package io.pulseboard.topology;

import java.time.Instant;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds each partial sum ({@link PartialSums}), or the sums of one event ({@link Arrivals}), to the
 * windows of its bucket in a window store and publishes every updated window. It drops nothing:
 * lateness was decided, whole, in the task that read the events, and the store keeps windows far
 * longer than their grace. With the store's cache, a window is published when the cache flushes (at
 * each commit), once however many updates it had since the last ({@link FlushForwarding}).
 *
 * @param <A> the sums
 * @param <O> the published form of one window's sums
 */
final class WindowSums<A, O> implements Processor<String, A, String, O> {

    /** Turns a key's window sums into the published form. */
    interface Publish<A, O> {
        O apply(String key, A sums, Instant windowStart, Instant windowEnd);
    }

    private final String storeName;
    private final TimeWindows windows;
    private final Supplier<A> empty;
    private final BinaryOperator<A> merge;
    private final Publish<A, O> publish;
    private ProcessorContext<String, O> context;
    private WindowStore<String, A> store;
    /** Whether the store's cache publishes at flush (once per window and commit) instead of process. */
    private boolean publishOnFlush;

    WindowSums(
            String storeName, TimeWindows windows, Supplier<A> empty, BinaryOperator<A> merge, Publish<A, O> publish) {
        this.storeName = storeName;
        this.windows = windows;
        this.empty = empty;
        this.merge = merge;
        this.publish = publish;
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.publishOnFlush = FlushForwarding.install(
                context,
                store,
                flushed -> context.forward(new Record<>(
                        flushed.key().key(),
                        publish.apply(
                                flushed.key().key(),
                                flushed.value(),
                                flushed.key().window().startTime(),
                                flushed.key().window().endTime()),
                        flushed.timestamp(),
                        flushed.headers())));
    }

    @Override
    public void process(Record<String, A> record) {
        String key = record.key();
        for (Window window : windows.windowsFor(record.timestamp()).values()) {
            A current = store.fetch(key, window.start());
            A updated = merge.apply(current == null ? empty.get() : current, record.value());
            store.put(key, updated, window.start());
            if (!publishOnFlush) {
                context.forward(record.withValue(publish.apply(key, updated, window.startTime(), window.endTime())));
            }
        }
    }
}
