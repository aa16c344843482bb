package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackTest {

    @TempDir
    Path tempDir;

    @Test
    void reportsFailedThrowsAndDoesNotStartRedisWhenKafkaCannotStart() throws Exception {
        Path notADirectory = Files.createFile(tempDir.resolve("not-a-directory"));
        List<String> events = new CopyOnWriteArrayList<>();
        StackProgress progress = (part, phase, message) -> events.add(part + " " + phase);

        try (EmbeddedStack stack = new EmbeddedStack(
                EmbeddedKafkaConfig.inDirectory(notADirectory),
                RedisServerConfig.inDirectory(tempDir.resolve("redis")),
                progress)) {
            assertThatThrownBy(stack::start).isInstanceOf(StackException.class).hasMessageContaining("not-a-directory");
            assertThat(stack.redis()).isEmpty();
        }

        assertThat(events).containsExactly("KAFKA STARTING", "KAFKA FAILED", "KAFKA STOPPED");
        assertThat(tempDir.resolve("redis")).doesNotExist();
    }

    @Test
    void closingAStackThatNeverStartedReportsNothing() {
        List<String> events = new CopyOnWriteArrayList<>();
        LocalStack stack = new EmbeddedStack(
                EmbeddedKafkaConfig.inDirectory(tempDir.resolve("kafka")),
                RedisServerConfig.inDirectory(tempDir.resolve("redis")),
                (part, phase, message) -> events.add(part + " " + phase));

        stack.close();
        stack.close();

        assertThat(events).isEmpty();
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }
}
