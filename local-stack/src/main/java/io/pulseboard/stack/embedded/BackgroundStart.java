package io.pulseboard.stack.embedded;

import io.pulseboard.stack.StackException;
import io.pulseboard.stack.StackPart;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One part's start running on a thread of its own ({@code pulseboard-stack-<part>}, a daemon that ends
 * with the start), so that a slow server starts while the caller starts another, and the caller's wait
 * for it with a deadline: the part's start timeout and a grace for the kill after a failed start.
 *
 * <p>Not thread-safe: begun and awaited by the one thread that starts the stack.
 */
final class BackgroundStart {
    /** Beyond the part's own start timeout: its kill and the wait for its exit after a failed start. */
    static final Duration GRACE = Duration.ofSeconds(15);

    private final StackPart part;
    private final Future<String> endpoint;
    private final Duration limit;
    private final long deadlineNanos;
    private boolean awaited;

    private BackgroundStart(StackPart part, Future<String> endpoint, Duration limit) {
        this.part = part;
        this.endpoint = endpoint;
        this.limit = limit;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /**
     * @param part the part being started, for the thread's name and messages; never null
     * @param startTimeout the part's own start timeout; the wait allows {@link #GRACE} more
     * @param start starts the part and returns its endpoint; it reports its own progress; never null
     * @return the running start; never null
     */
    static BackgroundStart begin(StackPart part, Duration startTimeout, Supplier<String> start) {
        Objects.requireNonNull(start, "start");
        String threadName = "pulseboard-stack-" + part.name().toLowerCase(Locale.ROOT);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new BackgroundStart(part, executor.submit(start::get), startTimeout.plus(GRACE));
        } finally {
            executor.shutdown(); // the submitted start still runs; the thread ends after it
        }
    }

    /**
     * Waits for the start to end, at most until the deadline.
     *
     * @return the part's endpoint; never null
     * @throws StackException if the start failed (the message is the part's label and its reason), did
     *     not end by the deadline, or the calling thread was interrupted (its flag is set again); in the
     *     last two cases the start is interrupted
     */
    String await() {
        awaited = true;
        try {
            return endpoint.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StackException(part.label() + " did not start: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            endpoint.cancel(true);
            throw new StackException(part.label() + " did not start within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endpoint.cancel(true);
            throw new StackException("Interrupted while waiting for " + part.label() + " to start", e);
        }
    }

    /**
     * After another part failed: waits, as {@link #await()}, for this start to end so that the part can
     * be stopped. Does nothing if it was awaited already.
     *
     * @param failure the other part's failure; this start's own failure is added to it as suppressed
     */
    void awaitAfter(RuntimeException failure) {
        if (awaited) {
            return;
        }
        try {
            await();
        } catch (StackException e) {
            failure.addSuppressed(e);
        }
    }
}
