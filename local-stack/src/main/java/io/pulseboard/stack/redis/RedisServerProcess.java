package io.pulseboard.stack.redis;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.ChildProcessServer;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
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
 * <p>Locked down, because any local user can reach a loopback port: the server listens on {@code
 * 127.0.0.1} only, with protected mode on, and requires a password ({@code requirepass}) that each
 * {@link #start()} draws afresh from {@link SecureRandom}. The password never appears on the command
 * line (which {@code ps} shows to every user, and the pid file records): it is in {@value
 * #CONFIG_FILE_NAME}, the first argument, and in {@value #PASSWORD_FILE_NAME} for {@code redis-cli}
 * ({@code REDISCLI_AUTH=$(cat FILE) redis-cli -p PORT}), both owner-only in the data directory. The
 * commands that reconfigure the server, write files, replicate or stop it ({@link #DISABLED_COMMANDS})
 * are renamed away ({@code rename-command X ""}), so even a client that has the password cannot make
 * the server write files elsewhere ({@code CONFIG SET dir} and {@code SAVE}) or load a module; the
 * pipeline uses none of them. {@link #endpoint()} and {@link #uri()} are the address without the
 * password, for messages and logs; clients connect with {@link #authenticatedUri()}.
 *
 * <p>Life-cycle as {@link ChildProcessServer}: {@link #start()} (again after a failed start), then any
 * number of {@link #kill()} and {@link #restart()} on the same port and with the same password, then
 * {@link #close()}; those four block and are serialised on one lock. {@link #start()} chooses the
 * binary ({@link RedisBinary#resolve}) and may throw a {@link StackException} if none can be found or
 * copied, or if the password files cannot be written; its message, like that of any failed start,
 * includes the tail of the server's log. A restart appends to the log. {@link #port()}, {@link #uri()},
 * {@link #authenticatedUri()}, {@link #isAlive()}, {@link #pid()} and {@link #binary()} may be called
 * from any thread.
 *
 * <p>Readiness is a condition, not a delay: {@code AUTH} and {@code PING} are sent over a plain socket,
 * with a short growing back-off, until {@code +PONG} comes back, the process exits, or {@link
 * RedisServerConfig#startTimeout()} passes. {@link #close()} sends SIGTERM ({@code SHUTDOWN} is
 * disabled; Redis stops cleanly on SIGTERM and has nothing to save), waits a few seconds and kills the
 * server if it is still running.
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

    /** Name of the server's owner-only configuration file (it holds the password) in the data directory. */
    public static final String CONFIG_FILE_NAME = "redis-server.conf";

    /** Name of the owner-only file in the data directory that holds the current password, alone. */
    public static final String PASSWORD_FILE_NAME = "redis-server.password";

    /**
     * Commands renamed away. Each exists from Redis 5.0 on (the oldest binary bundled, for Windows),
     * since Redis refuses to start when asked to rename a command it does not know; ACL (6.0 on) is
     * left, as it cannot write a file without an {@code aclfile}, and none is configured. The pipeline's
     * own client (Lettuce: HELLO/AUTH, HSET, PEXPIRE, SADD, ZADD, SCRIPT LOAD, EVALSHA, PUBLISH, HGETALL,
     * ZRANGEBYSCORE, PTTL), the connection test (PING, INFO) and {@code FLUSHALL} for tests stay.
     */
    static final List<String> DISABLED_COMMANDS = List.of(
            "CONFIG",
            "DEBUG",
            "MODULE",
            "SAVE",
            "BGSAVE",
            "BGREWRITEAOF",
            "SHUTDOWN",
            "REPLICAOF",
            "SLAVEOF",
            "SYNC",
            "PSYNC");

    private static final int PASSWORD_BYTES = 32;

    static final String HOST = ChildProcessControl.LOOPBACK;
    private static final Logger log = LoggerFactory.getLogger(RedisServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final ChildProcessControl control = new ChildProcessControl(
            log, "redis-server", "Redis", Duration.ofSeconds(5), Duration.ofMillis(2), Duration.ofMillis(50));

    private final RedisServerConfig config;
    private final Function<RedisServerConfig, RedisBinary> binaryResolver;
    private final ServerLog serverLog;
    private final SecureRandom random = new SecureRandom();
    private volatile RedisBinary binary;
    // Drawn by each start() (prepare), kept by restart(). A new one per start rather than one stored
    // for good: the port is new at every start too, so clients need the new endpoints anyway, and a
    // password copied from an earlier run (a file, a shell history) stops working with that run.
    private volatile String password;

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
     * @return {@code redis://127.0.0.1:PORT}, the same as {@link #endpoint()}: the address without the
     *     password, for messages and logs; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String uri() {
        return endpoint();
    }

    /**
     * @return {@code redis://:PASSWORD@127.0.0.1:PORT}, what clients connect with (Lettuce reads the
     *     password from it), the same across restarts; a secret: never log or show it. Never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String authenticatedUri() {
        int port = port();
        return "redis://:" + password() + "@" + HOST + ":" + port;
    }

    /**
     * @return the password the running server requires, the same across restarts; a secret. Never null
     * @throws IllegalStateException if {@link #start()} has not drawn one yet
     */
    public String password() {
        String current = password;
        if (current == null) {
            throw new IllegalStateException("Redis has not started, no password drawn yet");
        }
        return current;
    }

    /**
     * @return the owner-only file that holds the current password alone ({@value #PASSWORD_FILE_NAME} in
     *     the data directory), for {@code REDISCLI_AUTH=$(cat FILE) redis-cli}; absolute, never null. It
     *     exists once {@link #start()} has prepared the server
     */
    public Path passwordFile() {
        return config.dataDir().resolve(PASSWORD_FILE_NAME).toAbsolutePath();
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
        byte[] secret = new byte[PASSWORD_BYTES];
        random.nextBytes(secret);
        String drawn = HexFormat.of().formatHex(secret);
        try {
            OwnerOnlyFiles.write(configFile(), configuration(drawn).getBytes(StandardCharsets.UTF_8));
            OwnerOnlyFiles.write(passwordFile(), drawn.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StackException(
                    "Cannot write the owner-only Redis password files " + configFile() + " and " + passwordFile() + ": "
                            + e,
                    e);
        }
        password = drawn;
    }

    /** The settings that must not be on the command line, or that lock the server down. */
    private static String configuration(String password) {
        StringBuilder text = new StringBuilder(
                "# Written by Pulseboard at each start of its local Redis;" + " owner-only, it holds the password.\n");
        text.append("requirepass ").append(password).append('\n');
        text.append("protected-mode yes\n");
        for (String command : DISABLED_COMMANDS) {
            text.append("rename-command ").append(command).append(" \"\"\n");
        }
        return text.toString();
    }

    private Path configFile() {
        return config.dataDir().resolve(CONFIG_FILE_NAME).toAbsolutePath();
    }

    @Override
    protected List<String> command(int port) {
        // The configuration file must come first; the options after it add to it.
        return List.of(
                binary().path().toString(),
                configFile().toString(),
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
        String reply = RespProbe.sendAuthenticated(port, PROBE_TIMEOUT, password(), "PING");
        return "+PONG".equals(reply) ? Optional.empty() : Optional.of("AUTH and PING answered '" + reply + "'");
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
