package io.pulseboard.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** The headless UI tests' two waits: work run on the FX thread, and a condition with a deadline. */
public final class FxWait {

    private FxWait() {}

    /** Runs {@code work} on the FX thread and returns its result, failing after 10 s. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    /** Re-checks {@code condition} every 50 ms until it holds; fails naming {@code what} after {@code timeout}. */
    public static void await(Duration timeout, Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }
}
