package io.pulseboard.stack;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * The pid file of one child server in its data directory: which process the last launch started, so
 * that a start after a crash of this JVM ({@code kill -9}) can stop the server left running from that
 * run before it takes the same directory again.
 *
 * <p>The file holds, as {@code key=value} lines, the {@code pid}, the process's {@code start} instant
 * and its {@code executable} as the operating system reports them ({@link ProcessHandle.Info}), and the
 * {@code command} line as launched, for the log. It is written atomically (a temporary file, then a
 * rename), so a reader never sees half of it.
 *
 * <p>A process named by the file is taken to be that orphan only if it is alive and is the same
 * process: the start instant matches when both are known; otherwise the executable must match. Pids
 * are reused, and an unrelated process that happens to have the pid is never stopped. Not thread-safe:
 * {@link ChildProcessServer} calls it with its life-cycle lock held.
 */
final class ChildPidFile {
    private static final String PID = "pid";
    private static final String START = "start";
    private static final String EXECUTABLE = "executable";
    private static final String COMMAND = "command";

    private final Path file;
    private final Logger log;
    private final String serverName;
    private final Duration stopTimeout;

    /**
     * @param file where the pid file lives, e.g. {@code <dataDir>/redis-server.pid}; never null
     * @param log the provider's logger; never null
     * @param serverName the server's name in messages, e.g. {@code Redis}; never null
     * @param stopTimeout how long each wait for an orphan's exit lasts, after SIGTERM and after SIGKILL
     */
    ChildPidFile(Path file, Logger log, String serverName, Duration stopTimeout) {
        this.file = Objects.requireNonNull(file, "file");
        this.log = Objects.requireNonNull(log, "log");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
    }

    /** @return where the pid file lives; never null */
    Path path() {
        return file;
    }

    /**
     * Records a launched server, replacing any earlier record.
     *
     * @param launched the server process, just started; never null
     * @param command its command line as launched; never null
     * @throws StackException if the file cannot be written
     */
    void write(ProcessHandle launched, List<String> command) {
        ProcessHandle.Info info = launched.info();
        Properties record = new Properties();
        record.setProperty(PID, Long.toString(launched.pid()));
        info.startInstant().ifPresent(start -> record.setProperty(START, start.toString()));
        info.command().ifPresent(executable -> record.setProperty(EXECUTABLE, executable));
        record.setProperty(COMMAND, String.join(" ", command));
        StringBuilder text = new StringBuilder();
        for (String key : List.of(PID, START, EXECUTABLE, COMMAND)) {
            String value = record.getProperty(key);
            if (value != null) {
                text.append(key).append('=').append(escape(value)).append('\n');
            }
        }
        try {
            OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException("Cannot write the pid file " + file + " of " + serverName + ": " + e, e);
        }
    }

    /**
     * Deletes the file if it still names {@code pid}; a record of another launch is left alone. Never
     * throws: a file that cannot be deleted is logged and is handled as stale by the next start.
     */
    void deleteIfFor(long pid) {
        Optional<Properties> record = read();
        if (record.isPresent() && !Long.toString(pid).equals(record.get().getProperty(PID))) {
            return;
        }
        deleteQuietly();
    }

    /**
     * Before a launch: stops the server left running by an earlier run that ended without stopping it,
     * if the file names one, and removes the file. A stale file (its process ended) or one naming an
     * unrelated process is only removed. What was repaired is logged.
     *
     * @return whether an orphan was stopped
     * @throws StackException if the orphan survives even SIGKILL: a start beside it cannot work
     */
    boolean stopOrphan() {
        Optional<Properties> record = read();
        if (record.isEmpty()) {
            return false;
        }
        Properties recorded = record.get();
        String command = recorded.getProperty(COMMAND, "(unknown command)");
        long pid;
        try {
            pid = Long.parseLong(recorded.getProperty(PID, "").trim());
        } catch (NumberFormatException e) {
            log.warn("Removing the unreadable pid file {} of {} (no pid in it)", file, serverName);
            deleteQuietly();
            return false;
        }
        Optional<ProcessHandle> alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (alive.isEmpty()) {
            log.info(
                    "Removing the stale pid file {}: {} pid {} from a previous run is no longer running",
                    file,
                    serverName,
                    pid);
            deleteQuietly();
            return false;
        }
        ProcessHandle candidate = alive.get();
        Optional<String> mismatch = mismatch(recorded, candidate.info());
        if (mismatch.isPresent()) {
            log.warn(
                    "Removing the pid file {} without stopping anything: pid {} is now another process ({})",
                    file,
                    pid,
                    mismatch.get());
            deleteQuietly();
            return false;
        }
        boolean stopped = stop(candidate);
        if (stopped) {
            log.warn(
                    "Stopped an orphaned {} from a previous run that ended without stopping it: pid {}, command {}",
                    serverName,
                    pid,
                    command);
            deleteQuietly();
        } else {
            // Starting beside it would fail on the files it still holds (ClickHouse's lock): say why now.
            throw new StackException("An orphaned " + serverName + " from a previous run, pid " + pid + " (command "
                    + command + "), survived SIGKILL and still holds " + file.getParent()
                    + ": stop it by hand, then start again (its pid file " + file + " is kept)");
        }
        return true;
    }

    /**
     * @return empty if the live process is the recorded one; otherwise why it is not (or cannot be
     *     shown to be)
     */
    static Optional<String> mismatch(Properties recorded, ProcessHandle.Info actual) {
        Optional<Instant> recordedStart =
                Optional.ofNullable(recorded.getProperty(START)).flatMap(ChildPidFile::instant);
        Optional<Instant> actualStart = actual.startInstant();
        if (recordedStart.isPresent() && actualStart.isPresent()) {
            return recordedStart.get().equals(actualStart.get())
                    ? Optional.empty()
                    : Optional.of("started at " + actualStart.get() + ", not " + recordedStart.get());
        }
        Optional<String> recordedExecutable = Optional.ofNullable(recorded.getProperty(EXECUTABLE));
        Optional<String> actualExecutable = actual.command();
        if (recordedExecutable.isPresent() && actualExecutable.isPresent()) {
            return recordedExecutable.get().equals(actualExecutable.get())
                    ? Optional.empty()
                    : Optional.of("runs " + actualExecutable.get() + ", not " + recordedExecutable.get());
        }
        return Optional.of("neither its start instant nor its executable can be compared");
    }

    // SIGTERM, a bounded wait, SIGKILL, a bounded wait. Returns whether it ended.
    private boolean stop(ProcessHandle orphan) {
        orphan.destroy();
        if (exitsWithin(orphan)) {
            return true;
        }
        log.warn(
                "Orphaned {} pid {} did not stop within {} after SIGTERM; killing it",
                serverName,
                orphan.pid(),
                stopTimeout);
        orphan.destroyForcibly();
        return exitsWithin(orphan);
    }

    private boolean exitsWithin(ProcessHandle orphan) {
        try {
            orphan.onExit().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !orphan.isAlive();
        } catch (ExecutionException e) {
            throw new StackException("Cannot wait for the orphaned " + serverName + " pid " + orphan.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !orphan.isAlive();
        }
    }

    private Optional<Properties> read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Properties record = new Properties();
            record.load(new StringReader(text));
            return Optional.of(record);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Removing the unreadable pid file {} of {}: {}", file, serverName, e.toString());
            deleteQuietly();
            return Optional.empty();
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the pid file {} of {}; the next start treats it as stale", file, serverName, e);
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // Properties.load reads backslash escapes; the command may hold backslashes (Windows paths).
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }
}
