package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.ServerInAChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running PostgreSQL (as user postgres through setpriv, when the test runs as root) is killed with
 * SIGKILL, which skips its shutdown hooks: the watchdog ends the server and its back-ends, and where the
 * watchdog is gone too the next start in the same directory stops the orphan.
 */
@EnabledOnOs(
        value = OS.LINUX,
        disabledReason = "the watchdog needs /bin/sh; the cluster's processes are found by /proc/<pid>/cwd")
class PostgresKilledJvmIT {
    private static final long DEADLINE_SECONDS = 20;

    @TempDir
    Path tempDir;

    private ServerInAChildJvm child;
    private Path cluster;

    @AfterEach
    void endTheChildJvmAndDeleteTheCluster() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        PostgresTestSupport.deleteClusterOutside(tempDir, Optional.ofNullable(cluster));
    }

    @Test
    void theWatchdogEndsPostgresWhenItsJvmIsKilledAndTheNextStartIsClean() throws Exception {
        Path dataDir = tempDir.resolve("postgres");
        long serverPid = startInAChildJvm(dataDir);

        child.kill();

        assertThat(exitsWithinDeadline(serverPid))
                .as("postgres pid %d after its JVM was killed", serverPid)
                .isTrue();
        awaitNoProcessIn(cluster);
        startCleanlyAndLeaveNothingBehind(dataDir, serverPid);
    }

    @Test
    void theNextStartStopsAnOrphanLeftByAKilledJvmWithoutAWatchdog() throws Exception {
        Path dataDir = tempDir.resolve("postgres");
        long serverPid = startInAChildJvm(dataDir);
        child.killWatchdog();
        child.kill();
        assertThat(child.serverAlive())
                .as("postgres pid %d orphaned by its killed JVM", serverPid)
                .isTrue();
        assertThat(PostgresTestSupport.processesIn(cluster)).contains(serverPid);
        assertThat(dataDir.resolve("postgres.pid")).exists();

        startCleanlyAndLeaveNothingBehind(dataDir, serverPid);
    }

    private void startCleanlyAndLeaveNothingBehind(Path dataDir, long previousPid) throws Exception {
        try (PostgresServerProcess server = new PostgresServerProcess(
                PostgresServerConfig.inDirectory(dataDir).withPreference(PostgresBinaryPreference.BUNDLED_ONLY))) {
            server.start();

            assertThat(ProcessHandle.of(previousPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the previous postgres pid %d", previousPid)
                    .isFalse();
            long pid = server.pid().orElseThrow();
            assertThat(PostgresTestSupport.processesIn(cluster)).contains(pid).doesNotContain(previousPid);
            assertThat(Files.readString(dataDir.resolve("postgres.pid"))).startsWith("pid=" + pid + "\n");
            try (var connection = PostgresTestSupport.connect(server.postgresEndpoint());
                    var statement = connection.createStatement();
                    var result = statement.executeQuery("SELECT 40 + 2")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(PostgresTestSupport.processesIn(cluster)).isEmpty();
        assertThat(dataDir.resolve("postgres.pid")).doesNotExist();
    }

    private long startInAChildJvm(Path dataDir) throws Exception {
        cluster = PostgresTestSupport.clusterDirFor(dataDir);
        child = ServerInAChildJvm.start(StartPostgresAndAwaitKill.class, dataDir, Duration.ofSeconds(90));
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

    // The back-ends end on their own once their server is gone: a condition with a deadline.
    private static void awaitNoProcessIn(Path cluster) {
        assertThat(ClusterProcesses.awaitNoneIn(cluster, Duration.ofSeconds(DEADLINE_SECONDS)))
                .as("processes still working in %s", cluster)
                .isEmpty();
    }
}
