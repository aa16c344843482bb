package io.pulseboard.stack;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Ends a child server when the JVM that launched it dies, even by SIGKILL, which no shutdown hook
 * survives: a small {@code /bin/sh} loop, one per server, checks once a second that both this JVM and
 * the server are alive. When the server ends first the loop ends. When the JVM is gone and the server
 * is not, it sends the server SIGTERM, waits up to the stop timeout and then sends SIGKILL.
 *
 * <p>The server is launched directly, not through the shell, so its pid, its output redirection and its
 * exit code stay those of the server itself. The watchdog only knows pids, and is destroyed as soon
 * as the server has exited, so it acts on a pid only while this JVM still tracks that server or within
 * the second after the JVM died; the server's pid is checked again just before each signal. Not
 * available on Windows or where {@code /bin/sh} is missing; a server started
 * there is left running by {@code kill -9} of the JVM, and the next start stops it ({@link
 * ChildPidFile}).
 */
final class ChildWatchdog {
    static final Path SHELL = Path.of("/bin/sh");

    /**
     * The watchdog's own PATH, whatever the JVM's: {@code sleep} is a program, not a shell builtin, and
     * with it not found the loop below would spin at full speed (seen: an installed app started with an
     * empty PATH ran two such loops, one per child server, and fell a minute behind on two cores).
     */
    static final String PATH = "/usr/bin:/bin";

    // $1 the JVM's pid, $2 the server's pid, $3 the seconds allowed after SIGTERM. No value is
    // interpolated into the script text. A sleep that fails ends the watchdog rather than spinning.
    private static final String SCRIPT = String.join(
            "\n",
            "jvm=$1; child=$2; grace=$3",
            "while kill -0 \"$jvm\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1 || exit 1; done",
            "kill -0 \"$jvm\" 2>/dev/null && exit 0",
            "kill -0 \"$child\" 2>/dev/null || exit 0",
            "kill -TERM \"$child\" 2>/dev/null",
            "i=0",
            "while [ \"$i\" -lt \"$grace\" ] && kill -0 \"$child\" 2>/dev/null; do sleep 1 || break; i=$((i+1)); done",
            "kill -0 \"$child\" 2>/dev/null && kill -KILL \"$child\" 2>/dev/null",
            "exit 0");

    private ChildWatchdog() {}

    /** @return whether this operating system can run the watchdog */
    static boolean isAvailable() {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return !windows && Files.isExecutable(SHELL);
    }

    /**
     * Starts a watchdog for a launched server; it is destroyed when the server exits.
     *
     * @param server the server just launched; never null
     * @param stopTimeout how long the server may take to stop after SIGTERM once the JVM is gone
     * @param log the provider's logger
     * @return the watchdog process, or empty if it is not available here or cannot be started (logged at
     *     WARN: the server then runs unguarded, as before)
     */
    static Optional<Process> watch(Process server, Duration stopTimeout, Logger log) {
        if (!isAvailable()) {
            log.debug("No {} here: pid {} is not guarded against a kill -9 of this JVM", SHELL, server.pid());
            return Optional.empty();
        }
        long graceSeconds = Math.max(1, (stopTimeout.toMillis() + 999) / 1000);
        ProcessBuilder builder = new ProcessBuilder(
                        SHELL.toString(),
                        "-c",
                        SCRIPT,
                        "pulseboard-watchdog",
                        Long.toString(ProcessHandle.current().pid()),
                        Long.toString(server.pid()),
                        Long.toString(graceSeconds))
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        builder.environment().put("PATH", PATH);
        Process watchdog;
        try {
            watchdog = builder.start();
        } catch (IOException e) {
            log.warn(
                    "Cannot start the watchdog of pid {}; a kill -9 of this JVM would leave it running",
                    server.pid(),
                    e);
            return Optional.empty();
        }
        server.onExit().thenRun(watchdog::destroy);
        log.debug(
                "Watchdog pid {} ends pid {} if this JVM (pid {}) dies",
                watchdog.pid(),
                server.pid(),
                ProcessHandle.current().pid());
        return Optional.of(watchdog);
    }
}
