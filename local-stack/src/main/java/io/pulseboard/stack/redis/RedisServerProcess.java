package io.pulseboard.stack.redis;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} run as a child process on a free loopback port, with no persistence
 * (no RDB snapshots, no AOF): Redis is a cache that the pipeline fills again. Its standard output and
 * error go to {@value #LOG_FILE_NAME} in {@link RedisServerConfig#dataDir()}; no thread of this JVM
 * reads them. Nothing is written outside that directory.
 *
 * <p>Life-cycle: {@link #start()} (again after a failed start), then any number of {@link #kill()}
 * and {@link #restart()} on the same port, then {@link #close()}. Those four block and are serialised
 * on one lock; {@link #port()}, {@link #uri()}, {@link #isAlive()}, {@link #pid()} and {@link #binary()}
 * may be called from any thread.
 *
 * <p>Readiness is a condition, not a delay: {@code PING} is sent over a plain socket, with a short
 * growing back-off, until {@code +PONG} comes back, the process exits, or the start timeout passes.
 *
 * <p>The child is not tied to this JVM: if the JVM dies without {@link #close()} (e.g. {@code kill -9}),
 * the server keeps running until it is stopped by hand.
 */
public final class RedisServerProcess implements AutoCloseable {
    /** Name of the server's log file in {@link RedisServerConfig#dataDir()}. */
    public static final String LOG_FILE_NAME = "redis-server.log";

    static final String HOST = ChildProcessControl.LOOPBACK;
    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final ChildProcessControl control = new ChildProcessControl(
            log, "redis-server", "Redis", Duration.ofSeconds(5), Duration.ofMillis(2), Duration.ofMillis(50));

    private final RedisServerConfig config;
    private final Function<RedisServerConfig, RedisBinary> binaryResolver;
    private final Object lifecycle = new Object();
    private volatile RedisBinary binary;
    private volatile Process process;
    private volatile int port;

    // Guarded by lifecycle.
    private boolean closed;

    /**
     * @param config where the server keeps its files, which binary, the start deadline; never null
     */
    public RedisServerProcess(RedisServerConfig config) {
        this(config, c -> RedisBinary.resolve(c.preference(), c.dataDir().resolve("bin")));
    }

    /** For tests that run a stand-in executable. */
    RedisServerProcess(RedisServerConfig config, Function<RedisServerConfig, RedisBinary> binaryResolver) {
        this.config = Objects.requireNonNull(config, "config");
        this.binaryResolver = Objects.requireNonNull(binaryResolver, "binaryResolver");
    }

    /**
     * Chooses the binary ({@link RedisBinary#resolve}), launches it on a free loopback port and waits
     * until it answers {@code PING}.
     *
     * @return the server's URI, {@code redis://127.0.0.1:PORT}; never null
     * @throws StackException if no binary can be found or copied, the process cannot be launched, exits
     *     while starting, or does not answer within {@link RedisServerConfig#startTimeout()}; the message
     *     then includes the tail of the server's log. The process is stopped and {@code start()} may be
     *     called again
     * @throws IllegalStateException if it already started (use {@link #restart()}) or was closed
     */
    public String start() {
        synchronized (lifecycle) {
            checkOpen();
            if (port != 0) {
                throw new IllegalStateException("Redis already started at " + uri() + "; use restart()");
            }
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new StackException("Cannot create the Redis data directory " + config.dataDir() + ": " + e, e);
            }
            RedisBinary resolved = binaryResolver.apply(config);
            binary = resolved;
            // Another process could take the port before Redis binds it; Redis then exits with "Address
            // already in use", which start() reports with the log tail.
            int freePort = control.pickFreePorts(1)[0];
            launchAndAwaitReady(resolved, freePort, false);
            port = freePort;
            return uri();
        }
    }

    /**
     * Starts the server again with the same binary, port and directory, after {@link #kill()} or after
     * it exited on its own; a running server is first shut down as in {@link #close()}.
     *
     * @return the server's URI, the same as before; never null
     * @throws StackException as {@link #start()} does (e.g. another process took the port meanwhile)
     * @throws IllegalStateException if it never started or was closed
     */
    public String restart() {
        synchronized (lifecycle) {
            checkOpen();
            if (port == 0) {
                throw new IllegalStateException("Redis has not started yet; call start() first");
            }
            Process previous = process;
            if (previous != null && previous.isAlive()) {
                stopGracefully(previous, port);
            }
            launchAndAwaitReady(binary, port, true);
            return uri();
        }
    }

    /**
     * Ends the server at once, as a crash would (SIGKILL on Unix, {@code TerminateProcess} on Windows,
     * through {@link Process#destroyForcibly()}), and waits until it has exited. Nothing happens if it
     * is not running.
     *
     * @throws StackException if the process has not exited a few seconds after being killed
     */
    public void kill() {
        synchronized (lifecycle) {
            control.kill(process, port);
        }
    }

    /**
     * Shuts the server down: {@code SHUTDOWN NOSAVE}, or {@link Process#destroy()} if that cannot be
     * sent; then waits a few seconds, and kills it if it is still running. Idempotent; never throws: a
     * process that survives even the kill is logged and left behind.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            Process running = process;
            if (running != null && running.isAlive()) {
                stopGracefully(running, port);
            }
        }
    }

    /**
     * @return the loopback port the server listens on, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public int port() {
        int current = port;
        if (current == 0) {
            throw new IllegalStateException("Redis has not started");
        }
        return current;
    }

    /**
     * @return {@code redis://127.0.0.1:PORT}; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String uri() {
        return "redis://" + HOST + ":" + port();
    }

    /** @return whether the most recently launched server process is running */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** @return the OS process id of the most recently launched server process (it may have exited), if any */
    public OptionalLong pid() {
        Process current = process;
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.pid());
    }

    /**
     * @return the executable chosen by {@link #start()}, with where it came from; never null
     * @throws IllegalStateException if {@link #start()} has not chosen one yet
     */
    public RedisBinary binary() {
        RedisBinary chosen = binary;
        if (chosen == null) {
            throw new IllegalStateException("Redis has not started, no binary chosen yet");
        }
        return chosen;
    }

    /** @return the settings this server was created with; never null */
    public RedisServerConfig config() {
        return config;
    }

    // Caller holds lifecycle. On failure the launched process is killed before the exception is thrown.
    private void launchAndAwaitReady(RedisBinary executable, int serverPort, boolean appendToLog) {
        ServerLog serverLog = new ServerLog(config.dataDir().resolve(LOG_FILE_NAME));
        long logOffset = appendToLog ? serverLog.size() : 0;
        String dir = config.dataDir().toAbsolutePath().toString();
        List<String> command = List.of(
                executable.path().toString(),
                "--port",
                Integer.toString(serverPort),
                "--bind",
                HOST,
                "--dir",
                dir,
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(serverLog.redirect(appendToLog));
        long startNanos = System.nanoTime();
        Process launched = control.launch(builder, executable.describe());
        process = launched;
        closeInput(launched);
        try {
            control.awaitReady(launched, serverPort, "PING", startNanos, config.startTimeout(), () -> ping(serverPort));
        } catch (StackException e) {
            throw new StackException(e.getMessage() + serverLog.tailSince(logOffset), e.getCause());
        }
        control.logReady("redis://" + HOST + ":" + serverPort, startNanos, executable.describe(), launched);
    }

    private static Optional<String> ping(int serverPort) throws IOException {
        String reply = RespProbe.send(serverPort, PROBE_TIMEOUT, "PING");
        return "+PONG".equals(reply) ? Optional.empty() : Optional.of("PING answered '" + reply + "'");
    }

    // Caller holds lifecycle.
    private static void stopGracefully(Process running, int serverPort) {
        try {
            String reply = RespProbe.send(serverPort, PROBE_TIMEOUT, "SHUTDOWN", "NOSAVE");
            if (!reply.isEmpty()) {
                log.debug("redis-server pid {} answered SHUTDOWN with '{}'; terminating it", running.pid(), reply);
                running.destroy();
            }
        } catch (IOException e) {
            log.debug("Cannot send SHUTDOWN to redis-server pid {} ({}); terminating it", running.pid(), e.toString());
            running.destroy();
        }
        control.awaitExitOrKill(running, serverPort);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This Redis server process was closed; create a new one");
        }
    }

    private static void closeInput(Process launched) {
        // Redis never reads its standard input; close our end of the pipe now rather than at GC.
        try {
            launched.getOutputStream().close();
        } catch (IOException e) {
            log.debug("Cannot close the standard input of redis-server pid {}", launched.pid(), e);
        }
    }
}
