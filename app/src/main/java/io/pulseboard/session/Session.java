package io.pulseboard.session;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One way of running Pulseboard (the local demo, the local stack alone, a remote cluster; later the
 * Docker stack and the viewer of a shared pipeline): assembles its parts, reports each part's
 * progress to a {@link SessionListener}, can be cancelled while it starts, and closes what it
 * started in one place. The desktop app and every headless command start the same sessions.
 *
 * <p>Single use: {@link #start()} once, then {@link #close()}. {@link #start()} blocks and runs on a
 * background thread, never the UI thread; {@link #cancel()} and {@link #close()} may be called from
 * any thread.
 */
public interface Session extends AutoCloseable {

    /** @return what the start-up screen says while it starts, e.g. "Starting the local demo"; never null */
    String title();

    /** @return the parts this session reports, in the order a user sees them; never null */
    List<SessionPart> parts();

    /**
     * Starts every part and returns once the session is usable (for a pipeline: Kafka Streams is
     * RUNNING).
     *
     * @throws CancellationException if {@link #cancel()} or {@link #close()} was
     *     called meanwhile; what had started is closed by {@link #close()}
     * @throws InterruptedException if the starting thread is interrupted
     * @throws RuntimeException a part that could not start, with its cause; that part was reported as
     *     {@link PartState#FAILED}
     */
    void start() throws InterruptedException;

    /**
     * Runs {@link #start()} on {@code executor}.
     *
     * @return completes when the session is usable; completes exceptionally with the cause of a failed
     *     start, or with a {@link CancellationException} when it was cancelled or interrupted
     */
    default CompletableFuture<Void> startAsync(Executor executor) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        start();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException(title() + ": interrupted");
                    }
                },
                executor);
    }

    /** Asks a running {@link #start()} to stop at its next step. Any thread; idempotent. */
    void cancel();

    /**
     * Stops every part that was started, in reverse order of start, and reports each as {@link
     * PartState#STOPPED}. Idempotent; never throws (a part that fails to close is logged).
     */
    @Override
    void close();
}
