package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which open transactions count as hanging: those no coordinator state will complete. */
class HangingTransactionsTest {

    private static final TopicPartition METRICS_0 = new TopicPartition("sales-metrics", 0);
    private static final TopicPartition METRICS_1 = new TopicPartition("sales-metrics", 1);
    private static final Open OPEN = new Open(METRICS_0, 7, 3, 2, 767, 41);

    @Test
    void aTransactionItsCoordinatorStillRunsOrCompletesIsLeftAlone() {
        for (TransactionState state : List.of(
                TransactionState.ONGOING,
                TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT,
                TransactionState.PREPARE_EPOCH_FENCE)) {
            assertThat(HangingTransactions.hanging(List.of(OPEN), List.of(coordinator(7, state, METRICS_0))))
                    .as(state.toString())
                    .isEmpty();
        }
    }

    @Test
    void aTransactionTheCoordinatorCompletedOrForgotHangs() {
        // The reported case: the commit's markers were lost, the coordinator moved on.
        assertThat(HangingTransactions.hanging(
                        List.of(OPEN), List.of(coordinator(7, TransactionState.COMPLETE_COMMIT, METRICS_0))))
                .containsExactly(OPEN);
        assertThat(HangingTransactions.hanging(List.of(OPEN), List.of(coordinator(7, TransactionState.EMPTY))))
                .containsExactly(OPEN);
        assertThat(HangingTransactions.hanging(List.of(OPEN), List.of())).containsExactly(OPEN);
    }

    @Test
    void aProducerWhoseCoordinatorIsWritingMarkersIsNotJudgedEvenForPartitionsItDoesNotList() {
        // PipelineCrashLoopIT: a commit reloaded in PREPARE_COMMIT, its markers not yet written, was
        // taken for hanging and aborted: 47 sales lost.
        for (TransactionState state : List.of(
                TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT,
                TransactionState.PREPARE_EPOCH_FENCE)) {
            List<TransactionDescription> view = List.of(coordinator(7, state, METRICS_1));
            assertThat(HangingTransactions.hanging(List.of(OPEN), view))
                    .as(state.toString())
                    .isEmpty();
            assertThat(HangingTransactions.completingAny(List.of(OPEN), view))
                    .as(state.toString())
                    .containsExactly(7L);
        }
        assertThat(HangingTransactions.completingAny(
                        List.of(OPEN), List.of(coordinator(7, TransactionState.ONGOING, METRICS_0))))
                .as("an ongoing transaction is not being completed")
                .isEmpty();
    }

    @Test
    void theCoordinatorMustRunThisPartitionForThisProducer() {
        assertThat(HangingTransactions.hanging(
                        List.of(OPEN), List.of(coordinator(7, TransactionState.ONGOING, METRICS_1))))
                .as("the producer's ongoing transaction is on another partition")
                .containsExactly(OPEN);
        assertThat(HangingTransactions.hanging(
                        List.of(OPEN), List.of(coordinator(8, TransactionState.ONGOING, METRICS_0))))
                .as("another producer's transaction")
                .containsExactly(OPEN);
    }

    @Test
    void aHangingTransactionWhoseCoordinatorCommittedItIsCommittedNotAborted() {
        // PipelineCrashLoopIT: the coordinator skipped the markers of partitions it found leaderless
        // and logged COMPLETE_COMMIT; aborting them dropped committed engagement scores.
        assertThat(HangingTransactions.committedByCoordinator(
                        OPEN, List.of(coordinatorAt(7, 3, TransactionState.COMPLETE_COMMIT))))
                .as("the same epoch (transactions version 1)")
                .isTrue();
        assertThat(HangingTransactions.committedByCoordinator(
                        OPEN, List.of(coordinatorAt(7, 4, TransactionState.COMPLETE_COMMIT))))
                .as("the next epoch, which version 2 gives the markers")
                .isTrue();
        assertThat(HangingTransactions.committedByCoordinator(
                        OPEN, List.of(coordinatorAt(7, 5, TransactionState.COMPLETE_COMMIT))))
                .as("a later transaction of the producer: this one's fate is unknown")
                .isFalse();
        assertThat(HangingTransactions.committedByCoordinator(
                        OPEN, List.of(coordinatorAt(7, 4, TransactionState.COMPLETE_ABORT))))
                .isFalse();
        assertThat(HangingTransactions.committedByCoordinator(
                        OPEN, List.of(coordinatorAt(8, 4, TransactionState.COMPLETE_COMMIT))))
                .as("another producer")
                .isFalse();
    }

    private static TransactionDescription coordinatorAt(long producerId, int epoch, TransactionState state) {
        return new TransactionDescription(1, state, producerId, epoch, 10_000, OptionalLong.empty(), Set.of());
    }

    private static TransactionDescription coordinator(
            long producerId, TransactionState state, TopicPartition... partitions) {
        return new TransactionDescription(1, state, producerId, 3, 10_000, OptionalLong.empty(), Set.of(partitions));
    }
}
