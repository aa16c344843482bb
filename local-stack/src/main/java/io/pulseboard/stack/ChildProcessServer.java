package io.pulseboard.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A server run as a child process on free loopback ports: the life-cycle that every such provider
 * (Redis, ClickHouse) shares, around the plumbing of {@link ChildProcessControl}. A subclass supplies
 * only what differs between servers, through the protected hooks: what to prepare before the first
 * launch, the command line, where the output goes, the readiness check, how to ask for a stop and the
 * endpoint's text.
 *
 * <p>Life-cycle: {@link #start()} (again after a failed start), then any number of {@link #kill()} and
 * {@link #restart()} on the same ports, then {@link #close()}. Those four block and are serialised on
 * one lock; the hooks run on the calling thread while it is held. {@link #endpoint()}, {@link
 * #isAlive()}, {@link #pid()} and {@link #port(int)} may be called from any thread.
 *
 * <p>Readiness is a condition, not a delay: the subclass's check is polled, with a short growing
 * back-off, until it passes, the process exits, or the start timeout passes; the process is then
 * killed and the tail of what it wrote is added to the error.
 *
 * <p>Crash safety. A JVM that ends without {@link #close()} kills the child in a shutdown hook; where
 * {@code /bin/sh} exists a watchdog also ends it when the JVM is killed ({@code kill -9}), which skips
 * shutdown hooks (see {@link ChildProcessControl#launch}). Each launch is recorded in a pid file in the
 * data directory, {@code <executable>.pid} (pid, start instant, executable, command), deleted once the
 * process is known to have exited. {@link #start()} first reads a pid file left by an earlier run: if
 * its process is still alive and is the same process (same start instant, or where that is unknown the
 * same executable), it is stopped (SIGTERM, a bounded wait, SIGKILL) and a WARN names it; a stale file
 * is removed, and a live process that merely reuses the pid is never touched.
 *
 * <p>Exits nobody asked for. A process that became ready and then exits without {@link #kill()},
 * {@link #restart()} or {@link #close()} having ended it (a crash, an external {@code kill -9}) is
 * reported to the listener set with {@link #onUnexpectedExit}, which a {@link ChildSupervisor} uses
 * to start it again.
 */
public abstract class ChildProcessServer implements AutoCloseable {
    private final ChildProcessControl control;
    private final int portCount;
    private final String probeName;
    private final Duration startTimeout;
    private final ChildPidFile pidFile;
    private final Object lifecycle = new Object();
    private volatile Process process;
    /** The ports chosen by the first successful {@link #start()}, the main one first; null before. */
    private volatile List<Integer> ports;
    /** The process that kill(), restart() or close() is ending, so that its exit is not reported. */
    private volatile Process endedOnPurpose;

    private volatile Consumer<Exit> exitListener = exit -> {};

    // Guarded by lifecycle.
    private boolean closed;

    /**
     * An exit of a server process that no call of its {@link ChildProcessServer} caused.
     *
     * @param pid the exited process's id
     * @param code its exit code; 128 + the signal's number when a signal ended it on Unix (137 for
     *     {@code kill -9})
     * @param at when the exit was seen; never null
     */
    public record Exit(long pid, int code, Instant at) {
        public Exit {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param control the plumbing, with the server's name and timeouts; never null
     * @param portCount how many free loopback ports the server needs, at least 1; the first is the one
     *     its endpoint and readiness check use
     * @param probeName what the readiness check asks, for the timeout message, e.g. {@code PING}; never
     *     null
     * @param startTimeout how long {@link #start()} and {@link #restart()} wait, from launching the
     *     process, for the readiness check to pass; positive
     * @param dataDir the server's own directory, where its pid file is kept; never null. It need not
     *     exist yet: {@link #prepare} creates it
     */
    protected ChildProcessServer(
            ChildProcessControl control, int portCount, String probeName, Duration startTimeout, Path dataDir) {
        this.control = Objects.requireNonNull(control, "control");
        this.pidFile = control.pidFile(Objects.requireNonNull(dataDir, "dataDir"));
        this.probeName = Objects.requireNonNull(probeName, "probeName");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        if (portCount < 1) {
            throw new IllegalArgumentException("portCount must be at least 1, was " + portCount);
        }
        this.portCount = portCount;
    }

    /**
     * Stops a server left running in the same data directory by an earlier run that was killed (see the
     * pid file in the class comment), prepares the server ({@link #prepare}), launches it on free
     * loopback ports and waits until it is ready.
     *
     * @return the server's endpoint, as {@link #endpoint()}; never null
     * @throws StackException if preparing fails (e.g. no binary is installed), the process cannot be
     *     launched, exits while starting, or is not ready within the start timeout; the message then
     *     includes the tail of its output. The process is stopped and {@code start()} may be called again
     * @throws IllegalStateException if it already started (use {@link #restart()}) or was closed
     */
    public final String start() {
        synchronized (lifecycle) {
            checkOpen();
            if (ports != null) {
                throw new IllegalStateException(
                        control.serverName() + " already started at " + endpoint() + "; use restart()");
            }
            // Before prepare: an orphan holds the directory (ClickHouse locks its status file) and runs the
            // binary that prepare may copy in again.
            pidFile.stopOrphan();
            // Another process could take a port before the server binds it; the server then exits, and
            // the failed start reports its log tail.
            int[] chosen = control.pickPorts(requestedPort(), portCount);
            List<Integer> freePorts = Arrays.stream(chosen).boxed().toList();
            prepare(freePorts);
            launchAndAwaitReady(chosen[0], false);
            ports = freePorts;
            return endpoint();
        }
    }

    /**
     * Starts the server again with what {@link #start()} prepared, on the same ports, after {@link
     * #kill()} or after it exited on its own; a running server is first stopped as in {@link #close()}.
     *
     * @return the endpoint, the same as before; never null
     * @throws StackException as {@link #start()} does (e.g. another process took a port meanwhile)
     * @throws IllegalStateException if it never started or was closed
     */
    public final String restart() {
        synchronized (lifecycle) {
            checkOpen();
            if (ports == null) {
                throw new IllegalStateException(control.serverName() + " has not started yet; call start() first");
            }
            Process previous = process;
            if (previous != null && previous.isAlive()) {
                stop(previous, port(0));
            }
            launchAndAwaitReady(port(0), true);
            return endpoint();
        }
    }

    /**
     * Ends the server at once, as a crash would (SIGKILL on Unix, {@code TerminateProcess} on Windows,
     * through {@link Process#destroyForcibly()}), and waits until it has exited. Nothing happens if it
     * is not running.
     *
     * @throws StackException if the process has not exited within the stop timeout after being killed
     */
    public final void kill() {
        synchronized (lifecycle) {
            Process running = process;
            endedOnPurpose = running;
            control.kill(running, mainPortOrZero());
            forgetIfExited(running);
        }
    }

    /**
     * Stops the server: {@link #askToStop}, a bounded wait, then SIGKILL if it is still running.
     * Idempotent; never throws: a process that survives even the kill is logged and left behind.
     */
    @Override
    public final void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            Process running = process;
            if (running != null && running.isAlive()) {
                stop(running, mainPortOrZero());
            }
            forgetIfExited(running);
        }
    }

    /**
     * Sets who is told when a server process that became ready exits on its own, that is without
     * {@link #kill()}, {@link #restart()} or {@link #close()} ending it. Replaces the listener set before.
     *
     * @param listener called once per such exit, on a JDK thread that waits for processes: it must
     *     return quickly and not throw (what it throws is logged); never null
     */
    public final void onUnexpectedExit(Consumer<Exit> listener) {
        exitListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @return {@code 127.0.0.1:PORT}, the server's main address, the same across restarts; no
     *     credentials, so it may go into any message; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public final String address() {
        return ChildProcessControl.LOOPBACK + ":" + port(0);
    }

    /**
     * @return the endpoint that {@link #start()} returned, the same across restarts; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public final String endpoint() {
        return endpointFor(port(0));
    }

    /** @return whether the most recently launched server process is running */
    public final boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** @return the OS process id of the most recently launched server process (it may have exited), if any */
    public final OptionalLong pid() {
        Process current = process;
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.pid());
    }

    /**
     * @param index which of the server's ports, 0 for the main one
     * @return that loopback port, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     * @throws IndexOutOfBoundsException if the server has no such port
     */
    protected final int port(int index) {
        List<Integer> current = ports;
        if (current == null) {
            throw new IllegalStateException(control.serverName() + " has not started");
        }
        return current.get(index);
    }

    /**
     * The main port the user asked for, used by {@link #start()} instead of a free one (a taken port
     * fails the start naming it). Called by {@link #start()} only.
     *
     * @return 1 to 65535, or 0 (the default) for a free port
     */
    protected int requestedPort() {
        return 0;
    }

    /**
     * Gets everything ready for the first launch: chooses the binary, creates directories, writes
     * configuration files. Called by {@link #start()} only, once per attempt.
     *
     * @param freePorts the ports chosen for this server, the main one first; never null
     * @throws StackException if the server cannot be prepared; the message says how to fix it
     */
    protected abstract void prepare(List<Integer> freePorts);

    /**
     * @param port the main port
     * @return the command line of a launch, executable first; never null or empty
     */
    protected abstract List<String> command(int port);

    /**
     * Directs a launch's output to a file (no thread of this JVM drains it), and its input, and sets its
     * working directory.
     *
     * @param launch the launch, its command already set; never null
     * @param restart whether an earlier launch wrote before (its output may be kept and appended to)
     * @return what to add to the message of a failed start, e.g. the tail of what this launch wrote;
     *     called at most once, after the failure
     */
    protected abstract Supplier<String> directOutput(ProcessBuilder launch, boolean restart);

    /**
     * One readiness probe.
     *
     * @param port the main port
     * @return empty once the server is ready; otherwise what it answered, for the timeout message
     * @throws IOException if it cannot be reached yet
     * @throws InterruptedException if the calling thread is interrupted while probing
     */
    protected abstract Optional<String> notReadyBecause(int port) throws IOException, InterruptedException;

    /**
     * Asks a running server to stop; {@link #close()} and {@link #restart()} then wait a bounded time
     * and kill it if it has not exited. Must not throw. By default {@link Process#destroy()} (SIGTERM).
     *
     * @param running the server process; never null
     * @param port the main port
     */
    protected void askToStop(Process running, int port) {
        running.destroy();
    }

    /**
     * @param port the main port
     * @return the endpoint clients connect to, e.g. {@code redis://127.0.0.1:6379}; never null
     */
    protected abstract String endpointFor(int port);

    /**
     * @return what is run, for messages and the log, e.g. {@code redis-server on the PATH (/usr/bin/redis-server)};
     *     never null. Called after {@link #prepare}
     */
    protected abstract String describeExecutable();

    // Caller holds lifecycle. On failure the launched process is killed before the exception is thrown.
    private void launchAndAwaitReady(int port, boolean restart) {
        ProcessBuilder builder = new ProcessBuilder(command(port));
        Supplier<String> failureDetail = directOutput(builder, restart);
        String executable = describeExecutable();
        long startNanos = System.nanoTime();
        Process launched = control.launch(builder, executable);
        process = launched;
        try {
            pidFile.write(launched.toHandle(), builder.command());
        } catch (StackException e) {
            control.kill(launched, port);
            throw e;
        }
        try {
            control.awaitReady(launched, port, probeName, startNanos, startTimeout, () -> notReadyBecause(port));
        } catch (StackException e) {
            forgetIfExited(launched);
            throw new StackException(e.getMessage() + failureDetail.get(), e.getCause());
        }
        control.logReady(endpointFor(port), startNanos, executable, launched);
        launched.onExit().thenRun(() -> exited(launched));
    }

    // On a JDK process-reaper thread, once a process that became ready has exited.
    private void exited(Process launched) {
        if (launched == endedOnPurpose) {
            return;
        }
        Exit exit = new Exit(launched.pid(), launched.exitValue(), Instant.now());
        control.logUnexpectedExit(exit.pid(), exit.code(), mainPortOrZero());
        try {
            exitListener.accept(exit);
        } catch (RuntimeException e) {
            control.logListenerFailure(exit.pid(), e);
        }
    }

    // Caller holds lifecycle.
    private void stop(Process running, int port) {
        endedOnPurpose = running;
        askToStop(running, port);
        control.awaitExitOrKill(running, port);
        forgetIfExited(running);
    }

    // Caller holds lifecycle. A process that survived even SIGKILL keeps its pid file, for the next start.
    private void forgetIfExited(Process launched) {
        if (launched != null && !launched.isAlive()) {
            pidFile.deleteIfFor(launched.pid());
        }
    }

    // For log messages about a process whose start may have failed before the ports were kept.
    private int mainPortOrZero() {
        List<Integer> current = ports;
        return current == null ? 0 : current.get(0);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "This " + control.serverName() + " server process was closed; create a new one");
        }
    }
}
