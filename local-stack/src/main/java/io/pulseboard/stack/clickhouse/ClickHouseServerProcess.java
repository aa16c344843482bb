package io.pulseboard.stack.clickhouse;

import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    static final String HOST = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(ClickHouseServerProcess.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MILLIS = 100;
    private static final int TAIL_BYTES = 4 * 1024;

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
            int[] ports = pickFreePorts(2);
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
                stopGracefully(previous);
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
            Process running = process;
            if (running == null || !running.isAlive()) {
                return;
            }
            running.destroyForcibly();
            if (!exitsWithin(running, STOP_TIMEOUT)) {
                throw new StackException("clickhouse-server pid " + running.pid() + " has not exited " + STOP_TIMEOUT
                        + " after SIGKILL");
            }
            log.info("ClickHouse on port {} killed (pid {})", httpPort, running.pid());
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
                stopGracefully(running);
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
        Process launched;
        try {
            launched = builder.start();
        } catch (IOException e) {
            throw new StackException("Cannot run " + command + ": " + e.getMessage(), e);
        }
        process = launched;
        try {
            awaitReady(launched, port, startNanos + config.startTimeout().toNanos());
        } catch (StackException e) {
            launched.destroyForcibly();
            exitsWithin(launched, STOP_TIMEOUT);
            throw new StackException(e.getMessage() + tail(files.consoleLog()) + tail(files.serverLog()), e.getCause());
        }
        log.info(
                "ClickHouse ready at http://{}:{} in {} ms: {}, pid {}",
                HOST,
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                command.get(0),
                launched.pid());
    }

    private void awaitReady(Process launched, int port, long deadlineNanos) {
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/ping"))
                .timeout(PROBE_TIMEOUT)
                .GET()
                .build();
        long backoffMillis = 5;
        String lastCheck = "no answer yet";
        while (true) {
            if (!launched.isAlive()) {
                throw new StackException("clickhouse-server (pid " + launched.pid() + ") exited with code "
                        + launched.exitValue() + " while starting on port " + port);
            }
            try {
                HttpResponse<String> reply = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && "Ok.\n".equals(reply.body())) {
                    return;
                }
                lastCheck = "/ping answered " + reply.statusCode() + " '"
                        + reply.body().strip() + "'";
            } catch (IOException e) {
                lastCheck = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for clickhouse-server on port " + port, e);
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remainingMillis <= 0) {
                throw new StackException("clickhouse-server on port " + port + " did not answer /ping within "
                        + config.startTimeout() + " (last check: " + lastCheck + ")");
            }
            try {
                // Waiting on the process rather than sleeping: an exit ends the wait at once.
                launched.waitFor(Math.min(backoffMillis, remainingMillis), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for clickhouse-server on port " + port, e);
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        }
    }

    // Caller holds lifecycle.
    private void stopGracefully(Process running) {
        running.destroy();
        if (exitsWithin(running, STOP_TIMEOUT)) {
            log.info("ClickHouse on port {} stopped (pid {})", httpPort, running.pid());
            return;
        }
        log.warn("clickhouse-server pid {} did not stop within {}; killing it", running.pid(), STOP_TIMEOUT);
        running.destroyForcibly();
        if (!exitsWithin(running, STOP_TIMEOUT)) {
            log.warn("clickhouse-server pid {} is still running after SIGKILL; leaving it behind", running.pid());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This ClickHouse server process was closed; create a new one");
        }
    }

    private static boolean exitsWithin(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    private static int[] pickFreePorts(int count) {
        // All sockets stay open until every port is chosen, so the ports differ. Another process could still
        // take one before ClickHouse binds it; the server then exits and start() reports its log tail.
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new StackException("Cannot find free ports on " + HOST + " for ClickHouse: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Cannot close the port probe socket {}", socket, e);
        }
    }

    private static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : "; last lines of " + file + ":" + System.lineSeparator() + text;
        } catch (IOException e) {
            return "; cannot read " + file + ": " + e;
        }
    }
}
