package io.pulseboard.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a clean stop: the JVM's shutdown hook wakes the main thread
 * and then waits, up to {@link #GRACE}, for it to finish closing everything (try-with-resources
 * ending in {@link #close()}).
 */
public final class ShutdownSignal implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(45);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean shuttingDown;

    private ShutdownSignal() {
        hook = new Thread(this::onJvmShutdown, "pulseboard-shutdown");
    }

    public static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    private void onJvmShutdown() {
        shuttingDown = true;
        requested.countDown();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until a stop is requested or {@code limit} passes; true if a stop was requested. */
    public boolean await(Optional<Duration> limit) throws InterruptedException {
        if (limit.isPresent()) {
            return requested.await(limit.get().toMillis(), TimeUnit.MILLISECONDS);
        }
        requested.await();
        return true;
    }

    /** Everything is closed: let the JVM finish. */
    @Override
    public void close() {
        finished.countDown();
        if (!shuttingDown) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM started shutting down between the check and the call: the hook runs and returns at once.
            }
        }
    }
}
