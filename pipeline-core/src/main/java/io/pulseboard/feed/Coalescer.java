package io.pulseboard.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs an action after something changed: at once when it last ran at least {@code minInterval} ago,
 * otherwise when that interval has passed since its last start; changes meanwhile are coalesced into
 * that one run. Never more than one run scheduled or in flight, never a busy loop: at most one run per
 * {@code minInterval}, and none without a change.
 *
 * <p>The metrics feed builds its snapshots this way after each batch the output reader applies, and
 * the dashboard applies snapshots this way after each arrival (ADR 0007). {@link #changed()} may be
 * called from any thread; the action runs where the {@link Scheduler} runs it.
 */
public final class Coalescer {

    /** Runs a task once after a delay (zero: as soon as it can), on the thread the action belongs to. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }

    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final Scheduler scheduler;
    private final Runnable action;

    private boolean dirty;
    private boolean scheduled;
    private boolean running;
    private boolean ranOnce;
    private long lastStartNanos;

    /**
     * @param minInterval the least time between the starts of two runs; positive
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; a test's own)
     * @param scheduler runs the action; a scheduler that refuses (closing) throws, and the change is dropped
     * @param action what to run; its exceptions reach the scheduler's thread after the next run is arranged
     */
    public Coalescer(Duration minInterval, LongSupplier nanoTime, Scheduler scheduler, Runnable action) {
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("The coalescer's interval is " + minInterval + ": use a positive one");
        }
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Something changed: arranges a run unless one is already scheduled or running. Any thread. */
    public void changed() {
        Duration delay;
        synchronized (this) {
            dirty = true;
            if (scheduled || running) {
                return;
            }
            scheduled = true;
            delay = delay();
        }
        schedule(delay);
    }

    private void run() {
        synchronized (this) {
            scheduled = false;
            running = true;
            dirty = false;
            ranOnce = true;
            lastStartNanos = nanoTime.getAsLong();
        }
        try {
            action.run();
        } finally {
            Duration delay;
            synchronized (this) {
                running = false;
                // A change during the run is not in what it built: one more run, an interval after this one's start.
                if (dirty) {
                    scheduled = true;
                    delay = delay();
                } else {
                    delay = null;
                }
            }
            if (delay != null) {
                schedule(delay);
            }
        }
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::run, delay);
        } catch (RuntimeException e) {
            synchronized (this) {
                scheduled = false;
            }
            throw e;
        }
    }

    /** Holding the lock: how long until the next run may start. */
    private Duration delay() {
        if (!ranOnce) {
            return Duration.ZERO;
        }
        long wait = lastStartNanos + minIntervalNanos - nanoTime.getAsLong();
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }
}
