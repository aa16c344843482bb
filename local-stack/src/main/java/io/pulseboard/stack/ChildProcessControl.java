package io.pulseboard.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The plumbing that every provider of a child-process server on loopback shares: launching it,
 * waiting for a readiness probe with a deadline and a growing back-off, stopping it (a polite request,
 * a bounded wait, then SIGKILL), choosing free ports and quoting the tail of its log in an error.
 *
 * <p>Stateless apart from its settings: {@link ChildProcessServer} owns the {@link Process} and
 * serialises its life-cycle; methods log through the provider's logger, so messages keep their origin.
 */
public final class ChildProcessControl {
    /** The loopback address every child server binds, as text. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final int TAIL_BYTES = 4 * 1024;

    private final Logger log;
    private final String executable;
    private final String serverName;
    private final Duration stopTimeout;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;

    /**
     * One answer of a readiness probe.
     */
    @FunctionalInterface
    public interface ReadinessCheck {
        /**
         * @return empty once the server is ready; otherwise what it answered, for the timeout message
         * @throws IOException if it cannot be reached yet (the message becomes the last check)
         * @throws InterruptedException if the caller is interrupted while probing
         */
        Optional<String> notReadyBecause() throws IOException, InterruptedException;
    }

    /**
     * @param log the provider's logger; never null
     * @param executable the program's name in messages, e.g. {@code redis-server}; never null
     * @param serverName the server's name in messages, e.g. {@code Redis}; never null
     * @param stopTimeout how long each wait for an exit lasts, after the polite stop and after SIGKILL
     * @param firstBackoff the first pause between readiness probes; it doubles up to {@code maxBackoff}
     * @param maxBackoff the longest pause between readiness probes
     */
    public ChildProcessControl(
            Logger log,
            String executable,
            String serverName,
            Duration stopTimeout,
            Duration firstBackoff,
            Duration maxBackoff) {
        this.log = Objects.requireNonNull(log, "log");
        this.executable = Objects.requireNonNull(executable, "executable");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        this.firstBackoffMillis = firstBackoff.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
    }

    /** @return the server's name in messages, e.g. {@code Redis}; never null */
    public String serverName() {
        return serverName;
    }

