package io.pulseboard.stack.clickhouse;

import io.pulseboard.stack.ChildProcessControl;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An installed ClickHouse server run as a child process on free loopback ports, configured by files
 * generated in {@link ClickHouseServerConfig#dataDir()} (see {@link ClickHouseServerFiles}): nothing is
 * read from or written to {@code /etc/clickhouse-server} or {@code /var/lib/clickhouse}, and the
 * server is reachable from this machine only. Data persists in the directory across restarts.
 *
 * <p>Life-cycle: {@link #start()}, then any number of {@link #kill()} and {@link #restart()} on the
 * same ports, then {@link #close()}. Those four block and are serialised on one lock; {@link
 * #httpPort()}, {@link #endpoint()} and {@link #isAlive()} may be called from any thread.
 *
 * <p>Readiness is a condition, not a delay: {@code GET /ping} is polled, with a short growing
 * back-off, until it answers {@code Ok.}, the process exits, or the start timeout passes.
 */
public final class ClickHouseServerProcess implements AutoCloseable {
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
    private final Object lifecycle = new Object();
    private volatile Process process;
    private volatile int httpPort;
    private List<String> command = List.of();

    // Guarded by lifecycle.
    private boolean closed;

    /** @param config where the server keeps its files and the start deadline; never null */
    public ClickHouseServerProcess(ClickHouseServerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
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
     * Writes the configuration, launches the server on free loopback ports and waits until it answers.
     *
     * @return the HTTP endpoint, {@code http://127.0.0.1:PORT}; never null
     * @throws StackException if no binary is installed (the message names the Debian package {@value
     *     #DEBIAN_PACKAGE}), the process cannot be launched, exits while starting, or does not answer
     *     within the start timeout (the message then includes the tail of its logs); the process is
     *     stopped and {@code start()} may be called again
     * @throws IllegalStateException if it already started (use {@link #restart()}) or was closed
     */
    public String start() {
        synchronized (lifecycle) {
            checkOpen();
            if (httpPort != 0) {
                throw new IllegalStateException("ClickHouse already started at " + endpoint() + "; use restart()");
            }
            Path binary = findBinary()
                    .orElseThrow(
                            () -> new StackException("No ClickHouse server binary (clickhouse-server or clickhouse)"
                                    + " on the PATH or in /usr/sbin: install the Debian package " + DEBIAN_PACKAGE
                                    + " (apt-get install " + DEBIAN_PACKAGE + ") or ClickHouse from clickhouse.com"));
            int[] ports = control.pickFreePorts(2);
            files.write(HOST, ports[0], ports[1]);
            List<String> cmd = new ArrayList<>();
            cmd.add(binary.toString());
            if (binary.getFileName().toString().equals("clickhouse")) {
                cmd.add("server");
            }
            cmd.add("--config-file=" + files.configFile());
            command = List.copyOf(cmd);
            launchAndAwaitReady(ports[0]);
            httpPort = ports[0];
            return endpoint();
        }
    }

    /**
     * Starts the server again with the same binary, ports and data directory, after {@link #kill()} or
     * after it exited; a running server is first stopped as in {@link #close()}.
     *
     * @return the HTTP endpoint, the same as before; never null
     * @throws StackException as {@link #start()} does (e.g. another process took a port meanwhile)
     * @throws IllegalStateException if it never started or was closed
     */
    public String restart() {
        synchronized (lifecycle) {
            checkOpen();
            if (httpPort == 0) {
                throw new IllegalStateException("ClickHouse has not started yet; call start() first");
            }
            Process previous = process;
            if (previous != null && previous.isAlive()) {
                control.terminate(previous, httpPort);
            }
            launchAndAwaitReady(httpPort);
            return endpoint();
        }
    }

    /**
     * Ends the server at once, as a crash would (SIGKILL through {@link Process#destroyForcibly()}), and
     * waits until it has exited. Nothing happens if it is not running.
     *
     * @throws StackException if the process has not exited a few seconds after being killed
     */
    public void kill() {
        synchronized (lifecycle) {
            control.kill(process, httpPort);
        }
    }

    /**
     * Stops the server: SIGTERM, a bounded wait, then SIGKILL if it is still running. Idempotent; never
     * throws: a process that survives even the kill is logged and left behind.
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
                control.terminate(running, httpPort);
            }
        }
    }

    /**
     * @return the loopback HTTP port, the same across restarts
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public int httpPort() {
        int current = httpPort;
        if (current == 0) {
            throw new IllegalStateException("ClickHouse has not started");
        }
        return current;
    }

    /**
     * @return {@code http://127.0.0.1:PORT}; never null
     * @throws IllegalStateException if {@link #start()} has not succeeded
     */
    public String endpoint() {
        return "http://" + HOST + ":" + httpPort();
    }

    /** @return whether the most recently launched server process is running */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    // Caller holds lifecycle. On failure the launched process is killed before the exception is thrown.
    private void launchAndAwaitReady(int port) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(files.consoleLog().toFile()))
                .redirectInput(Redirect.from(new File("/dev/null")));
        long startNanos = System.nanoTime();
        Process launched = control.launch(builder, command);
        process = launched;
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/ping"))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        try {
            control.awaitReady(launched, port, "/ping", startNanos, config.startTimeout(), () -> check(ping));
        } catch (StackException e) {
            throw new StackException(e.getMessage() + tail(files.consoleLog()) + tail(files.serverLog()), e.getCause());
        }
        control.logReady("http://" + HOST + ":" + port, startNanos, command.get(0), launched);
    }

    private Optional<String> check(HttpRequest ping) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(ping, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200 && "Ok.\n".equals(reply.body())) {
            return Optional.empty();
        }
        return Optional.of(
                "/ping answered " + reply.statusCode() + " '" + reply.body().strip() + "'");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This ClickHouse server process was closed; create a new one");
        }
    }

    private static String tail(Path file) {
        return Files.isRegularFile(file) ? ChildProcessControl.logTail(file, 0, "") : "";
    }
}
