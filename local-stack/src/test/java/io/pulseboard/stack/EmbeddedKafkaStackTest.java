package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaStackTest {

    @TempDir
    Path tempDir;

    @Test
    void reportsFailedAndThrowsStackExceptionWhenTheDataDirectoryIsAFile() throws Exception {
        Path notADirectory = Files.createFile(tempDir.resolve("not-a-directory"));
        List<String> events = new CopyOnWriteArrayList<>();

        StackProgress progress = (part, phase, message) -> events.add(part + " " + phase);

        try (LocalStack stack = new EmbeddedKafkaStack(EmbeddedKafkaConfig.inDirectory(notADirectory), progress)) {
            assertThatThrownBy(stack::start).isInstanceOf(StackException.class).hasMessageContaining("not-a-directory");
        }

        assertThat(events).containsExactly("kafka STARTING", "kafka FAILED", "kafka STOPPED");
    }

    @Test
    void closingAStackThatNeverStartedReportsNothing() {
        List<String> events = new CopyOnWriteArrayList<>();
        LocalStack stack = new EmbeddedKafkaStack(
                EmbeddedKafkaConfig.inDirectory(tempDir), (part, phase, message) -> events.add(part + " " + phase));

        stack.close();
        stack.close();

        assertThat(events).isEmpty();
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }
}
