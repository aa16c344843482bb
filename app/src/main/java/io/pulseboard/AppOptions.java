package io.pulseboard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Options of the desktop app (not of the command line):
 * {@code --local-demo} skips the first screen; {@code --screenshots=DIR} takes the screenshot tour
 * and exits; {@code --render-bench=SECONDS} measures rendering with live data and exits;
 * {@code --first-metric-file=FILE} writes FILE (the seconds since the process started) once the
 * dashboard has drawn its first live figures: the signal the installer check and the cold-start
 * comparison wait on.
 */
record AppOptions(
        boolean localDemo,
        Optional<Path> screenshots,
        Optional<Integer> renderBenchSeconds,
        Optional<Path> firstMetricFile) {

    static AppOptions parse(List<String> args) {
        boolean localDemo = false;
        Optional<Path> screenshots = Optional.empty();
        Optional<Integer> bench = Optional.empty();
        Optional<Path> firstMetric = Optional.empty();
        for (String arg : args) {
            if (arg.equals("--local-demo")) {
                localDemo = true;
            } else if (arg.startsWith("--screenshots=")) {
                screenshots = Optional.of(Path.of(arg.substring("--screenshots=".length())));
            } else if (arg.startsWith("--render-bench=")) {
                bench = Optional.of(Integer.parseInt(arg.substring("--render-bench=".length())));
                localDemo = true;
            } else if (arg.startsWith("--first-metric-file=")) {
                firstMetric = Optional.of(Path.of(arg.substring("--first-metric-file=".length())));
            } else {
                throw new IllegalArgumentException("Unknown app option '" + arg
                        + "'. Use --local-demo, --screenshots=DIR, --render-bench=SECONDS or --first-metric-file=FILE");
            }
        }
        return new AppOptions(localDemo, screenshots, bench, firstMetric);
    }
}
