package io.pulseboard.runtime;

import io.pulseboard.feed.PipelineSnapshot;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Latency samples, summarised on demand: the most recent ones in a ring buffer (what the dashboard
 * shows), and every one since the last {@link #reset()} in an HdrHistogram (what the benchmark
 * reports for its measured interval). Thread-safe.
 */
final class LatencyRecorder {

    private final long[] samples;
    /** Milliseconds up to an hour, three significant digits; longer ones are clamped to an hour. */
    private final Histogram sinceReset = new Histogram(3_600_000L, 3);

    private int next;
    private int size;

    LatencyRecorder(int capacity) {
        samples = new long[capacity];
    }

    synchronized void record(long millis) {
        samples[next] = Math.max(0, millis);
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
        sinceReset.recordValue(Math.min(Math.max(0, millis), sinceReset.getHighestTrackableValue()));
    }

    synchronized void reset() {
        next = 0;
        size = 0;
        sinceReset.reset();
    }

    /** Every sample since the last reset (not only the most recent ones). */
    synchronized PipelineSnapshot.LatencySummary summarySinceReset() {
        if (sinceReset.getTotalCount() == 0) {
            return PipelineSnapshot.LatencySummary.NONE;
        }
        return new PipelineSnapshot.LatencySummary(
                sinceReset.getValueAtPercentile(50),
                sinceReset.getValueAtPercentile(99),
                sinceReset.getMaxValue(),
                (int) Math.min(Integer.MAX_VALUE, sinceReset.getTotalCount()));
    }

    synchronized PipelineSnapshot.LatencySummary summary() {
        if (size == 0) {
            return PipelineSnapshot.LatencySummary.NONE;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new PipelineSnapshot.LatencySummary(
                sorted[percentileIndex(50)], sorted[percentileIndex(99)], sorted[size - 1], size);
    }

    private int percentileIndex(int percentile) {
        return Math.min(size - 1, (int) Math.ceil(percentile / 100.0 * size) - 1);
    }
}
