package io.pulseboard.stack.postgres;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.ChildProcessServer;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run as a child process on a loopback port, with a cluster of its own that
 * persists across restarts: Debian's binaries when installed, else the bundled ones ({@link
 * PostgresBinaries}, {@link PostgresServerConfig#preference()}).
 *
 * <p>The first {@link #start()} makes the cluster with initdb ({@link PostgresCluster}): one user,
 * {@value #USER}, whose password is drawn then and kept owner-only in {@link #passwordFile()}; every
 * connection needs it ({@code scram-sha-256}). The server listens on {@code 127.0.0.1} only, with no
 * Unix socket, at most 30 connections and 16 MB of shared buffers; its output is appended to {@value
 * #CONSOLE_LOG_FILE_NAME} in the data directory. Readiness is a real connection: {@code SELECT 1} as
 * {@value #USER}, after which the database {@value #DATABASE} is created if missing. {@link #close()} asks
 * for a fast shutdown (SIGINT: SIGTERM would wait for every client to leave), waits up to ten seconds,
 * then kills it.
 *
 * <p>Where the files go. As a normal user: all under {@link PostgresServerConfig#dataDir()} (the cluster
 * in {@code data/}, the bundled binaries in {@code bin/}). As root (initdb and postgres refuse root):
 * both run as user {@code postgres}, or {@code nobody} where there is none, through {@code setpriv}
 * ({@link ServerUser}); that user cannot reach a directory in {@code /root}, so the cluster goes to
 * {@code /var/lib/pulseboard/postgres-<first 12 hex digits of the SHA-256 of the data directory's
 * path>/data}, owned by that user and {@code rwx------}, and the bundled binaries to {@code
 * /var/lib/pulseboard/bin} ({@code rwxr-xr-x}, owned by root); which directory is used is logged at
 * INFO ({@link PostgresLayout}), and such a cluster whose data directory was deleted is deleted by the
 * next start as root ({@link AbandonedClusters}). The password file, the console log and the pid file stay in the data
 * directory.
 *
 * <p>Life-cycle and crash safety as {@link ChildProcessServer}: setpriv executes the server in its own
 * place, so the pid held, recorded in {@code postgres.pid} and watched by the watchdog is the server's.
 * A server ended by SIGKILL leaves its back-ends for a moment; a launch waits for them to be gone
 * ({@link ClusterProcesses}). The password is never logged, put in a message or on a command line.
 */
public final class PostgresServerProcess extends ChildProcessServer {
    /** The database user made by initdb; the only one. */
    public static final String USER = "pulseboard";

    /** The database created at the first start, which {@link #endpoint()} names. */
    public static final String DATABASE = "pulseboard";

    /** Name of the owner-only file in the data directory that holds {@value #USER}'s password alone. */
    public static final String PASSWORD_FILE_NAME = "postgres.password";

    /** Name of the file in the data directory that receives the server's output. */
    public static final String CONSOLE_LOG_FILE_NAME = "postgres.log";

    static final String HOST = ChildProcessControl.LOOPBACK;
    private static final Logger log = LoggerFactory.getLogger(PostgresServerProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_SECONDS = 2;
    private static final ChildProcessControl control = new ChildProcessControl(
            log, "postgres", "PostgreSQL", STOP_TIMEOUT, Duration.ofMillis(5), Duration.ofMillis(100));

    private final PostgresServerConfig config;
    private volatile PostgresLayout layout;
    private volatile Optional<ServerUser> runAs = Optional.empty();
    private volatile PostgresBinaries binaries;
    private volatile String password;

    /** @param config where the server keeps its files, which binaries, the start deadline; never null */
    public PostgresServerProcess(PostgresServerConfig config) {
        super(control, 1, "SELECT 1", Objects.requireNonNull(config, "config").startTimeout(), config.dataDir());
        this.config = config;
    }

    /**
     * @return the loopback port, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public int port() {
        return port(0);
    }

    /** @return {@value #USER}, the user to connect as; never null */
    public String user() {
        return USER;
    }

    /**
     * @return the owner-only file that holds {@value #USER}'s password alone ({@value #PASSWORD_FILE_NAME} in
     *     the data directory), absolute; it exists once {@link #start()} has prepared the server. Never null
     */
    public Path passwordFile() {
        return config.dataDir().resolve(PASSWORD_FILE_NAME).toAbsolutePath();
    }

    /**
     * @return the JDBC URL ({@link #endpoint()}), user and password file, for clients; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public PostgresEndpoint postgresEndpoint() {
        return new PostgresEndpoint(endpoint(), USER, passwordFile());
    }

    /**
     * @return the binaries chosen by {@link #start()}; never null
     * @throws IllegalStateException if {@link #start()} has not chosen them yet
     */
    public PostgresBinaries binaries() {
        return requirePrepared(binaries);
    }

    /**
     * @return the cluster's directory, the server's {@code -D}: {@code data/} in the data directory, or
     *     under {@code /var/lib/pulseboard} as root (see the class comment); never null
     * @throws IllegalStateException if {@link #start()} has not prepared the server yet
     */
    public Path clusterDir() {
        return requirePrepared(layout).clusterDir();
    }

    /** @return the settings this server was created with; never null */
    public PostgresServerConfig config() {
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
            throw new StackException("Cannot create the PostgreSQL data directory " + config.dataDir() + ": " + e, e);
        }
        Optional<ServerUser> user = ServerUser.forThisJvm();
        PostgresLayout chosen = user.isPresent()
                ? PostgresLayout.forRoot(config.dataDir(), Path.of(PostgresLayout.ROOT_BASE))
                : PostgresLayout.forUser(config.dataDir());
        PostgresBinaries found = PostgresBinaries.resolve(config.preference(), chosen.bundleRoot());
        if (user.isPresent()) {
            log.info(
                    "This JVM runs as root: PostgreSQL runs as user {} with its cluster in {} (for {})",
                    user.get().name(),
                    chosen.clusterDir(),
                    config.dataDir());
        } else {
            log.info("PostgreSQL cluster in {}", chosen.clusterDir());
        }
        password = new PostgresCluster(chosen, user, config.startTimeout()).prepare(found);
        runAs = user;
        layout = chosen;
        binaries = found;
    }

    @Override
    protected List<String> command(int port) {
        PostgresLayout current = requirePrepared(layout);
        // A server ended by SIGKILL (kill(), a crash) leaves its back-ends for a moment; the new one would
        // refuse their shared memory.
        List<ProcessHandle> left = ClusterProcesses.awaitNoneIn(current.clusterDir(), STOP_TIMEOUT);
        if (!left.isEmpty()) {
            log.warn(
                    "Processes {} of the previous PostgreSQL still work in {}; the start may fail",
                    left.stream().map(ProcessHandle::pid).toList(),
                    current.clusterDir());
        }
        List<String> command =
                new ArrayList<>(runAs.map(ServerUser::commandPrefix).orElse(List.of()));
        command.addAll(List.of(
                binaries().postgres().toString(),
                "-D",
                current.clusterDir().toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=" + HOST,
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=30",
                "-c",
                "shared_buffers=16MB",
                "-c",
                "logging_collector=off"));
        return command;
    }

    @Override
    protected Supplier<String> directOutput(ProcessBuilder launch, boolean restart) {
        PostgresLayout current = requirePrepared(layout);
        Path consoleLog = current.consoleLog();
        long offset = size(consoleLog);
        launch.directory(current.baseDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(consoleLog.toFile()));
        return () -> ChildProcessControl.logTail(consoleLog, offset, "; " + consoleLog + " is empty");
    }

    @Override
    protected Optional<String> notReadyBecause(int port) {
        Properties login = new Properties();
        login.setProperty("user", USER);
        login.setProperty("password", requirePrepared(password));
        login.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
        login.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS * 5));
        String url = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        try (Connection connection = new Driver().connect(url, login);
                Statement statement = connection.createStatement()) {
            try (ResultSet one = statement.executeQuery("SELECT 1")) {
                if (!one.next() || one.getInt(1) != 1) {
                    return Optional.of("SELECT 1 did not answer 1");
                }
            }
            boolean exists;
            try (ResultSet database =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = database.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
                log.info("Created the database {} in {}", DATABASE, clusterDir());
            }
            return Optional.empty();
        } catch (SQLException e) {
            // The driver's messages carry no password: the server's refusal, or why it cannot be reached.
            return Optional.of(e.getSQLState() + " " + e.getMessage());
        }
    }

    /** Fast shutdown: SIGINT, which ends the clients' sessions; SIGTERM would wait for them to leave. */
    @Override
    protected void askToStop(Process running, int port) {
        try {
            Process signal = new ProcessBuilder(
                            "/bin/sh", "-c", "kill -INT \"$1\"", "pulseboard-stop", Long.toString(running.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
            if (signal.waitFor(5, TimeUnit.SECONDS) && signal.exitValue() == 0) {
                return;
            }
            signal.destroyForcibly();
            log.warn("Cannot send SIGINT to PostgreSQL pid {}; asking it to stop with SIGTERM", running.pid());
        } catch (IOException e) {
            log.warn("Cannot send SIGINT to PostgreSQL pid {} ({}); asking it to stop with SIGTERM", running.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.destroy();
    }

    @Override
    protected String endpointFor(int port) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    @Override
    protected String describeExecutable() {
        return binaries().describe()
                + runAs.map(user -> " as user " + user.name()).orElse("");
    }

    private static <T> T requirePrepared(T value) {
        if (value == null) {
            throw new IllegalStateException("PostgreSQL has not been prepared by start() yet");
        }
        return value;
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
