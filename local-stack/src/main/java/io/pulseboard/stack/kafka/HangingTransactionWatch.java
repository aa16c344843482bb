package io.pulseboard.stack.kafka;

import io.pulseboard.stack.kafka.HangingTransactions.Look;
import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start on a data directory whose broker crashed: repairs the transactions left open.
 *
 * <p>One its coordinator committed, but whose marker it skipped (CommitMarkers says how that
 * happens), gets the COMMIT marker at once: the commit is final for its client. One whose fate no
 * coordinator state tells is aborted only once it has stayed hanging for longer than the grace
 * period. Right after the restart a transaction can look hanging and still be completed, by its
 * coordinator reloading a commit whose markers are on their way, or by its client reconnecting and
 * re-initialising; aborting a commit loses data (PipelineCrashLoopIT lost 47 sales when the start-up
 * check aborted a reloaded commit). Every live transaction ends within the broker's maximum
 * transaction timeout (the coordinator aborts it then), so one that is still open and still
 * unclaimed after that, plus the coordinator's cleanup interval, hangs for good: the same rule as
 * {@code kafka-transactions.sh find-hanging --max-transaction-timeout}.
 *
 * <p>A producer whose coordinator is writing markers is not judged at that look, but its open
 * transactions keep their clock: Kafka Streams commits every few milliseconds under the same
 * producer id, and a true hang of that producer must still come due. A look that fails starts every
 * clock over. Before an abort, a fresh look must still find the transaction hanging, unchanged.
 *
 * <p>Runs on its own daemon thread; stops (and closes its Admin client) once nothing has looked
 * open for a whole grace period after the start, or on {@link #close()}. Failures of a look are
 * logged and the next look retries.
 */
final class HangingTransactionWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HangingTransactionWatch.class);

    /** How long the first look waits for coordinators that are writing markers. */
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private static final Duration SETTLE_POLL = Duration.ofMillis(200);

    private final Admin admin;
    private final String host;
    private final int port;
    private final Duration grace;
    private final Duration poll;
    private final Consumer<String> onRepair;
    private final Tracker tracker;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pulseboard-kafka-hanging-transactions");
        thread.setDaemon(true);
        return thread;
    });
    private final long startedNanos = System.nanoTime();

    /**
     * @param admin a client of the restarted broker; closed by {@link #close()}
     * @param host the broker's host, for the commit markers
     * @param port the broker's client port
     * @param grace how long a transaction must stay hanging before it is aborted
     * @param poll how often to look
     * @param onRepair told what each repair did ("aborted the transaction on ...", "committed ..."), on
     *     the thread that did it
     */
    HangingTransactionWatch(
            Admin admin, String host, int port, Duration grace, Duration poll, Consumer<String> onRepair) {
        this.admin = admin;
        this.host = host;
        this.port = port;
        this.grace = grace;
        this.poll = poll;
        this.onRepair = onRepair;
        this.tracker = new Tracker(grace.toNanos());
    }

    /**
     * Takes a first look on the caller's thread to say what the crash left open (and to commit what
     * its coordinator committed), then keeps looking in the background; the background looks start
     * after the first one, so that the two never repair the same transaction at once. Nothing is
     * aborted before the grace period, so a failed first look fails nothing: it is logged and the
     * background looks go on.
     *
     * @param deadline System.nanoTime bound of the first look
     * @return what looks hanging now and was not committed by this look; empty if the first look
     *     failed
     */
    List<Open> start(long deadline) throws InterruptedException {
        try {
            Look first = HangingTransactions.find(admin, deadline);
            // A coordinator that reloaded a commit writes (or skips) its markers within moments of
            // the start; its verdict, COMPLETE_COMMIT, is the evidence a skipped marker needs, and a
            // client reconnecting soon re-initialises the producer and replaces it. So the first
            // look waits, briefly, for the coordinators to settle.
            long settled = Math.min(deadline, System.nanoTime() + SETTLE.toNanos());
            while (!first.notJudged().isEmpty() && System.nanoTime() - settled < 0) {
                Thread.sleep(SETTLE_POLL.toMillis());
                first = HangingTransactions.find(admin, deadline);
            }
            tracker.seen(first, System.nanoTime());
            commitSkipped(first, deadline);
            List<Open> left = new ArrayList<>(first.hanging());
            left.removeAll(first.committed());
            return left;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn(
                    "The first look for transactions the crash left open failed (the watch looks again every {}): {}",
                    poll,
                    cause.toString());
            return List.of();
        } finally {
            scheduler.scheduleWithFixedDelay(this::look, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void look() {
        try {
            long deadline = System.nanoTime() + poll.multipliedBy(4).toNanos();
            Look look = HangingTransactions.find(admin, deadline);
            long now = System.nanoTime();
            List<Open> due = tracker.seen(look, now);
            commitSkipped(look, deadline);
            due.removeAll(look.committed());
            if (!due.isEmpty()) {
                abortStill(due, deadline);
            }
            for (Open stuck : tracker.newlyStuck(now)) {
                log.warn(
                        "Kafka after a crash: the transaction on {} is open for more than {} s while its coordinator"
                                + " is completing a transaction of that producer; it is left to the coordinator",
                        stuck,
                        grace.toSeconds());
            }
            if (tracker.isEmpty() && now - startedNanos > grace.toNanos()) {
                log.info("No transaction left hanging after the crash; the watch ends");
                scheduler.shutdown();
                admin.close(Duration.ofSeconds(5));
            }
        } catch (ExecutionException e) {
            tracker.lookFailed();
            log.warn(
                    "Looking for hanging transactions failed (next look in {}): {}",
                    poll,
                    e.getCause().toString());
        } catch (TimeoutException | RuntimeException e) {
            tracker.lookFailed();
            log.warn("Looking for hanging transactions failed (next look in {}): {}", poll, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            // The scheduler would drop it and every later look with it, without a word.
            log.error("The hanging-transaction watch stops", e);
            throw e;
        }
    }

    /**
     * Writes the COMMIT marker its coordinator skipped for each transaction it committed, at once: the
     * evidence is the coordinator's own COMPLETE_COMMIT, and the commit is final for its client.
     */
    private void commitSkipped(Look look, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (look.committed().isEmpty()) {
            return;
        }
        // Only what is still open exactly as seen, read again in one request.
        List<Open> stillOpen = HangingTransactions.openTransactions(
                admin, look.committed().stream().map(Open::partition).distinct().toList(), deadline);
        List<Open> toCommit =
                look.committed().stream().filter(stillOpen::contains).toList();
        if (toCommit.isEmpty()) {
            return;
        }
        try {
            CommitMarkers.commit(
                    host, port, toCommit, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000)));
        } catch (java.io.IOException e) {
            log.warn(
                    "Kafka after a crash: the commit markers for {} could not be written (next look in {}): {}",
                    toCommit,
                    poll,
                    e.getMessage());
            return;
        }
        for (Open open : toCommit) {
            tracker.forget(open);
            String done = "committed the transaction on " + open + ": its coordinator had committed it but skipped"
                    + " this partition's marker";
            log.warn("Kafka after a crash: {}", done);
            onRepair.accept(done);
        }
    }

    /** Aborts what is due and still hanging in a fresh look (coordinator and partition read again). */
    private void abortStill(List<Open> due, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Look fresh = HangingTransactions.find(admin, deadline);
        for (Open open : due) {
            if (fresh.hanging().contains(open)
                    && !fresh.committed().contains(open)
                    && HangingTransactions.abort(admin, open, deadline)) {
                tracker.forget(open);
                String done = "aborted the transaction on " + open + ", hanging for more than " + grace.toSeconds()
                        + " s with nothing to complete it";
                log.warn("Kafka after a crash: {}", done);
                onRepair.accept(done);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The hanging-transaction watch did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }

    /**
     * How long each open transaction has been seen, without a break, as hanging or as not judged;
     * only one seen for the whole grace period, and hanging in the current look, is due.
     */
    static final class Tracker {
        private final long graceNanos;
        private final Map<Open, Long> firstSeen = new HashMap<>();
        private final java.util.Set<Open> reportedStuck = new java.util.HashSet<>();
        /** The not-judged transactions of the latest look. */
        private List<Open> notJudged = List.of();

        Tracker(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        /**
         * @param look what one look found
         * @param nowNanos when it looked
         * @return the hanging transactions of this look first seen at least the grace period ago, in
         *     its order; a transaction missing from a look (completed, claimed or changed) starts over
         */
        synchronized List<Open> seen(Look look, long nowNanos) {
            java.util.Set<Open> present = new java.util.HashSet<>(look.hanging());
            present.addAll(look.notJudged());
            firstSeen.keySet().retainAll(present);
            reportedStuck.retainAll(present);
            present.forEach(open -> firstSeen.putIfAbsent(open, nowNanos));
            List<Open> due = new ArrayList<>();
            for (Open open : look.hanging()) {
                if (nowNanos - firstSeen.get(open) >= graceNanos) {
                    due.add(open);
                }
            }
            notJudged = List.copyOf(look.notJudged());
            return due;
        }

        /** @return not-judged transactions seen for the whole grace period, each once */
        synchronized List<Open> newlyStuck(long nowNanos) {
            List<Open> stuck = new ArrayList<>();
            for (Open open : notJudged) {
                if (nowNanos - firstSeen.get(open) >= graceNanos && reportedStuck.add(open)) {
                    stuck.add(open);
                }
            }
            return stuck;
        }

        /** A failed look breaks every "without a break": the counts start over. */
        synchronized void lookFailed() {
            firstSeen.clear();
            notJudged = List.of();
        }

        synchronized void forget(Open open) {
            firstSeen.remove(open);
        }

        synchronized boolean isEmpty() {
            return firstSeen.isEmpty();
        }
    }
}
