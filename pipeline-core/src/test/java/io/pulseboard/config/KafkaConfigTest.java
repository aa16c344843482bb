package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    @Test
    void rejectsARocksDbBoundTooSmallForTheStores() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.kafka.rocksdb-memory-bytes", "1024")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.rocksdb-memory-bytes")
                .hasMessageContaining("at least 8388608");
    }
}
