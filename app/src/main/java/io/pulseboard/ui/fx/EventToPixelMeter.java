package io.pulseboard.ui.fx;

import java.time.Clock;
import java.time.Instant;
import javafx.scene.Scene;
import org.HdrHistogram.Histogram;

/**
 * Event-to-pixel latency: from an event's time to the pulse in which a value including it is first
 * laid out, for every event, where the event time of a value is the newest event behind it. FX
 * thread only.
 *
 * <p>"Rendered" is a one-shot {@link Scene#addPostLayoutPulseListener} listener registered when a
 * new value is applied. It runs in the pulse that lays the new value out: after that pulse's
 * animations (where the dashboard's cadence applies snapshots), CSS and layout passes, and just
 * before the scene graph is handed to the renderer thread. That is the closest point to the frame
 * that JavaFX offers to application code; the renderer then draws the frame on its own thread (a
 * few milliseconds under software rendering, see the renderer thread's busy share).
 *
 * <p>"Every event": a value laid out at P whose newest event is at N, after one whose newest event
 * was at N0, is the first to show every event in (N0, N]; so each millisecond of that event time is
 * one sample, P - e for e in (N0, N]. With events at a steady rate (the render bench holds the
 * generator at its target) that is the distribution over events: an event just after N0 waited for
 * the whole gap between two values, the newest one only for the pipeline and the hand-over. The
 * first value after {@link #reset()} is only the start of the first span. Several values applied
 * before one layout pulse are one value, the newest (only it reaches the screen). Each sample is
 * also split at the moment the value's snapshot was taken: event to snapshot (the pipeline, the
 * output reader, the feed's wait for its next snapshot) and snapshot to pixel (the hand-over to the
 * FX thread, the dashboard's cadence, the layout).
 *
 * <p>Beside it, {@link #newestToPixel()}: one sample per value, from its newest event to its pixel
 * (the output reader's freshness carried on to the screen). It leaves out how long the events
 * before the newest waited, and so the gaps between values: a value a second shows fresh figures
 * once a second, and this figure does not say how old they grew in between.
 */
public final class EventToPixelMeter {

    /** Milliseconds up to an hour, three significant digits; longer ones are clamped to an hour. */
    private final Histogram histogram = new Histogram(3_600_000L, 3);

    private final Histogram toSnapshot = new Histogram(3_600_000L, 3);
    private final Histogram snapshotToPixel = new Histogram(3_600_000L, 3);
    private final Histogram newestToPixel = new Histogram(3_600_000L, 3);

    private final Scene scene;
    private final Clock clock;
    private final Runnable onLayout = this::laidOut;
    /** The newest event time laid out; null before the first value since the last reset. */
    private Instant newestShown;

    private Instant waiting;
    private Instant waitingSnapshot;
    private long values;

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
        if ((newestShown != null && !eventTime.isAfter(newestShown))
                || (waiting != null && !eventTime.isAfter(waiting))) {
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
        long pixel = clock.millis();
        long newest = waiting.toEpochMilli();
        long taken = waitingSnapshot.toEpochMilli();
        if (newestShown != null) {
            values++;
            long from = newestShown.toEpochMilli();
            for (long e = from + 1; e <= newest; e++) {
                record(histogram, pixel - e, 1);
                record(toSnapshot, taken - e, 1);
            }
            record(snapshotToPixel, pixel - taken, newest - from);
            record(newestToPixel, pixel - newest, 1);
        }
        newestShown = waiting;
        waiting = null;
    }

    private static void record(Histogram h, long millis, long count) {
        h.recordValueWithCount(Math.min(Math.max(0, millis), h.getHighestTrackableValue()), count);
    }

    /** Forgets the samples so far (e.g. after a warm-up); the next value starts the first span. */
    public void reset() {
        histogram.reset();
        toSnapshot.reset();
        snapshotToPixel.reset();
        newestToPixel.reset();
        newestShown = null;
        values = 0;
    }

    /** Event to pixel, one sample per millisecond of event time shown since the last {@link #reset()}. */
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

    /** One sample per value: its newest event to the pulse that laid it out. */
    public Summary newestToPixel() {
        return summary(newestToPixel);
    }

    /** Values laid out with a newer event since the last {@link #reset()} (the first not counted). */
    public long values() {
        return values;
    }

    private Summary summary(Histogram h) {
        return h.getTotalCount() == 0
                ? new Summary(0, 0, 0, 0, values)
                : new Summary(
                        h.getValueAtPercentile(50),
                        h.getValueAtPercentile(99),
                        h.getMaxValue(),
                        h.getTotalCount(),
                        values);
    }

    /**
     * @param p50Ms median, milliseconds
     * @param p99Ms 99th percentile, milliseconds
     * @param maxMs largest sample, milliseconds
     * @param samples milliseconds of event time shown (0: none, and the figures are 0)
     * @param values the new values laid out that they came in
     */
    public record Summary(long p50Ms, long p99Ms, long maxMs, long samples, long values) {}
}
