package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    /** A scheduler that only queues: the test runs what is due and moves the clock itself. */
    private final class ManualScheduler implements Coalescer.Scheduler {
        private record Task(Runnable task, long dueNanos) {}

        private final List<Task> queued = new ArrayList<>();

        @Override
        public void schedule(Runnable task, Duration delay) {
            queued.add(new Task(task, now + delay.toNanos()));
        }

        /** Moves the clock forward by {@code millis}, running each task as it falls due. */
        void advance(long millis) {
            long until = now + Duration.ofMillis(millis).toNanos();
            while (true) {
                Task next = queued.stream()
                        .filter(t -> t.dueNanos() <= until)
                        .min((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                queued.remove(next);
                now = Math.max(now, next.dueNanos());
                next.task().run();
            }
            now = until;
        }
    }

    private long now = 1_000_000_000L;
    private int runs;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Coalescer coalescer = new Coalescer(INTERVAL, () -> now, scheduler, () -> runs++);

    @Test
    void aBurstOfChangesGivesOneRun() {
        for (int i = 0; i < 500; i++) {
            coalescer.changed();
        }
        assertThat(scheduler.queued).hasSize(1);
        assertThat(scheduler.queued.get(0).dueNanos()).isEqualTo(now);

        scheduler.advance(0);
        assertThat(runs).isEqualTo(1);
        scheduler.advance(1_000);
        assertThat(runs).isEqualTo(1);
        assertThat(scheduler.queued).isEmpty();
    }

    @Test
    void aChangeAfterTheQuietIntervalRunsAtOnce() {
        coalescer.changed();
        scheduler.advance(0);
        scheduler.advance(150);

        coalescer.changed();
        assertThat(scheduler.queued.get(0).dueNanos()).isEqualTo(now);
        scheduler.advance(0);
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void aChangeWithinTheIntervalWaitsForItsEnd() {
        coalescer.changed();
        scheduler.advance(30);
        coalescer.changed();
        coalescer.changed();

        scheduler.advance(69);
        assertThat(runs).isEqualTo(1);
        scheduler.advance(1);
        assertThat(runs).isEqualTo(2);
        scheduler.advance(1_000);
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void changesEveryMillisecondRunOncePerInterval() {
        for (int ms = 0; ms < 950; ms++) {
            coalescer.changed();
            scheduler.advance(1);
        }
        // At 0, 100, ..., 900 ms: ten runs for 950 changes, never more than one queued.
        assertThat(runs).isEqualTo(10);
        assertThat(scheduler.queued).hasSize(1);
        scheduler.advance(100);
        assertThat(runs).isEqualTo(11);
        assertThat(scheduler.queued).isEmpty();
    }

    @Test
    void aChangeDuringARunGivesOneMoreRunAnIntervalAfterItsStart() {
        List<Long> starts = new ArrayList<>();
        Coalescer[] slow = new Coalescer[1];
        slow[0] = new Coalescer(INTERVAL, () -> now, scheduler, () -> {
            starts.add(now);
            if (starts.size() == 1) {
                // Three changes while the first run builds, which takes 40 ms.
                slow[0].changed();
                slow[0].changed();
                slow[0].changed();
                now += Duration.ofMillis(40).toNanos();
            }
        });
        slow[0].changed();
        scheduler.advance(0);
        assertThat(starts).hasSize(1);
        assertThat(scheduler.queued).hasSize(1);

        scheduler.advance(1_000);
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1) - starts.get(0)).isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void aRefusingSchedulerDropsTheChangeAndALaterOneIsScheduledAgain() {
        boolean[] refuse = {true};
        List<Runnable> accepted = new ArrayList<>();
        Coalescer closing = new Coalescer(
                INTERVAL,
                () -> now,
                (task, delay) -> {
                    if (refuse[0]) {
                        throw new RejectedExecutionException("shut down");
                    }
                    accepted.add(task);
                },
                () -> runs++);

        assertThatThrownBy(closing::changed).isInstanceOf(RejectedExecutionException.class);
        refuse[0] = false;
        closing.changed();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new Coalescer(Duration.ZERO, () -> now, scheduler, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The coalescer's interval is PT0S: use a positive one");
    }
}
