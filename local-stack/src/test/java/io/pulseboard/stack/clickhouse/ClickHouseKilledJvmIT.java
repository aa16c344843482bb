package io.pulseboard.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.ServerInAChildJvm;
import java.nio.file.Path;
import java.time.Duration;
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
    @TempDir
    Path dataDir;

    private ServerInAChildJvm child;

    @BeforeEach
    void requireBinary() {
        ClickHouseAvailability.assumeInstalled();
    }

    @AfterEach
    void endTheChildJvm() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void theNextStartOnTheSameDirectoryStopsTheOrphanOfAKilledJvm() throws Exception {
        child = ServerInAChildJvm.start(StartClickHouseAndAwaitKill.class, dataDir, Duration.ofSeconds(90));
        long orphanPid = child.serverPid();
        child.killWatchdog();
        child.kill();
        assertThat(child.serverAlive())
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
}
