package io.pulseboard;

import io.pulseboard.cli.PulseboardCommand;
import java.util.Set;
import javafx.application.Application;

/**
 * Plain main (this class is no JavaFX {@code Application}), so that a classpath jar and jpackage
 * launchers start JavaFX from the classpath. No arguments, or only desktop options, open the
 * desktop app; anything else is the command line ({@code demo}, {@code stack up}, {@code pipeline}).
 */
public final class Launcher {

    private static final Set<String> DESKTOP_OPTIONS =
            Set.of("--local-demo", "--screenshots", "--render-bench", "--first-metric-file");

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0 || DESKTOP_OPTIONS.contains(args[0].split("=", 2)[0])) {
            Application.launch(PulseboardApp.class, args);
            // JavaFX has stopped and PulseboardApp.stop() closed everything; end any library threads too.
            System.exit(0);
        }
        System.exit(PulseboardCommand.commandLine().execute(args));
    }
}
