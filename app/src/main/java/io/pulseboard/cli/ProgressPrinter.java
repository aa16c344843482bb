package io.pulseboard.cli;

import io.pulseboard.stack.StackProgress;
import java.io.PrintStream;

/** Prints each stack part's progress as one line. */
final class ProgressPrinter implements StackProgress {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(String part, Phase phase, String message) {
        out.printf("[%-8s] %-8s %s%n", part, phase, message);
    }
}
