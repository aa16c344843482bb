package io.pulseboard.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code pulseboard demo} in a child JVM on a fresh data directory and reads the line it
 * prints when the first metric reaches its feed ("First metric N s after process start").
 */
final class ColdStart {

    static final Pattern FIRST_METRIC = Pattern.compile("First metric ([0-9.]+) s after process start");

    private ColdStart() {}

    static double measure(PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("pulseboard-coldstart");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.pulseboard.Launcher",
                "demo",
                "--duration",
                "60",
                "--rate",
                "2000");
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
}
