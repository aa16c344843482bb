package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running Redis is killed with SIGKILL, which skips its shutdown hooks: the watchdog ends Redis,
 * and where the watchdog is gone too the next start in the same directory stops the orphan.
 */
@EnabledOnOs(
        value = OS.LINUX,
        disabledReason = "the watchdog needs /bin/sh; the leftovers are found by /proc/<pid>/cwd")
class KilledJvmIT {
    private static final long DEADLINE_SECONDS = 15;

    @TempDir
    Path tempDir;

    private Process jvm;

    @AfterEach
    void endTheChildJvm() throws InterruptedException {
        if (jvm != null) {
            jvm.destroyForcibly();
            assertThat(jvm.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theWatchdogEndsRedisWhenItsJvmIsKilledAndTheNextStartIsClean() throws Exception {
        Path dataDir = tempDir.resolve("redis");
        long redisPid = startRedisInAChildJvm(dataDir);

        ProcessHandle.of(jvm.pid()).orElseThrow().destroyForcibly();

        assertThat(exitsWithinDeadline(redisPid))
                .as("redis-server pid %d after its JVM was killed", redisPid)
                .isTrue();
        startCleanlyAndLeaveNothingBehind(dataDir, redisPid);
    }

    @Test
    void theNextStartStopsAnOrphanLeftByAKilledJvmWithoutAWatchdog() throws Exception {
        Path dataDir = tempDir.resolve("redis");
        long redisPid = startRedisInAChildJvm(dataDir);
        // As where no watchdog can run (Windows, no /bin/sh): only the pid file is left to repair it.
        List<ProcessHandle> watchdogs = ProcessHandle.of(jvm.pid())
                .orElseThrow()
                .children()
                .filter(child -> child.pid() != redisPid)
                .toList();
        assertThat(watchdogs).as("the child JVM's watchdogs").hasSize(1);
        watchdogs.get(0).destroyForcibly();
        assertThat(watchdogs.get(0).onExit().get(DEADLINE_SECONDS, TimeUnit.SECONDS))
                .isNotNull();

        ProcessHandle.of(jvm.pid()).orElseThrow().destroyForcibly();
        assertThat(jvm.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false))
                .as("redis-server pid %d orphaned by its killed JVM", redisPid)
                .isTrue();
        assertThat(dataDir.resolve("redis-server.pid")).exists();

        startCleanlyAndLeaveNothingBehind(dataDir, redisPid);
    }

    private void startCleanlyAndLeaveNothingBehind(Path dataDir, long previousPid) throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(dataDir).withPreference(BinaryPreference.BUNDLED_ONLY))) {
            redis.start();

            assertThat(ProcessHandle.of(previousPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the previous redis-server pid %d", previousPid)
                    .isFalse();
            try (RawRespClient client = new RawRespClient(redis.port())) {
                assertThat(client.call("PING")).isEqualTo("+PONG");
            }
            assertThat(processesIn(dataDir)).containsExactly(redis.pid().orElseThrow());
            assertThat(Files.readString(dataDir.resolve("redis-server.pid")))
                    .startsWith("pid=" + redis.pid().orElseThrow() + "\n");
        }
        assertThat(processesIn(dataDir)).isEmpty();
        assertThat(dataDir.resolve("redis-server.pid")).doesNotExist();
    }

    private long startRedisInAChildJvm(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        jvm = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartAndAwaitKill.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> readPid(jvm, pid));
        try {
            return pid.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The child JVM printed no Redis pid within 60 s", e);
        }
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

    private static boolean exitsWithinDeadline(long pid) throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null) {
            return true;
        }
        try {
            handle.onExit().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        }
    }

    /** @return the pids of live processes whose working directory is {@code dir} */
    private static List<Long> processesIn(Path dir) throws IOException {
        Path real = dir.toRealPath();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> real.equals(cwd(process.pid())))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static Path cwd(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
        } catch (IOException | UnsupportedOperationException e) {
            return null; // Gone meanwhile, or another user's process: not one of ours.
        }
    }
}
