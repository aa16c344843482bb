package io.pulseboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code pulseboard demo} in a child JVM on a fresh data directory and reads the line it
 * prints when the first metric reaches its feed ("First metric N s after process start").
 *
 * <p>The child gets the JVM options the {@code ./pulseboard} launcher gives the demo: the interactive
 * options ({@value #INTERACTIVE_OPTIONS}, the file the launcher reads) and, from this JVM's own
 * options, those the launcher gives every command: the heap size and the class-data sharing archive.
 * Run through the launcher, the figure is what {@code ./pulseboard demo} gets; run another way (an
 * IDE, Maven), the options line says what it got.
 */
final class ColdStart {

    static final Pattern FIRST_METRIC = Pattern.compile("First metric ([0-9.]+) s after process start");

    /** Class-path resource with the launcher's JVM options for the interactive commands. */
    static final String INTERACTIVE_OPTIONS = "/jvm/interactive.options";

    /** Options of this JVM that the launcher gives every command, so the child gets them too. */
    private static final List<String> SHARED_OPTION_PREFIXES = List.of("-Xms", "-Xmx", "-XX:SharedArchiveFile=");

    private ColdStart() {}

    static double measure(PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("pulseboard-coldstart");
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
                "2000"));
        out.println("cold start: JVM options " + String.join(" ", options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PULSEBOARD_DATA_HOME", data.toString());
        builder.redirectErrorStream(true);
        Process child = builder.start();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher m = FIRST_METRIC.matcher(line);
                if (m.find()) {
                    out.println("cold start: " + line.trim());
                    return Double.parseDouble(m.group(1));
                }
            }
            throw new IllegalStateException("the demo ended without reporting its first metric");
        } finally {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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
