package io.pulseboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The signal a process gives a cold-start probe when its first metric reaches its feed: a small file
 * ({@code pulseboard demo --first-metric-file FILE}) holding the seconds since the process started,
 * written once and atomically (a sibling file moved into place), so the probe never reads it half
 * written. The probe waits on the directory with a {@link WatchService}, not by reading the child's
 * output.
 */
public final class ColdStartSignal {

    private ColdStartSignal() {}

    /**
     * Seconds since the operating system started this process (JVM start-up included), the measure of
     * a cold start; NaN where the OS does not tell.
     */
    public static double secondsSinceProcessStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    /**
     * Writes the signal; any thread.
     *
     * @param file where the probe waits for it
     * @param secondsSinceProcessStart the figure to report
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, double secondsSinceProcessStart) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(
                partial, String.format(Locale.ROOT, "%.3f%n", secondsSinceProcessStart), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Waits until {@code file} appears and returns its figure.
     *
     * @param child the process that writes it; its exit ends the wait
     * @param timeout the longest wait
     * @throws IllegalStateException if the child exits first or the timeout passes
     */
    static double await(Path file, Process child, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = file.getFileSystem().newWatchService()) {
            file.getParent()
                    .register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!Files.exists(file)) {
                if (!child.isAlive() && !Files.exists(file)) {
                    throw new IllegalStateException(
                            "the demo exited with code " + child.exitValue() + " before its first metric");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no first metric within " + timeout);
                }
                // A key per event batch; the loop re-checks the file, the child and the deadline each time.
                var key = watcher.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (ClosedWatchServiceException e) {
            throw new IllegalStateException("the watch on " + file.getParent() + " closed", e);
        }
        return Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
}