    /**
     * Starts the process, closes our end of its standard input, and has it killed if this JVM ends
     * without stopping it: by a shutdown hook on a normal exit, and where {@code /bin/sh} exists by a
     * {@link ChildWatchdog} when the JVM is killed (SIGKILL bypasses shutdown hooks).
     *
     * @param builder the fully configured launch; never null
     * @param description what is run, for the error message
     * @return the started process
     * @throws StackException if it cannot be started
     */
    public Process launch(ProcessBuilder builder, Object description) {
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot run " + description + ": " + e.getMessage(), e);
        }
        reapOnJvmExit(started);
        ChildWatchdog.watch(started, stopTimeout, log);
        closeInput(started);
        return started;
    }

    /**
     * @param dataDir the server's data directory; never null
     * @return the record of this server's launches there, {@code <executable>.pid}
     */
    ChildPidFile pidFile(Path dataDir) {
        return new ChildPidFile(dataDir.resolve(executable + ".pid"), log, serverName, stopTimeout);
    }

    /**
     * Closes this JVM's end of the child's standard input: the servers never read it, and the pipe
     * would otherwise stay open until garbage collection. Nothing happens when the launch redirected its
     * input from a file.
     */
    private void closeInput(Process launched) {
        try {
            launched.getOutputStream().close();
        } catch (IOException e) {
            log.debug("Cannot close the standard input of {} pid {}", executable, launched.pid(), e);
        }
    }

    /**
     * A JVM that ends without closing the stack (System.exit, a failed test run, Ctrl-C before the
     * close) would leave the server running: a shutdown hook kills it then. Once the process has
     * ended the hook is removed again. SIGKILL of the JVM skips the hook; the watchdog and the pid file
     * cover that.
     */
    private static void reapOnJvmExit(Process process) {
        Thread reaper = new Thread(
                () -> {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                },
                "pulseboard-child-reaper-" + process.pid());
        try {
            Runtime.getRuntime().addShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // Launched while the JVM shuts down (a Ctrl-C or SIGTERM during the start): the hooks have
            // run already, so nothing would stop this server, and the JVM may be gone before its watchdog
            // starts. It must not outlive us.
            process.destroyForcibly();
            throw new StackException(
                    "The JVM is shutting down: the server just launched (pid " + process.pid() + ") was stopped", e);
        }
        process.onExit().thenRun(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs and finds the process gone.
            }
        });
    }

    /**
     * Probes until the check passes, the process exits, or the deadline passes. Waits on the process
     * rather than sleeping between probes, so that an exit ends the wait at once. On failure the process
     * is killed before the exception is thrown.
     *
     * @param probeName what is asked, for the timeout message (e.g. {@code PING})
     * @param startNanos {@link System#nanoTime()} just before the launch
     * @param startTimeout the time allowed from the launch
     * @throws StackException if the process exits, does not pass the check in time, or the thread is
     *     interrupted (its interrupt flag is then set again)
     */
    public void awaitReady(
            Process launched,
            int port,
            String probeName,
            long startNanos,
            Duration startTimeout,
            ReadinessCheck check) {
        try {
            pollUntilReady(launched, port, probeName, startNanos + startTimeout.toNanos(), startTimeout, check);
        } catch (RuntimeException e) {
            launched.destroyForcibly();
            exitsWithin(launched, stopTimeout);
            throw e;
        }
    }

    private void pollUntilReady(
            Process launched,
            int port,
            String probeName,
            long deadlineNanos,
            Duration startTimeout,
            ReadinessCheck check) {
        long backoffMillis = firstBackoffMillis;
        String lastCheck = "no answer yet";
        try {
            while (true) {
                if (!launched.isAlive()) {
                    throw new StackException(executable + " (pid " + launched.pid() + ") exited with code "
                            + launched.exitValue() + " while starting on port " + port);
                }
                try {
                    Optional<String> notReady = check.notReadyBecause();
                    if (notReady.isEmpty()) {
                        return;
                    }
                    lastCheck = notReady.get();
                } catch (IOException e) {
                    lastCheck = e.toString();
                }
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw new StackException(executable + " on port " + port + " did not answer " + probeName
                            + " within " + startTimeout + " (last check: " + lastCheck + ")");
                }
                launched.waitFor(Math.min(backoffMillis, remainingMillis), TimeUnit.MILLISECONDS);
                backoffMillis = Math.min(backoffMillis * 2, maxBackoffMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for " + executable + " on port " + port, e);
        }
    }

    /**
     * Logs that the server is ready, with the time since {@code startNanos}.
     *
     * @param endpoint where it answers, e.g. {@code redis://127.0.0.1:6379}
     * @param what the executable or command, as the log should name it
     */
    public void logReady(String endpoint, long startNanos, Object what, Process launched) {
        log.info(
                "{} ready at {} in {} ms: {}, pid {}",
                serverName,
                endpoint,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                what,
                launched.pid());
    }

    /** Logs that a server which was ready exited although nothing here asked it to. */
    void logUnexpectedExit(long pid, int code, int port) {
        log.warn("{} on port {} (pid {}) exited on its own with code {}", serverName, port, pid, code);
    }

    /** Logs that the listener of unexpected exits failed; it is otherwise ignored. */
    void logListenerFailure(long pid, RuntimeException failure) {
        log.warn("The exit listener of {} pid {} failed", executable, pid, failure);
    }

    /**
     * Waits up to the stop timeout for a process that was asked to stop; kills it if it is still
     * running, and waits again. Never throws: a process that survives even the kill is logged and left
     * behind.
     */
    public void awaitExitOrKill(Process running, int port) {
        if (exitsWithin(running, stopTimeout)) {
            log.info("{} on port {} stopped (pid {})", serverName, port, running.pid());
            return;
        }
        log.warn("{} pid {} did not stop within {}; killing it", executable, running.pid(), stopTimeout);
        running.destroyForcibly();
        if (!exitsWithin(running, stopTimeout)) {
            log.warn("{} pid {} is still running after SIGKILL; leaving it behind", executable, running.pid());
        }
    }

    /**
     * Ends the process at once, as a crash would, and waits until it has exited. Nothing happens if it
     * is null or not running.
     *
     * @throws StackException if it has not exited within the stop timeout after the kill
     */
    public void kill(Process running, int port) {
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroyForcibly();
        if (!exitsWithin(running, stopTimeout)) {
            throw new StackException(
                    executable + " pid " + running.pid() + " has not exited " + stopTimeout + " after SIGKILL");
        }
        log.info("{} on port {} killed (pid {})", serverName, port, running.pid());
    }

    /**
     * Chooses distinct ports on {@link #LOOPBACK}, the first one {@code firstPort} unless that is 0, the
     * others free ones. All sockets stay open until every port is chosen, so the ports differ. Another
     * process could still take one before the server binds it; the server then exits, and the failed
     * start reports its log tail.
     *
     * @param firstPort the port the user asked for, or 0 for a free one
     * @param count how many ports, at least 1
     * @throws StackException if {@code firstPort} is taken (the message names it and the fix), or the
     *     operating system has no free port to give
     */
    public int[] pickPorts(int firstPort, int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            if (firstPort != 0) {
                try {
                    sockets[0] = new ServerSocket(firstPort, 1, loopback());
                } catch (BindException e) {
                    throw new StackException(
                            serverName + "'s port " + firstPort + " on " + LOOPBACK
                                    + " (set explicitly) is in use by another process: stop that process, or choose"
                                    + " another port",
                            e);
                }
            }
            for (int i = 0; i < count; i++) {
                if (sockets[i] == null) {
                    sockets[i] = new ServerSocket(0, 1, loopback());
                }
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            String wanted = count == 1 ? "a free port" : count + " free ports";
            throw new StackException(
                    "Cannot find " + wanted + " on " + LOOPBACK + " for " + serverName + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    /**
     * @return whether the process exited within the timeout; if the thread is interrupted, whether it has
     *     exited by then (the interrupt flag is set again)
     */
    public static boolean exitsWithin(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    /**
     * @return {@link #LOOPBACK} by address, not by name: no resolver involved, and never {@code ::1} when
     *     IPv6 is preferred
     */
    public static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress(LOOPBACK, new byte[] {127, 0, 0, 1});
    }

    /**
     * Quotes the end of a server's log, as a suffix for an error message.
     *
     * @param fromOffset where the launch of interest began writing; 0 for the whole file
     * @param whenEmpty the suffix when nothing was written since {@code fromOffset}
     * @return at most the last 4 KiB written since {@code fromOffset}, or {@code whenEmpty}, or a note
     *     that the file cannot be read
     */
    public static String logTail(Path file, long fromOffset, String whenEmpty) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(Math.min(fromOffset, length), length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String tail = new String(bytes, StandardCharsets.UTF_8).strip();
            return tail.isEmpty() ? whenEmpty : "; last lines of " + file + ":" + System.lineSeparator() + tail;
        } catch (IOException e) {
            return "; cannot read " + file + ": " + e;
        }
    }

    private void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Cannot close the port probe socket {}", socket, e);
        }
    }
}
