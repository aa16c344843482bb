package io.pulseboard.stack;

import io.pulseboard.stack.StackProgress.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a stack's child servers again when they exit on their own (a crash, an external {@code kill
 * -9}), with a growing wait between attempts ({@link RestartBackoff}), on the same ports and data
 * directories, so that clients reconnect by themselves. One per stack; {@link #close()} it before the
 * servers: nothing is restarted after that.
 *
 * <p>Each step is reported to the {@link StackProgress} under the server's part, from the supervisor's
 * thread:
 *
 * <ol>
 *   <li>{@link Phase#RESTARTING} {@code exited (code 137) at 14:02:03 UTC; restarting in 1 s (attempt 2)}
 *       when the exit is seen,
 *   <li>{@link Phase#STARTING} {@code restarting (attempt 2)} when the server is launched again,
 *   <li>{@link Phase#READY} {@code again on 127.0.0.1:PORT} once it answers; or, if it does not start,
 *       {@link Phase#RESTARTING} {@code restart attempt 2 failed: ...; restarting in 2 s (attempt 3)}.
 * </ol>
 *
 * <p>Threads: one daemon thread ({@value #THREAD_NAME}), created at the first exit and ended by {@link
 * #close()}; it runs every step of every server, so a server's steps never overlap. {@link #watch} and
 * {@link #close()} may be called from any thread.
 */
public final class ChildSupervisor implements AutoCloseable {
    static final String THREAD_NAME = "pulseboard-stack-supervisor";

    private static final Logger log = LoggerFactory.getLogger(ChildSupervisor.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Bound of close()'s wait for a restart under way: it is interrupted, and a server start then ends. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StackProgress progress;
    private final RestartBackoff backoff;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;

    /**
     * @param progress told each step; see the class comment; never null
     * @param backoff the waits between attempts; never null
     * @param clock for the time of an exit in messages and the stable period; never null
     */
    public ChildSupervisor(StackProgress progress, RestartBackoff backoff, Clock clock) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Restarts {@code server} whenever it exits on its own from now on (it takes the server's {@link
     * ChildProcessServer#onUnexpectedExit} listener).
     *
     * @param part the part it is reported as; never null
     * @param server the server, started or not yet; never null
     */
    public void watch(StackPart part, ChildProcessServer server) {
        Watched watched = new Watched(Objects.requireNonNull(part, "part"), Objects.requireNonNull(server, "server"));
        server.onUnexpectedExit(exit -> submit(() -> exited(watched, exit), Duration.ZERO));
    }

    /**
     * Stops supervising: a pending restart is dropped, one under way is interrupted (the server's start
     * then fails and its process is killed) and waited for, at most 30 s.
     * Nothing is reported after it returns. Idempotent; never throws.
     */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A restart of a child server did not end within {} of the stack's close", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Supervisor thread.
    private void exited(Watched watched, ChildProcessServer.Exit exit) {
        if (watched.readyAt != null
                && Duration.between(watched.readyAt, exit.at()).compareTo(backoff.stableAfter()) >= 0) {
            watched.attempt = 0;
        }
        watched.attempt++;
        Duration delay = backoff.delay(watched.attempt);
        report(
                watched,
                Phase.RESTARTING,
                "exited (code " + exit.code() + ") at " + TIME.format(exit.at()) + " UTC; restarting in "
                        + seconds(delay) + " (attempt " + watched.attempt + ")");
        submit(() -> restart(watched), delay);
    }

    // Supervisor thread.
    private void restart(Watched watched) {
        ChildProcessServer server = watched.server;
        report(watched, Phase.STARTING, "restarting (attempt " + watched.attempt + ")");
        try {
            if (!server.isAlive()) { // else someone restarted it meanwhile
                server.restart();
            }
        } catch (RuntimeException e) {
            // Any failure is retried and reported, not only a StackException: an exception that escaped
            // here would end in the scheduled task's future, unseen, with the part stuck at STARTING.
            if (closed) {
                log.debug("The restart of {} ended by the stack's close", watched.part.label(), e);
                return;
            }
            log.warn("Restart attempt {} of {} failed", watched.attempt, watched.part.label(), e);
            int failed = watched.attempt++;
            Duration delay = backoff.delay(watched.attempt);
            report(
                    watched,
                    Phase.RESTARTING,
                    "restart attempt " + failed + " failed: " + reason(e) + "; restarting in " + seconds(delay)
                            + " (attempt " + watched.attempt + ")");
            submit(() -> restart(watched), delay);
            return;
        }
        watched.readyAt = clock.instant();
        report(watched, Phase.READY, "again on " + server.address());
    }

    private void submit(Runnable step, Duration delay) {
        if (closed) {
            return;
        }
        try {
            executor.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Supervisor closed; a restart step is dropped", e);
        }
    }

    private void report(Watched watched, Phase phase, String message) {
        if (closed) {
            return;
        }
        try {
            progress.onProgress(watched.part, phase, message);
        } catch (RuntimeException e) {
            log.warn("Stack progress listener failed on {} {}", watched.part, phase, e);
        }
    }

    /** {@code 0.5 s}, {@code 1 s}, {@code 30 s}. */
    static String seconds(Duration delay) {
        long millis = delay.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The first line of the failure's message (a start failure quotes the server's log below it). */
    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    /** One supervised server; its counters are used on the supervisor thread only. */
    private static final class Watched {
        final StackPart part;
        final ChildProcessServer server;
        int attempt;
        Instant readyAt;

        Watched(StackPart part, ChildProcessServer server) {
            this.part = part;
            this.server = server;
        }
    }
}
