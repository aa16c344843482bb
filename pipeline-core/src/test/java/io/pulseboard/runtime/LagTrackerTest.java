package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LagTrackerTest {

    private static final Instant OUTAGE = Instant.parse("2026-12-01T13:22:01Z");

    @Test
    void namesATimeoutWithoutMessageByItsClassAndTheTimeSinceWhenTheLagIsUnknown() throws Exception {
        LagTracker tracker = new LagTracker(
                () -> {
                    throw new TimeoutException();
                },
                Clock.fixed(OUTAGE, ZoneOffset.UTC));

        LagTracker.Reading reading = tracker.read();

        assertThat(reading.problem())
                .contains("cannot read offsets from Kafka: TimeoutException: lag unknown since 13:22:01");
        assertThat(reading.unknownSince()).contains(OUTAGE);
        assertThat(reading.progress()).isEqualTo(new OffsetWatcher.Progress(0, 0, 0, 0));
    }

    @Test
    void describesTheCauseOfAnExecutionException() {
        assertThat(LagTracker.describe(new ExecutionException(
                        new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node"))))
                .isEqualTo("TimeoutException (Timed out waiting for a node)");
        assertThat(LagTracker.describe(new ExecutionException(null))).isEqualTo("ExecutionException");
        assertThat(LagTracker.describe(new IllegalStateException((String) null)))
                .isEqualTo("IllegalStateException");
    }

    @Test
    void keepsTheFirstFailureTimeAndTheLastKnownOffsetsThenClearsTheProblemOnceOffsetsAreReadAgain() throws Exception {
        Deque<Object> answers = new ArrayDeque<>();
        answers.add(new OffsetWatcher.Progress(100, 90, 50, 40));
        answers.add(new TimeoutException());
        answers.add(new ExecutionException(new org.apache.kafka.common.errors.DisconnectException()));
        answers.add(new OffsetWatcher.Progress(120, 120, 10, 15));
        MutableClock clock = new MutableClock(OUTAGE.minusSeconds(1));
        LagTracker tracker = new LagTracker(
                () -> {
                    Object next = answers.removeFirst();
                    if (next instanceof TimeoutException e) {
                        throw e;
                    }
                    if (next instanceof ExecutionException e) {
                        throw e;
                    }
                    return (OffsetWatcher.Progress) next;
                },
                clock);

        assertThat(tracker.read())
                .isEqualTo(new LagTracker.Reading(
                        new OffsetWatcher.Progress(100, 90, 50, 40), Optional.empty(), Optional.empty()));
        clock.now = OUTAGE;
        LagTracker.Reading first = tracker.read();
        clock.now = OUTAGE.plusSeconds(5);
        LagTracker.Reading second = tracker.read();
        clock.now = OUTAGE.plusSeconds(6);
        LagTracker.Reading recovered = tracker.read();

        assertThat(first)
                .isEqualTo(new LagTracker.Reading(
                        new OffsetWatcher.Progress(100, 90, 0, 0),
                        Optional.of(OUTAGE),
                        Optional.of("cannot read offsets from Kafka: TimeoutException: lag unknown since 13:22:01")));
        assertThat(second)
                .isEqualTo(new LagTracker.Reading(
                        new OffsetWatcher.Progress(100, 90, 0, 0),
                        Optional.of(OUTAGE),
                        Optional.of(
                                "cannot read offsets from Kafka: DisconnectException: lag unknown since 13:22:01")));
        assertThat(recovered)
                .isEqualTo(new LagTracker.Reading(
                        new OffsetWatcher.Progress(120, 120, 10, 15), Optional.empty(), Optional.empty()));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
