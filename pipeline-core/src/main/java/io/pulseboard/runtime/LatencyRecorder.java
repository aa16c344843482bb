package io.pulseboard.runtime;

import java.util.Arrays;

/** The most recent latency samples in a ring buffer, summarised on demand. Thread-safe. */
final class LatencyRecorder {

    private final long[] samples;
    private int next;
    private int size;

    LatencyRecorder(int capacity) {
        samples = new long[capacity];
    }

    synchronized void record(long millis) {
        samples[next] = Math.max(0, millis);
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    synchronized void reset() {
        next = 0;
        size = 0;
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
