package io.pulseboard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Options of the desktop app (not of the command line):
 * {@code --local-demo} skips the first screen; {@code --screenshots=DIR} takes the screenshot tour
 * and exits; {@code --render-bench=SECONDS} measures rendering with live data and exits.
 */
record AppOptions(boolean localDemo, Optional<Path> screenshots, Optional<Integer> renderBenchSeconds) {

    static AppOptions parse(List<String> args) {
        boolean localDemo = false;
        Optional<Path> screenshots = Optional.empty();
        Optional<Integer> bench = Optional.empty();
        for (String arg : args) {
            if (arg.equals("--local-demo")) {
                localDemo = true;
            } else if (arg.startsWith("--screenshots=")) {
                screenshots = Optional.of(Path.of(arg.substring("--screenshots=".length())));
            } else if (arg.startsWith("--render-bench=")) {
                bench = Optional.of(Integer.parseInt(arg.substring("--render-bench=".length())));
                localDemo = true;
            } else {
                throw new IllegalArgumentException("Unknown app option '" + arg
                        + "'. Use --local-demo, --screenshots=DIR or --render-bench=SECONDS");
            }
        }
        return new AppOptions(localDemo, screenshots, bench);
    }
}
