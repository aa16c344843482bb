package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.kafka.HangingTransactionWatch.Tracker;
import io.pulseboard.stack.kafka.HangingTransactions.Look;
import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Only a transaction seen open, without a break, for the whole grace period and hanging now is due. */
class HangingTransactionWatchTest {

    private static final long GRACE = Duration.ofSeconds(80).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Open A = new Open(new TopicPartition("sales-metrics", 0), 7, 3, 2, 767, 41);
    private static final Open B = new Open(new TopicPartition("sales-metrics", 1), 7, 3, 2, 12, 5);

    private static Look hanging(Open... open) {
        return new Look(List.of(open), List.of(), List.of());
    }

    private static Look notJudged(Open... open) {
        return new Look(List.of(), List.of(open), List.of());
    }

    @Test
    void aTransactionHangingForTheWholeGracePeriodIsDueAndNotBefore() {
        Tracker tracker = new Tracker(GRACE);

        assertThat(tracker.seen(hanging(A), 0)).isEmpty();
        assertThat(tracker.seen(hanging(A), 79 * SECOND)).isEmpty();
        assertThat(tracker.seen(hanging(A), 80 * SECOND)).containsExactly(A);
    }

    @Test
    void aTransactionThatStopsLookingOpenStartsOver() {
        Tracker tracker = new Tracker(GRACE);
        tracker.seen(hanging(A, B), 0);

        // B was completed (or changed) at 40 s, and looks hanging again at 45 s: a new clock.
        assertThat(tracker.seen(hanging(A), 40 * SECOND)).isEmpty();
        assertThat(tracker.seen(hanging(A, B), 45 * SECOND)).isEmpty();
        assertThat(tracker.seen(hanging(A, B), 80 * SECOND)).containsExactly(A);
        assertThat(tracker.seen(hanging(A, B), 125 * SECOND)).containsExactly(A, B);
    }

    @Test
    void whileItsProducerCommitsATransactionKeepsItsClockButIsNeverDueInThatLook() {
        // Kafka Streams commits every few milliseconds under the same producer id: a look often
        // lands while its coordinator writes markers. A true hang of that producer must come due.
        Tracker tracker = new Tracker(GRACE);
        tracker.seen(hanging(A), 0);

        assertThat(tracker.seen(notJudged(A), 50 * SECOND)).isEmpty();
        assertThat(tracker.seen(notJudged(A), 85 * SECOND))
                .as("not judged: never aborted")
                .isEmpty();
        assertThat(tracker.isEmpty()).isFalse();
        assertThat(tracker.seen(hanging(A), 90 * SECOND)).containsExactly(A);
    }

    @Test
    void aTransactionLeftToItsCoordinatorForTheWholeGracePeriodIsReportedOnce() {
        Tracker tracker = new Tracker(GRACE);
        tracker.seen(notJudged(A), 0);
        assertThat(tracker.newlyStuck(10 * SECOND)).isEmpty();

        tracker.seen(notJudged(A), 81 * SECOND);

        assertThat(tracker.newlyStuck(81 * SECOND)).containsExactly(A);
        tracker.seen(notJudged(A), 86 * SECOND);
        assertThat(tracker.newlyStuck(86 * SECOND)).isEmpty();
    }

    @Test
    void aFailedLookStartsEveryClockOver() {
        Tracker tracker = new Tracker(GRACE);
        tracker.seen(hanging(A), 0);

        tracker.lookFailed();

        assertThat(tracker.seen(hanging(A), 80 * SECOND))
                .as("seen anew at 80 s")
                .isEmpty();
        assertThat(tracker.seen(hanging(A), 160 * SECOND)).containsExactly(A);
    }

    @Test
    void anAbortedTransactionIsForgotten() {
        Tracker tracker = new Tracker(GRACE);
        tracker.seen(hanging(A), 0);

        tracker.forget(A);

        assertThat(tracker.isEmpty()).isTrue();
        assertThat(tracker.seen(hanging(A), 100 * SECOND)).as("seen anew").isEmpty();
    }

    @Test
    void theGraceOutlastsAnyLiveTransactionOfTheEmbeddedBroker() {
        assertThat(BrokerProperties.HANGING_TRANSACTION_GRACE)
                .isGreaterThan(
                        BrokerProperties.TRANSACTION_MAX_TIMEOUT.plus(BrokerProperties.TRANSACTION_CLEANUP_INTERVAL));
    }
}
