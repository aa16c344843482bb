package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    @Test
    void clientDefaultsReachEveryClientButTheUsersOwnSettingWinsAndTheRestIsKept() {
        KafkaConfig kafka = ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.kafka.client.fetch.max.wait.ms", "300"))
                .kafka()
                .withClientDefaults(Map.of("fetch.max.wait.ms", "100", "retry.backoff.ms", "20"));
        KafkaConfig loaded =
                ConfigLoader.load(Optional.empty(), Map.of(), Map.of()).kafka();

        assertThat(kafka.clientOverrides())
                .containsEntry("fetch.max.wait.ms", "300")
                .containsEntry("retry.backoff.ms", "20");
        assertThat(kafka.toStreamsProperties().getProperty("retry.backoff.ms")).isEqualTo("20");
        assertThat(kafka.toConsumerProperties("g").getProperty("fetch.max.wait.ms"))
                .isEqualTo("300");
        assertThat(kafka.rocksDbMemoryBytes()).isEqualTo(loaded.rocksDbMemoryBytes());
    }

    @Test
    void rejectsARocksDbBoundTooSmallForTheStores() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.kafka.rocksdb-memory-bytes", "1024")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.rocksdb-memory-bytes")
                .hasMessageContaining("at least 8388608");
    }
}
