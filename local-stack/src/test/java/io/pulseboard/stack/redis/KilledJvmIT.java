package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.ServerInAChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private ServerInAChildJvm child;

    @AfterEach
    void endTheChildJvm() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void theWatchdogEndsRedisWhenItsJvmIsKilledAndTheNextStartIsClean() throws Exception {
        Path dataDir = tempDir.resolve("redis");
        long redisPid = startRedisInAChildJvm(dataDir);

        child.kill();

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
        child.killWatchdog();
        child.kill();
        assertThat(child.serverAlive())
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
                assertThat(client.call("AUTH", redis.password())).isEqualTo("+OK");
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
        child = ServerInAChildJvm.start(StartAndAwaitKill.class, dataDir, Duration.ofSeconds(60));
        return child.serverPid();
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
