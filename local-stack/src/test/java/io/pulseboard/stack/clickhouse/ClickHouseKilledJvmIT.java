package io.pulseboard.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported failure: after a {@code kill -9} of the JVM, the orphaned clickhouse-server held the
 * data directory's lock and every later start there failed. With its watchdog killed too (as where none
 * can run), the next start must stop the orphan and start on the same directory.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the watchdog is found as the child JVM's other child")
class ClickHouseKilledJvmIT {
    private static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path dataDir;

    private Process jvm;

    @BeforeEach
    void requireBinary() {
        ClickHouseAvailability.assumeInstalled();
    }

    @AfterEach
    void endTheChildJvm() throws InterruptedException {
        if (jvm != null) {
            jvm.destroyForcibly();
            assertThat(jvm.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theNextStartOnTheSameDirectoryStopsTheOrphanOfAKilledJvm() throws Exception {
        long orphanPid = startInAChildJvm();
        List<ProcessHandle> watchdogs = ProcessHandle.of(jvm.pid())
                .orElseThrow()
                .children()
                .filter(child -> child.pid() != orphanPid)
                .toList();
        assertThat(watchdogs).as("the child JVM's watchdogs").hasSize(1);
        watchdogs.get(0).destroyForcibly();
        watchdogs.get(0).onExit().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        jvm.destroyForcibly();
        assertThat(jvm.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                .as("clickhouse-server pid %d orphaned by its killed JVM", orphanPid)
                .isTrue();

        try (ClickHouseServerProcess server =
                new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(dataDir))) {
            server.start();

            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphan pid %d", orphanPid)
                    .isFalse();
            assertThat(server.isAlive()).isTrue();
        }
        assertThat(dataDir.resolve("clickhouse-server.pid")).doesNotExist();
    }

    private long startInAChildJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        jvm = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartClickHouseAndAwaitKill.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> readPid(jvm, pid));
        try {
            return pid.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The child JVM printed no ClickHouse pid within 90 s", e);
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
}
