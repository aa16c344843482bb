package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import io.pulseboard.stack.redis.RedisBinary.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures, with shell scripts standing in for redis-server. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in executables are shell scripts")
class RedisServerProcessTest {

    @TempDir
    Path tempDir;

    @Test
    void startFailsWithTheExitCodeAndTheLogTailWhenTheServerExits() throws IOException {
        Path script = script("echo 'FATAL CONFIG FILE ERROR: stand-in refuses to start'\nexit 3\n");
        try (RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(tempDir.resolve("data")),
                config -> new RedisBinary(Source.PATH, script))) {

            assertThatThrownBy(redis::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("stand-in refuses to start");
            assertThat(redis.isAlive()).isFalse();
            assertThatThrownBy(redis::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startGivesUpAtTheDeadlineAndKillsAServerThatNeverAnswers() throws IOException {
        Path script = script("echo 'stand-in listening nowhere'\nexec sleep 60\n");
        try (RedisServerProcess redis = new RedisServerProcess(
                RedisServerConfig.inDirectory(tempDir.resolve("data")).withStartTimeout(Duration.ofMillis(300)),
                config -> new RedisBinary(Source.PATH, script))) {

            long startNanos = System.nanoTime();
            assertThatThrownBy(redis::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("did not answer PING within PT0.3S")
                    .hasMessageContaining("stand-in listening nowhere");

            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(5));
            long pid = redis.pid().orElseThrow();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
        }
    }

    private Path script(String body) throws IOException {
        Path file = Files.writeString(tempDir.resolve("redis-server"), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
