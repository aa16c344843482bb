package io.pulseboard.stack.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.internals.Topic;

/**
 * Finds and aborts the transactions a crash left hanging on this broker's partitions.
 *
 * <p>A transaction hangs when a partition holds its data but no commit or abort marker, and its
 * coordinator will never write one (it completed or forgot the transaction, e.g. because the markers
 * of a commit that a crash interrupted went to a listener that no longer existed). The partition's
 * last stable offset then stays behind it for good, and every {@code read_committed} consumer, Kafka
 * Streams among them, waits there. The only way out used to be deleting the data directory.
 *
 * <p>This uses Kafka's supported tooling for it, the Admin API of KIP-664 (the same calls as {@code
 * kafka-transactions.sh find-hanging} and {@code abort}): {@code describeProducers} lists the open
 * transactions of each partition, {@code listTransactions}/{@code describeTransactions} what the
 * coordinator still completes, and {@code abortTransaction} writes the abort marker of one that nothing
 * will complete. A transaction its coordinator is still running or completing is left alone; like
 * {@code find-hanging}, which only reports transactions open for longer than the maximum transaction
 * timeout, {@link HangingTransactionWatch} aborts only what hangs for longer than that.
 */
final class HangingTransactions {

    /** Coordinator states in which the coordinator itself will write the markers of a transaction. */
    private static final Set<TransactionState> IN_HAND = EnumSet.of(
            TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT,
            TransactionState.PREPARE_EPOCH_FENCE);

