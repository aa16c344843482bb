package io.pulseboard;

import io.pulseboard.cli.PulseboardCommand;

/** Plain main (no JavaFX types here), so that a classpath jar and jpackage launchers work. */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        System.exit(PulseboardCommand.commandLine().execute(args));
    }
}
