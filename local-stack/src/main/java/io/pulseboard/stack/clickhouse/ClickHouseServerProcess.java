package io.pulseboard.stack.clickhouse;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.ChildProcessServer;
import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An installed ClickHouse server run as a child process on free loopback ports, configured by files
 * generated in {@link ClickHouseServerConfig#dataDir()} (see {@link ClickHouseServerFiles}): nothing is
 * read from or written to {@code /etc/clickhouse-server} or {@code /var/lib/clickhouse}, and the
 * server is reachable from this machine only. Data persists in the directory across restarts.
 *
 * <p>Life-cycle as {@link ChildProcessServer}: {@link #start()}, then any number of {@link #kill()}
 * and {@link #restart()} on the same ports, then {@link #close()}; those four block and are serialised
 * on one lock. {@link #start()} takes the configured binary or finds one ({@link #findBinary()}) and
 * writes the configuration; it throws a {@link StackException} naming the Debian package {@value
 * #DEBIAN_PACKAGE} if no binary is installed (or the configured one is not executable), and, like any failed start, one quoting the tail of the server's logs if it exits or does
 * not answer in time. {@link #httpPort()}, {@link #endpoint()}, {@link #isAlive()}, {@link #pid()} and
 * {@link #binary()} may be called from any thread.
 *
 * <p>Readiness is a condition, not a delay: {@code GET /ping} is polled, with a short growing
 * back-off, until it answers {@code Ok.}, the process exits, or {@link
 * ClickHouseServerConfig#startTimeout()} passes. {@link #close()} sends SIGTERM, waits up to ten seconds
 * and kills the server if it is still running.
 *
 * <p>A server left running by a JVM that was killed ({@code kill -9}) would hold the directory's lock
 * ({@code status}) and fail the next start: a watchdog ends it where {@code /bin/sh} exists, and {@link
 * #start()} first stops one still recorded in {@code clickhouse-server.pid} in the data directory (see
 * {@link ChildProcessServer}).
 */
public final class ClickHouseServerProcess extends ChildProcessServer {
    /** The Debian package that provides the server binary. */
    public static final String DEBIAN_PACKAGE = "clickhouse-server";

    static final String HOST = ChildProcessControl.LOOPBACK;
    private static final Logger log = LoggerFactory.getLogger(ClickHouseServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final ChildProcessControl control = new ChildProcessControl(
            log,
            "clickhouse-server",
            "ClickHouse",
            Duration.ofSeconds(10),
            Duration.ofMillis(5),
            Duration.ofMillis(100));

    private final ClickHouseServerConfig config;
    private final ClickHouseServerFiles files;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private volatile Path binary;

    /** @param config where the server keeps its files and the start deadline; never null */
    public ClickHouseServerProcess(ClickHouseServerConfig config) {
        super(control, 2, "/ping", Objects.requireNonNull(config, "config").startTimeout(), config.dataDir());
        this.config = config;
        this.files = new ClickHouseServerFiles(config.dataDir());
    }

    /**
     * Finds the server executable: {@code clickhouse-server}, else the all-in-one {@code clickhouse}
     * (run as {@code clickhouse server}), on the {@code PATH}, then in {@code /usr/sbin} and {@code
     * /usr/bin} (Debian installs {@code clickhouse-server} in {@code /usr/sbin}, which is not on a normal
     * user's {@code PATH}).
     *
     * @return the executable, or empty if none is installed
     */
    public static Optional<Path> findBinary() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/usr/bin"));
        for (String name : new String[] {"clickhouse-server", "clickhouse"}) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @return the loopback HTTP port, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public int httpPort() {
        return port(0);
    }

    /**
     * @return the executable chosen by {@link #start()}: {@link ClickHouseServerConfig#binary()}, or the one
     *     {@link #findBinary()} found; never null
     * @throws IllegalStateException if {@link #start()} has not chosen one yet
     */
    public Path binary() {
        Path chosen = binary;
        if (chosen == null) {
            throw new IllegalStateException("ClickHouse has not started, no binary chosen yet");
        }
        return chosen;
    }

    /** @return the settings this server was created with; never null */
    public ClickHouseServerConfig config() {
        return config;
    }

    @Override
    protected void prepare(List<Integer> freePorts) {
        binary = config.binary()
                .map(ClickHouseServerProcess::requireExecutable)
                .orElseGet(ClickHouseServerProcess::requireInstalled);
        files.write(HOST, freePorts.get(0), freePorts.get(1));
    }

    @Override
    protected List<String> command(int port) {
        Path executable = binary();
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        if (executable.getFileName().toString().equals("clickhouse")) {
            command.add("server");
        }
        command.add("--config-file=" + files.configFile());
        return command;
    }

    @Override
    protected Supplier<String> directOutput(ProcessBuilder launch, boolean restart) {
        launch.directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(files.consoleLog().toFile()))
                .redirectInput(Redirect.from(new File("/dev/null")));
        return () -> tail(files.consoleLog()) + tail(files.serverLog());
    }

    @Override
    protected Optional<String> notReadyBecause(int port) throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(endpointFor(port) + "/ping"))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        HttpResponse<String> reply = http.send(ping, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200 && "Ok.\n".equals(reply.body())) {
            return Optional.empty();
        }
        return Optional.of(
                "/ping answered " + reply.statusCode() + " '" + reply.body().strip() + "'");
    }

    @Override
    protected String endpointFor(int port) {
        return "http://" + HOST + ":" + port;
    }

    @Override
    protected String describeExecutable() {
        return binary().toString();
    }

    private static Path requireInstalled() {
        return findBinary()
                .orElseThrow(() -> new StackException("No ClickHouse server binary (clickhouse-server or clickhouse)"
                        + " on the PATH or in /usr/sbin: install the Debian package " + DEBIAN_PACKAGE
                        + " (apt-get install " + DEBIAN_PACKAGE + ") or ClickHouse from clickhouse.com"));
    }

    private static Path requireExecutable(Path configured) {
        if (Files.isRegularFile(configured) && Files.isExecutable(configured)) {
            return configured;
        }
        throw new StackException("The configured ClickHouse server binary " + configured
                + " is not an executable file: install the Debian package " + DEBIAN_PACKAGE + " (apt-get install "
                + DEBIAN_PACKAGE + ") or configure the path of an installed clickhouse-server");
    }

    private static String tail(Path file) {
        return Files.isRegularFile(file) ? ChildProcessControl.logTail(file, 0, "") : "";
    }
}
