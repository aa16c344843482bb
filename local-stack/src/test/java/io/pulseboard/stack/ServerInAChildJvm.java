package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM a test starts on its own class path to run one child server (its {@code main} prints {@code
 * pid N} of the server, then waits), so that the test can kill it as a crash would.
 */
public final class ServerInAChildJvm implements AutoCloseable {

    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    private final Process jvm;
    private final long serverPid;

    private ServerInAChildJvm(Process jvm, long serverPid) {
        this.jvm = jvm;
        this.serverPid = serverPid;
    }

    /**
     * @param main the class whose {@code main(dataDir)} starts the server and prints its pid
     * @param pidTimeout how long the server may take to start
     */
    public static ServerInAChildJvm start(Class<?> main, Path dataDir, Duration pidTimeout) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), main.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> readPid(jvm, pid));
        try {
            return new ServerInAChildJvm(jvm, pid.get(pidTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            jvm.destroyForcibly();
            throw new AssertionError("The child JVM printed no server pid within " + pidTimeout, e);
        }
    }

    /** @return the pid of the server the child JVM started */
    public long serverPid() {
        return serverPid;
    }

    /** Kills the server's watchdog, as where none can run (Windows, no /bin/sh), and waits for its end. */
    public void killWatchdog() throws Exception {
        List<ProcessHandle> watchdogs = ProcessHandle.of(jvm.pid())
                .orElseThrow()
                .children()
                .filter(child -> child.pid() != serverPid)
                .toList();
        assertThat(watchdogs).as("the child JVM's watchdogs").hasSize(1);
        watchdogs.get(0).destroyForcibly();
        assertThat(watchdogs.get(0).onExit().get(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .isNotNull();
    }

    /** Kills the child JVM with SIGKILL, which skips its shutdown hooks, and waits for its end. */
    public void kill() throws InterruptedException {
        jvm.destroyForcibly();
        assertThat(jvm.waitFor(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    /** @return whether the server the child JVM started is still running */
    public boolean serverAlive() {
        return ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    // Reads the child's output to its end, so that it never blocks on a full pipe.
    private static void readPid(Process jvm, CompletableFuture<Long> pid) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("pid ")) {
                    pid.complete(Long.parseLong(line.substring(4).trim()));
                }
            }
            pid.completeExceptionally(new AssertionError("The child JVM exited without printing a pid"));
        } catch (IOException e) {
            pid.completeExceptionally(e);
        }
    }
}
