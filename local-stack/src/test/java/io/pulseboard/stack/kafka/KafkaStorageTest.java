package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaStorageTest {

    @TempDir
    Path dataDir;

    @Test
    void formatsAnEmptyDirectoryOnceAndReusesItsClusterIdAfterwards() throws Exception {
        String first = KafkaStorage.formatOnce(dataDir, 1, "CONTROLLER");
        String metaProperties = Files.readString(dataDir.resolve("meta.properties"));

        String second = KafkaStorage.formatOnce(dataDir, 1, "CONTROLLER");

        assertThat(second).isEqualTo(first);
        assertThat(metaProperties).contains("cluster.id=" + first).contains("node.id=1");
        assertThat(Files.readString(dataDir.resolve("meta.properties"))).isEqualTo(metaProperties);
    }

    @Test
    void createsAMissingDirectory() {
        Path nested = dataDir.resolve("a/b/kafka");

        KafkaStorage.formatOnce(nested, 1, "CONTROLLER");

        assertThat(nested.resolve("meta.properties")).isRegularFile();
    }

    @Test
    void refusesADirectoryFormattedForAnotherNode() {
        KafkaStorage.formatOnce(dataDir, 2, "CONTROLLER");

        assertThatThrownBy(() -> KafkaStorage.formatOnce(dataDir, 1, "CONTROLLER"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("belongs to node 2");
    }
}
