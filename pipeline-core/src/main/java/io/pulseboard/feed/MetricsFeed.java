package io.pulseboard.feed;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link PipelineSnapshot}s to listeners. Plain Java: the UI and the command line both
 * subscribe. Listeners are called on the runtime's feed thread and must return quickly (a UI hands
 * the snapshot to its own thread; never block here).
 */
public final class MetricsFeed {

    private static final Logger log = LoggerFactory.getLogger(MetricsFeed.class);

    private final CopyOnWriteArrayList<Consumer<PipelineSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<PipelineSnapshot> latest = new AtomicReference<>();

    /** Registers a listener; closing the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<PipelineSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The newest snapshot, empty before the first one. */
    public Optional<PipelineSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    /**
     * Keeps {@code snapshot} as the latest and hands it to every listener, on the calling thread. Called
     * by the producer of the snapshots only (the runtime, on its feed thread); views subscribe.
     */
    public void publish(PipelineSnapshot snapshot) {
        latest.set(snapshot);
        for (Consumer<PipelineSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                // One faulty listener must not starve the others; it is told through the log once per failure.
                log.warn("A metrics feed listener failed", e);
            }
        }
    }
}
