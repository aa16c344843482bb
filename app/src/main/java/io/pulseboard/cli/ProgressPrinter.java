package io.pulseboard.cli;

import io.pulseboard.bench.ColdStartSignal;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionListener;
import io.pulseboard.session.SessionPart;
import java.io.PrintStream;
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
                    ColdStartSignal.secondsSinceProcessStart(),
                    message);
        }
    }
}
