package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.kafka.HangingTransactionWatch.Tracker;
import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Only a transaction seen hanging, without a break, for the whole grace period is due for an abort. */
class HangingTransactionWatchTest {

    private static final long GRACE = Duration.ofSeconds(80).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Open A = new Open(new TopicPartition("sales-metrics", 0), 7, 3, 2, 767);
    private static final Open B = new Open(new TopicPartition("sales-metrics", 1), 7, 3, 2, 12);

    @Test
    void aTransactionHangingForTheWholeGracePeriodIsDueAndNotBefore() {
        Tracker tracker = new Tracker(GRACE);

        assertThat(tracker.due(List.of(A), 0)).isEmpty();
        assertThat(tracker.due(List.of(A), 79 * SECOND)).isEmpty();
        assertThat(tracker.due(List.of(A), 80 * SECOND)).containsExactly(A);
    }

    @Test
    void aTransactionThatStopsLookingHangingStartsOver() {
        Tracker tracker = new Tracker(GRACE);
        tracker.due(List.of(A, B), 0);

        // B was completed by its coordinator (or looked so) at 40 s, and looks hanging again at 45 s.
        assertThat(tracker.due(List.of(A), 40 * SECOND)).isEmpty();
        assertThat(tracker.due(List.of(A, B), 45 * SECOND)).isEmpty();
        assertThat(tracker.due(List.of(A, B), 80 * SECOND)).containsExactly(A);
        assertThat(tracker.due(List.of(A, B), 125 * SECOND)).containsExactly(A, B);
    }

    @Test
    void anAbortedTransactionIsForgotten() {
        Tracker tracker = new Tracker(GRACE);
        tracker.due(List.of(A), 0);
        assertThat(tracker.isEmpty()).isFalse();

        tracker.forget(A);

        assertThat(tracker.isEmpty()).isTrue();
        assertThat(tracker.due(List.of(A), 100 * SECOND)).as("seen anew").isEmpty();
    }

    @Test
    void theGraceOutlastsAnyLiveTransactionOfTheEmbeddedBroker() {
        assertThat(BrokerProperties.HANGING_TRANSACTION_GRACE)
                .isGreaterThan(
                        BrokerProperties.TRANSACTION_MAX_TIMEOUT.plus(BrokerProperties.TRANSACTION_CLEANUP_INTERVAL));
    }
}
