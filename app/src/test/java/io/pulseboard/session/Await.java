package io.pulseboard.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waits on a condition with a deadline, checking it every 100 ms. */
final class Await {

    private Await() {}

    /**
     * @param reading the value once the condition holds, else empty
     * @param failure the assertion message, with the last state, when the deadline passes
     */
    static <T> T until(Duration timeout, Supplier<Optional<T>> reading, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = reading.get();
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError(failure.get() + " within " + timeout);
    }
}
