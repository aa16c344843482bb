package io.pulseboard.stack.kafka;

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
 * After a start on a data directory whose broker crashed: looks for hanging transactions every few
 * seconds, and aborts each one that has stayed hanging for longer than the grace period.
 *
 * <p>Why a grace period and not an abort at start-up: right after the restart a transaction can look
 * hanging and still be completed, by its coordinator reloading a commit whose markers are on their
 * way, or by its client reconnecting and re-initialising. A commit is final for the client once its
 * coordinator has logged PREPARE_COMMIT, so aborting one loses data: PipelineCrashLoopIT lost 47
 * sales when the start-up check aborted a reloaded commit. Every live transaction ends within the
 * broker's maximum transaction timeout (the coordinator aborts it then), so one that is still open
 * and still unclaimed after that, plus the coordinator's cleanup interval, hangs for good: the same
 * rule as {@code kafka-transactions.sh find-hanging --max-transaction-timeout}. A read_committed
 * consumer waits behind a true hang until then instead of for ever.
 *
 * <p>Runs on its own daemon thread; stops once nothing has looked hanging for a whole grace period
 * after the start, or on {@link #close()}. Failures of a look are logged and the next look retries.
 */
final class HangingTransactionWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HangingTransactionWatch.class);

    private final Admin admin;
    private final Duration grace;
    private final Duration poll;
    private final Consumer<String> onAbort;
    private final Tracker tracker;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pulseboard-kafka-hanging-transactions");
        thread.setDaemon(true);
        return thread;
    });
    private final long startedNanos = System.nanoTime();

    /**
     * @param admin a client of the restarted broker; closed by {@link #close()}
     * @param grace how long a transaction must stay hanging before it is aborted
     * @param poll how often to look
     * @param onAbort told what each abort did ("aborted the hanging transaction on ..."), on the watch's
     *     thread
     */
    HangingTransactionWatch(Admin admin, Duration grace, Duration poll, Consumer<String> onAbort) {
        this.admin = admin;
        this.grace = grace;
        this.poll = poll;
        this.onAbort = onAbort;
        this.tracker = new Tracker(grace.toNanos());
    }

    /**
     * Takes the first look, on the caller's thread, then keeps looking in the background.
     *
     * @param deadline System.nanoTime bound of the first look
     * @return what looks hanging now (aborted only if it still does after the grace period)
     * @throws ExecutionException if an Admin call of the first look fails
     * @throws TimeoutException if the first look does not finish by {@code deadline}
     */
    List<Open> start(long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        List<Open> now = HangingTransactions.find(admin, deadline);
        tracker.due(now, System.nanoTime());
        scheduler.scheduleWithFixedDelay(this::look, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        return now;
    }

    private void look() {
        try {
            long deadline = System.nanoTime() + poll.multipliedBy(4).toNanos();
            List<Open> candidates = HangingTransactions.find(admin, deadline);
            long now = System.nanoTime();
            for (Open open : tracker.due(candidates, now)) {
                // Abort only what is still open exactly as it was seen (same epoch, same start).
                if (HangingTransactions.openTransactions(admin, List.of(open.partition()), deadline)
                                .contains(open)
                        && HangingTransactions.abort(admin, open, deadline)) {
                    tracker.forget(open);
                    String done = "aborted the transaction on " + open + ", hanging for more than " + grace.toSeconds()
                            + " s with nothing to complete it";
                    log.warn("Kafka after a crash: {}", done);
                    onAbort.accept(done);
                }
            }
            if (tracker.isEmpty() && now - startedNanos > grace.toNanos()) {
                log.info("No transaction left hanging after the crash; the watch ends");
                scheduler.shutdown();
            }
        } catch (ExecutionException e) {
            log.warn(
                    "Looking for hanging transactions failed (next look in {}): {}",
                    poll,
                    e.getCause().toString());
        } catch (TimeoutException | RuntimeException e) {
            log.warn("Looking for hanging transactions failed (next look in {}): {}", poll, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /** Which candidates have been seen hanging, without a break, for the whole grace period. */
    static final class Tracker {
        private final long graceNanos;
        private final Map<Open, Long> firstSeen = new HashMap<>();

        Tracker(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        /**
         * @param candidates what one look found hanging
         * @param nowNanos when it looked
         * @return the candidates first seen at least the grace period ago, in the order given; a
         *     transaction missing from one look starts over
         */
        synchronized List<Open> due(List<Open> candidates, long nowNanos) {
            firstSeen.keySet().retainAll(candidates);
            List<Open> due = new ArrayList<>();
            for (Open open : candidates) {
                long seen = firstSeen.computeIfAbsent(open, o -> nowNanos);
                if (nowNanos - seen >= graceNanos) {
                    due.add(open);
                }
            }
            return due;
        }

        synchronized void forget(Open open) {
            firstSeen.remove(open);
        }

        synchronized boolean isEmpty() {
            return firstSeen.isEmpty();
        }
    }
}
