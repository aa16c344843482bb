package io.pulseboard.ui.fx;

import java.time.Clock;
import java.time.Instant;
import javafx.scene.Scene;
import org.HdrHistogram.Histogram;

/**
 * Event-to-pixel latency: from the time of the newest event behind a value the dashboard shows to
 * the pulse in which that value is laid out. FX thread only.
 *
 * <p>"Rendered" is a one-shot {@link Scene#addPostLayoutPulseListener} listener registered when a
 * new value is applied. It runs in the pulse that lays the new value out: after that pulse's
 * animations (where the dashboard's cadence applies snapshots), CSS and layout passes, and just
 * before the scene graph is handed to the renderer thread. That is the closest point to the frame
 * that JavaFX offers to application code; the renderer then draws the frame on its own thread (a
 * few milliseconds under software rendering, see the renderer thread's busy share).
 *
 * <p>Several values applied before one layout pulse give one sample, for the newest of them (only
 * it reaches the screen). A value whose event time is not newer than the last one measured is no
 * sample: nothing new is shown. Each sample is also split at the moment the value's snapshot was
 * taken: event to snapshot (the pipeline, the output reader and the feed's wait for its next
 * snapshot) and snapshot to pixel (the hand-over to the FX thread, the dashboard's cadence, the
 * layout).
 */
public final class EventToPixelMeter {

    /** Milliseconds up to an hour, three significant digits; longer ones are clamped to an hour. */
    private final Histogram histogram = new Histogram(3_600_000L, 3);

    private final Histogram toSnapshot = new Histogram(3_600_000L, 3);
    private final Histogram snapshotToPixel = new Histogram(3_600_000L, 3);

    private final Scene scene;
    private final Clock clock;
    private final Runnable onLayout = this::laidOut;
    private Instant newestMeasured = Instant.EPOCH;
    private Instant waiting;
    private Instant waitingSnapshot;

    /**
     * @param scene the scene that shows the values
     * @param clock the wall clock the events' times are read against (the generator's, in the local demo)
     */
    public EventToPixelMeter(Scene scene, Clock clock) {
        this.scene = scene;
        this.clock = clock;
    }

    /**
     * A value with data up to {@code eventTime}, from a snapshot taken at {@code snapshotTime}, was just
     * applied to the scene graph. FX thread.
     */
    public void applied(Instant eventTime, Instant snapshotTime) {
        if (!eventTime.isAfter(newestMeasured) || (waiting != null && !eventTime.isAfter(waiting))) {
            return;
        }
        if (waiting == null) {
            scene.addPostLayoutPulseListener(onLayout);
        }
        waiting = eventTime;
        waitingSnapshot = snapshotTime;
    }

    private void laidOut() {
        scene.removePostLayoutPulseListener(onLayout);
        long now = clock.millis();
        record(histogram, now - waiting.toEpochMilli());
        record(toSnapshot, waitingSnapshot.toEpochMilli() - waiting.toEpochMilli());
        record(snapshotToPixel, now - waitingSnapshot.toEpochMilli());
        newestMeasured = waiting;
        waiting = null;
    }

    private static void record(Histogram h, long millis) {
        h.recordValue(Math.min(Math.max(0, millis), h.getHighestTrackableValue()));
    }

    /** Forgets the samples so far (e.g. after a warm-up). */
    public void reset() {
        histogram.reset();
        toSnapshot.reset();
        snapshotToPixel.reset();
    }

    /** The samples since the last {@link #reset()}: event to pixel. */
    public Summary summary() {
        return summary(histogram);
    }

    /** The first part of each sample: event to the snapshot that carried it. */
    public Summary eventToSnapshot() {
        return summary(toSnapshot);
    }

    /** The second part of each sample: the snapshot to the layout pulse that showed it. */
    public Summary snapshotToPixel() {
        return summary(snapshotToPixel);
    }

    private static Summary summary(Histogram h) {
        return h.getTotalCount() == 0
                ? new Summary(0, 0, 0, 0)
                : new Summary(
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), h.getTotalCount());
    }

    /**
     * @param p50Ms median, milliseconds
     * @param p99Ms 99th percentile, milliseconds
     * @param maxMs largest sample, milliseconds
     * @param samples values laid out (0: none, and the figures are 0)
     */
    public record Summary(long p50Ms, long p99Ms, long maxMs, long samples) {}
}
