package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What a start does with the pid file an earlier run left behind; {@code sleep} stands in for a server. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in process is sleep")
class ChildPidFileTest {

    @TempDir
    Path dir;

    private Process sleeper;

    @AfterEach
    void stopSleeper() throws InterruptedException {
        if (sleeper != null) {
            sleeper.destroyForcibly();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void stopsTheRecordedProcessWhenItIsStillRunning() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        ChildPidFile pidFile = pidFile();
        pidFile.write(sleeper.toHandle(), List.of("sleep", "60"));

        assertThat(pidFile.stopOrphan()).isTrue();

        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void neverStopsALiveProcessThatOnlyReusesThePid() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Files.writeString(
                dir.resolve("stand-in.pid"),
                "pid=" + sleeper.pid() + "\nstart=" + Instant.EPOCH + "\nexecutable=/usr/bin/redis-server\n"
                        + "command=/usr/bin/redis-server --port 6379\n");
        ChildPidFile pidFile = pidFile();

        assertThat(pidFile.stopOrphan()).isFalse();

        assertThat(sleeper.isAlive()).isTrue();
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void neverStopsThisJvmWhenTheFileNamesItWithAnotherStartInstant() throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(
                dir.resolve("stand-in.pid"),
                "pid=" + self.pid() + "\nstart=" + Instant.EPOCH + "\nexecutable="
                        + self.info().command().orElse("java") + "\ncommand=java\n");
        ChildPidFile pidFile = pidFile();

        assertThat(pidFile.stopOrphan()).isFalse();

        assertThat(self.isAlive()).isTrue();
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void removesAStalePidFileOfAProcessThatEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ChildPidFile pidFile = pidFile();
        pidFile.write(ended.toHandle(), List.of("true"));

        assertThat(pidFile.stopOrphan()).isFalse();

        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void deletesTheFileOnlyForThePidItNames() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        ChildPidFile pidFile = pidFile();
        pidFile.write(sleeper.toHandle(), List.of("sleep", "60"));

        pidFile.deleteIfFor(sleeper.pid() + 1);
        assertThat(Files.readString(pidFile.path())).startsWith("pid=" + sleeper.pid() + "\n");

        pidFile.deleteIfFor(sleeper.pid());
        assertThat(pidFile.path()).doesNotExist();
    }

    @Test
    void removesAPidFileWithoutAPid() throws IOException {
        Files.writeString(dir.resolve("stand-in.pid"), "garbage\n");
        ChildPidFile pidFile = pidFile();

        assertThat(pidFile.stopOrphan()).isFalse();

        assertThat(pidFile.path()).doesNotExist();
    }

    private ChildPidFile pidFile() {
        return new ChildPidFile(
                dir.resolve("stand-in.pid"),
                LoggerFactory.getLogger(ChildPidFileTest.class),
                "stand-in",
                Duration.ofSeconds(5));
    }
}
