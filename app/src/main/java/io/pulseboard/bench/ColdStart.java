package io.pulseboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code pulseboard demo} in a child JVM on a fresh data directory and waits for its cold-start
 * signal ({@link ColdStartSignal}: the demo writes the seconds from process start to its first metric
 * into a file it is given). The child's output goes to a log file beside it, read by nobody but a
 * person looking into a failure.
 *
 * <p>The child gets the JVM options the {@code ./pulseboard} launcher gives the demo: the interactive
 * options ({@value #INTERACTIVE_OPTIONS}, the file the launcher reads) and, from this JVM's own
 * options, those the launcher gives every command: the heap size and the class-data sharing archive.
 * Run through the launcher, the figure is what {@code ./pulseboard demo} gets; run another way (an
 * IDE, Maven), the options line says what it got.
 */
final class ColdStart {

    /** Class-path resource with the launcher's JVM options for the interactive commands. */
    static final String INTERACTIVE_OPTIONS = "/jvm/interactive.options";

    /** Options of this JVM that the launcher gives every command, so the child gets them too. */
    private static final List<String> SHARED_OPTION_PREFIXES = List.of("-Xms", "-Xmx", "-XX:SharedArchiveFile=");

    private static final Duration FIRST_METRIC_TIMEOUT = Duration.ofMinutes(3);

    private ColdStart() {}

    static double measure(PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("pulseboard-coldstart");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path signal = dir.resolve("first-metric");
        Path log = dir.resolve("demo.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> options =
                launcherOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.pulseboard.Launcher",
                "demo",
                "--duration",
                "60",
                "--rate",
                "2000",
                "--first-metric-file",
                signal.toString()));
        out.println("cold start: JVM options " + String.join(" ", options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PULSEBOARD_DATA_HOME", data.toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process child = builder.start();
        boolean measured = false;
        try {
            double seconds = ColdStartSignal.await(signal, child, FIRST_METRIC_TIMEOUT);
            measured = true;
            out.printf(Locale.ROOT, "cold start: first metric %.1f s after process start%n", seconds);
            return seconds;
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Cold start: " + e.getMessage() + "; the demo's output is in " + log, e);
        } finally {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            // A failed measurement keeps the demo's log for a person to read.
            if (measured) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * @param thisJvmArguments the options this JVM was started with
     * @return this JVM's heap size and class-data sharing archive options (the archive is only valid for
     *     this JVM and class path, which the child shares), then the interactive options of the launcher;
     *     nothing else of this JVM (no agent, no debugger, no archive dump)
     */
    static List<String> launcherOptions(List<String> thisJvmArguments) throws IOException {
        List<String> options = new ArrayList<>();
        thisJvmArguments.stream()
                .filter(a -> SHARED_OPTION_PREFIXES.stream().anyMatch(a::startsWith))
                .forEach(options::add);
        options.addAll(interactiveOptions());
        return options;
    }

    /** @return the options in {@value #INTERACTIVE_OPTIONS}, without comments and blank lines */
    static List<String> interactiveOptions() throws IOException {
        try (InputStream in = ColdStart.class.getResourceAsStream(INTERACTIVE_OPTIONS)) {
            if (in == null) {
                throw new IOException(INTERACTIVE_OPTIONS + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }
}