    /**
     * States in which the coordinator is writing a transaction's markers. Its description may then no
     * longer list every partition it still writes to (PipelineCrashLoopIT lost 47 sales when a commit
     * reloaded in PREPARE_COMMIT, its markers still on their way, was taken for hanging on its
     * partitions and aborted), so while a producer is in one of them, none of its open transactions
     * is judged.
     */
    private static final Set<TransactionState> COMPLETING = EnumSet.of(
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    /** An open transaction on one partition: data written, no marker yet. */
    /**
     * An open transaction on one partition: data written, no marker yet. Equal only while nothing
     * changed: the same epoch, the same start and no later write ({@code lastSequence}), so that a
     * transaction that gains data (a live one) is seen anew.
     */
    record Open(
            TopicPartition partition,
            long producerId,
            int producerEpoch,
            int coordinatorEpoch,
            long startOffset,
            int lastSequence) {
        @Override
        public String toString() {
            return partition + " (producer " + producerId + ", open since offset " + startOffset + ")";
        }
    }

    /**
     * One look at the broker.
     *
     * @param hanging open transactions no coordinator state will complete
     * @param notJudged open transactions of producers whose coordinator was writing markers at that
     *     moment: neither hanging nor cleared, judged at a later look
     * @param committed the hanging ones whose coordinator committed them and skipped their marker
     *     ({@link #committedByCoordinator}): they need a COMMIT marker, not an abort
     */
    record Look(List<Open> hanging, List<Open> notJudged, List<Open> committed) {
        static final Look NOTHING = new Look(List.of(), List.of(), List.of());
    }

    private HangingTransactions() {}

    /**
     * One look at the broker: the open transactions that no coordinator state will complete, and
     * those that cannot be judged now. A transaction found hanging may still be completed a moment
     * later (its coordinator reloading, a client reconnecting): {@link HangingTransactionWatch} aborts
     * only what stays so for longer than any live transaction may run.
     *
     * @return the look; never null
     * @throws ExecutionException if an Admin call fails
     * @throws TimeoutException if the look as a whole takes longer than until {@code deadline}
     */
    static Look find(Admin admin, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        awaitCoordinatorLoaded(admin, deadline);
        List<Open> open = openTransactions(admin, partitions(admin, deadline), deadline);
        if (open.isEmpty()) {
            return Look.NOTHING;
        }
        Collection<TransactionDescription> view = described(admin, deadline);
        Set<Long> completing = completingAny(open, view);
        List<Open> hanging = hanging(open, view);
        return new Look(
                hanging,
                open.stream().filter(o -> completing.contains(o.producerId())).toList(),
                hanging.stream().filter(o -> committedByCoordinator(o, view)).toList());
    }

    /**
     * A hanging transaction its coordinator committed: the coordinator's last word on the producer is
     * COMPLETE_COMMIT of this very transaction (the epoch of its data, or the next one, which
     * transactions version 2 gives the markers). A coordinator writes COMPLETE_COMMIT only after every
     * marker, or after skipping a partition it took for deleted (see CommitMarkers): an open
     * transaction of that epoch is such a skipped partition.
     */
    static boolean committedByCoordinator(Open open, Collection<TransactionDescription> coordinatorView) {
        return coordinatorView.stream()
                .anyMatch(t -> t.producerId() == open.producerId()
                        && t.state() == TransactionState.COMPLETE_COMMIT
                        && (t.producerEpoch() == open.producerEpoch()
                                || t.producerEpoch() == open.producerEpoch() + 1));
    }

    /**
     * Writes the abort marker of one open transaction.
     *
     * <p>Its producer or coordinator may close it between the last read and the marker: a live client
     * that reconnects to the restarted broker re-initialises its producer, and the coordinator then
     * aborts with a newer producer epoch (PipelineCrashLoopIT met it: "WriteTxnMarkers request ...
     * failed due an invalid producer epoch", and the whole start failed). The partition refuses our
     * marker then, with the producer's or the coordinator's epoch moved on; that is not a failure when
     * the transaction is no longer open as read.
     *
     * @return true if this call aborted it, false if it was closed by its own producer meanwhile
     * @throws ExecutionException if the marker is refused and the transaction is still open as read
     */
    static boolean abort(Admin admin, Open open, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.abortTransaction(new AbortTransactionSpec(
                            open.partition(), open.producerId(), (short) open.producerEpoch(), open.coordinatorEpoch()))
                    .all()
                    .get(left(deadline), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            boolean overtaken = e.getCause() instanceof InvalidProducerEpochException
                    || e.getCause() instanceof TransactionCoordinatorFencedException;
            if (overtaken) {
                try {
                    if (!openTransactions(admin, List.of(open.partition()), deadline)
                            .contains(open)) {
                        return false;
                    }
                } catch (ExecutionException | TimeoutException reread) {
                    e.addSuppressed(reread);
                }
            }
            throw e;
        }
    }

    /**
     * Waits until the transaction coordinator has loaded the transaction log. Until then a restarted
     * broker answers {@code listTransactions} with an empty list, without an error, and a live client's
     * ongoing transaction would look hanging (PipelineCrashLoopIT once lost 7 sales that way: the
     * abort closed a transaction its producer committed right after). A described id that does not
     * exist answers "not found" only from a loaded coordinator; the Admin client retries "loading" and
     * "not available" by itself until the timeout. The embedded broker's transaction log has one
     * partition (BrokerProperties), so the probe's coordinator is every transaction's.
     */
    private static void awaitCoordinatorLoaded(Admin admin, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        String probe = "pulseboard-recovery-probe-" + UUID.randomUUID();
        try {
            admin.describeTransactions(List.of(probe)).all().get(left(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                throw e;
            }
        }
    }

    /**
     * @param open the open transactions of the partitions
     * @param coordinatorView every transaction the coordinator knows
     * @return the open transactions no coordinator state will complete, in the order given
     */
    static List<Open> hanging(List<Open> open, Collection<TransactionDescription> coordinatorView) {
        Set<Long> completing = completingAny(open, coordinatorView);
        return open.stream()
                .filter(o -> !completing.contains(o.producerId()))
                .filter(o -> coordinatorView.stream()
                        .noneMatch(t -> t.producerId() == o.producerId()
                                && IN_HAND.contains(t.state())
                                && t.topicPartitions().contains(o.partition())))
                .toList();
    }

    /** @return the producers of {@code open} whose coordinator is writing a transaction's markers */
    static Set<Long> completingAny(List<Open> open, Collection<TransactionDescription> coordinatorView) {
        Set<Long> producers = new java.util.HashSet<>();
        for (Open o : open) {
            if (coordinatorView.stream()
                    .anyMatch(t -> t.producerId() == o.producerId() && COMPLETING.contains(t.state()))) {
                producers.add(o.producerId());
            }
        }
        return producers;
    }

    /** @return the milliseconds left until {@code deadline} (System.nanoTime), at least 1 */
    private static long left(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static List<TopicPartition> partitions(Admin admin, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names()
                .get(left(deadline), TimeUnit.MILLISECONDS);
        // The transaction log holds no transactional data of its own.
        List<String> topics = names.stream()
                .filter(name -> !name.equals(Topic.TRANSACTION_STATE_TOPIC_NAME))
                .sorted()
                .toList();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(topics).allTopicNames().get(left(deadline), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return partitions;
    }

    static List<Open> openTransactions(Admin admin, List<TopicPartition> partitions, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, PartitionProducerState> states =
                admin.describeProducers(partitions).all().get(left(deadline), TimeUnit.MILLISECONDS);
        List<Open> open = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionProducerState state = states.get(partition);
            if (state == null) {
                continue;
            }
            for (ProducerState producer : state.activeProducers()) {
                producer.currentTransactionStartOffset()
                        .ifPresent(start -> open.add(new Open(
                                partition,
                                producer.producerId(),
                                producer.producerEpoch(),
                                producer.coordinatorEpoch().orElse(0),
                                start,
                                producer.lastSequence())));
            }
        }
        return open;
    }

    private static Collection<TransactionDescription> described(Admin admin, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Collection<TransactionListing> listed =
                admin.listTransactions().all().get(left(deadline), TimeUnit.MILLISECONDS);
        if (listed.isEmpty()) {
            return List.of();
        }
        return admin.describeTransactions(
                        listed.stream().map(TransactionListing::transactionalId).toList())
                .all()
                .get(left(deadline), TimeUnit.MILLISECONDS)
                .values();
    }
}
