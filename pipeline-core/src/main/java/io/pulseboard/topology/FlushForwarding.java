package io.pulseboard.topology;

import java.util.function.Consumer;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Publishes a cached window store's updated windows when its cache flushes (at every commit, and
 * when the cache evicts), once per window and commit, instead of once per update: what Kafka
 * Streams' own windowed aggregation does ({@code KStreamWindowAggregate} with a
 * {@code TimestampedCacheFlushListener}). The flush runs inside the commit, before its
 * transaction, so the published windows commit with the store and the input offsets.
 *
 * <p>The Processor API has no public hook for this: it uses Kafka Streams' internal
 * {@code CachedStateStore} and {@code InternalProcessorContext}, as the DSL does (Kafka Streams
 * 4.4). If the store has no cache, or those types change, {@link #install} says so by returning
 * false, and the caller publishes every update itself.
 */
final class FlushForwarding {

    private FlushForwarding() {}

    /**
     * @param onFlush called on the processor's own node for every flushed window with its new sums
     * @return whether flushes will publish (false: no cache, or not Kafka Streams' internal types)
     */
    @SuppressWarnings("unchecked")
    static <A> boolean install(
            ProcessorContext<?, ?> context,
            WindowStore<String, A> store,
            Consumer<Record<Windowed<String>, A>> onFlush) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal)
                || !(store instanceof CachedStateStore<?, ?> cached)) {
            return false;
        }
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        CacheFlushListener<Windowed<String>, A> listener = record -> {
            A sums = record.value().newValue;
            if (sums == null) {
                return; // a window removed from the store, which this topology never does
            }
            ProcessorNode<?, ?, ?, ?> previous = internal.currentNode();
            internal.setCurrentNode(node);
            try {
                onFlush.accept(record.withValue(sums));
            } finally {
                internal.setCurrentNode(previous);
            }
        };
        return ((CachedStateStore<Windowed<String>, A>) cached).setFlushListener(listener, false);
    }
}
