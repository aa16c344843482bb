package io.pulseboard.stack.redis;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.ChildProcessServer;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} run as a child process on a loopback port ({@link RedisServerConfig#port()},
 * else a free one), with no persistence
 * (no RDB snapshots, no AOF): Redis is a cache that the pipeline fills again. Its standard output and
 * error go to {@value #LOG_FILE_NAME} in {@link RedisServerConfig#dataDir()}; no thread of this JVM
 * reads them. Nothing is written outside that directory.
 *
 * <p>Life-cycle as {@link ChildProcessServer}: {@link #start()} (again after a failed start), then any
 * number of {@link #kill()} and {@link #restart()} on the same port, then {@link #close()}; those four
 * block and are serialised on one lock. {@link #start()} chooses the binary ({@link RedisBinary#resolve})
 * and may throw a {@link StackException} if none can be found or copied; its message, like that of any
 * failed start, includes the tail of the server's log. A restart appends to the log. {@link #port()},
 * {@link #uri()}, {@link #isAlive()}, {@link #pid()} and {@link #binary()} may be called from any thread.
 *
 * <p>Readiness is a condition, not a delay: {@code PING} is sent over a plain socket, with a short
 * growing back-off, until {@code +PONG} comes back, the process exits, or {@link
 * RedisServerConfig#startTimeout()} passes. {@link #close()} sends {@code SHUTDOWN NOSAVE} (SIGTERM if
 * that cannot be sent), waits a few seconds and kills the server if it is still running.
 *
 * <p>A JVM that ends without {@link #close()} kills the server in a shutdown hook; if the JVM itself
 * is killed ({@code kill -9}) a watchdog ends the server within seconds where {@code /bin/sh} exists,
 * and the next {@link #start()} in the same directory stops a server still left running from that run
 * (its pid file is {@code redis-server.pid} in {@link RedisServerConfig#dataDir()}; see {@link
 * ChildProcessServer}).
 */
public final class RedisServerProcess extends ChildProcessServer {
    /** Name of the server's log file in {@link RedisServerConfig#dataDir()}. */
    public static final String LOG_FILE_NAME = "redis-server.log";

    static final String HOST = ChildProcessControl.LOOPBACK;
    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final ChildProcessControl control = new ChildProcessControl(
            log, "redis-server", "Redis", Duration.ofSeconds(5), Duration.ofMillis(2), Duration.ofMillis(50));

    private final RedisServerConfig config;
    private final Function<RedisServerConfig, RedisBinary> binaryResolver;
    private final ServerLog serverLog;
    private volatile RedisBinary binary;

    /**
     * @param config where the server keeps its files, which binary, the start deadline; never null
     */
    public RedisServerProcess(RedisServerConfig config) {
        this(config, c -> RedisBinary.resolve(c.preference(), c.dataDir().resolve("bin")));
    }

    /** For tests that run a stand-in executable. */
    RedisServerProcess(RedisServerConfig config, Function<RedisServerConfig, RedisBinary> binaryResolver) {
        super(control, 1, "PING", Objects.requireNonNull(config, "config").startTimeout(), config.dataDir());
        this.config = config;
        this.binaryResolver = Objects.requireNonNull(binaryResolver, "binaryResolver");
        this.serverLog = new ServerLog(config.dataDir().resolve(LOG_FILE_NAME));
    }

    /**
     * @return the loopback port the server listens on, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public int port() {
        return port(0);
    }

    /**
     * @return {@code redis://127.0.0.1:PORT}, the same as {@link #endpoint()}; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String uri() {
        return endpoint();
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

    @Override
    protected int requestedPort() {
        return config.port();
    }

    @Override
    protected void prepare(List<Integer> freePorts) {
        try {
            OwnerOnlyFiles.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StackException("Cannot create the Redis data directory " + config.dataDir() + ": " + e, e);
        }
        binary = binaryResolver.apply(config);
    }

    @Override
    protected List<String> command(int port) {
        return List.of(
                binary().path().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                HOST,
                "--dir",
                config.dataDir().toAbsolutePath().toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no");
    }

    @Override
    protected Supplier<String> directOutput(ProcessBuilder launch, boolean restart) {
        long logOffset = restart ? serverLog.size() : 0;
        launch.directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(serverLog.redirect(restart));
        return () -> serverLog.tailSince(logOffset);
    }

    @Override
    protected Optional<String> notReadyBecause(int port) throws IOException {
        String reply = RespProbe.send(port, PROBE_TIMEOUT, "PING");
        return "+PONG".equals(reply) ? Optional.empty() : Optional.of("PING answered '" + reply + "'");
    }

    /** {@code SHUTDOWN NOSAVE}; SIGTERM if that cannot be sent or is refused. */
    @Override
    protected void askToStop(Process running, int port) {
        try {
            String reply = RespProbe.send(port, PROBE_TIMEOUT, "SHUTDOWN", "NOSAVE");
            if (!reply.isEmpty()) {
                log.debug("redis-server pid {} answered SHUTDOWN with '{}'; terminating it", running.pid(), reply);
                running.destroy();
            }
        } catch (IOException e) {
            log.debug("Cannot send SHUTDOWN to redis-server pid {} ({}); terminating it", running.pid(), e.toString());
            running.destroy();
        }
    }

    @Override
    protected String endpointFor(int port) {
        return "redis://" + HOST + ":" + port;
    }

    @Override
    protected String describeExecutable() {
        return binary().describe();
    }
}
