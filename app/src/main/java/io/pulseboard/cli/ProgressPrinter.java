package io.pulseboard.cli;

import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionListener;
import io.pulseboard.session.SessionPart;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Prints each step of a session's parts as one line, with the seconds since the process started. */
final class ProgressPrinter implements SessionListener {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onPart(SessionPart part, PartState state, String message) {
        if (state == PartState.WAITING) {
            out.printf("[%-9s] %-10s%n", part.label(), state);
        } else {
            out.printf(
                    Locale.ROOT,
                    "[%-9s] %-10s %5.1f s  %s%n",
                    part.label(),
                    state,
                    secondsSinceProcessStart(),
                    message);
        }
    }

    /**
     * Seconds since the operating system started this process (JVM start-up included), the measure of
     * a cold start; NaN where the OS does not tell.
     */
    static double secondsSinceProcessStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }
}
