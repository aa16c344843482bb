package io.pulseboard.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link PipelineSnapshot}s to listeners. Plain Java: the UI and the command line both
 * subscribe. Listeners are called on the runtime's feed thread and must return quickly (a UI hands
 * the snapshot to its own thread; never block here). Snapshots come when something changed, up to
 * ten a second, and at least about once a second (each reading of the offsets).
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

    /**
     * Registers a listener that gets a snapshot only when it was taken at least {@code atMostEvery}
     * after the last one it got (the first at once): a terminal table once a second, while snapshots
     * come up to ten a second. Closing the returned handle removes it.
     */
    public AutoCloseable subscribe(Duration atMostEvery, Consumer<PipelineSnapshot> listener) {
        AtomicReference<Instant> lastDelivered = new AtomicReference<>();
        return subscribe(snapshot -> {
            Instant last = lastDelivered.get();
            if (last == null || !snapshot.takenAt().isBefore(last.plus(atMostEvery))) {
                lastDelivered.set(snapshot.takenAt());
                listener.accept(snapshot);
            }
        });
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
