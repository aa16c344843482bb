package io.pulseboard.runtime.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbConfigSetterTest {

    @Test
    void pointsEveryStoreAtTheSharedCacheAndWriteBufferManager() {
        try (RocksDbMemory memory = new RocksDbMemory(16L << 20);
                Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
                Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            BoundedRocksDbConfigSetter setter = new BoundedRocksDbConfigSetter();
            setter.setConfig("sales-0", first, Map.of(RocksDbMemory.CONFIG_KEY, memory));
            setter.setConfig("sales-1", second, Map.of(RocksDbMemory.CONFIG_KEY, memory));

            for (Options options : new Options[] {first, second}) {
                assertThat(options.writeBufferSize()).isEqualTo(BoundedRocksDbConfigSetter.WRITE_BUFFER_BYTES);
                assertThat(options.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbConfigSetter.WRITE_BUFFERS);
                BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            }
            setter.close("sales-0", first);
            assertThat(memory.usage()).as("the shared cache is still usable").isGreaterThanOrEqualTo(0);
            assertThat(memory.bytes()).isEqualTo(16L << 20);
        }
    }

    @Test
    void failsWithTheFixWhenNoSharedMemoryWasGiven() {
        RocksDB.loadLibrary();
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedRocksDbConfigSetter().setConfig("sales-0", options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(RocksDbMemory.CONFIG_KEY)
                    .hasMessageContaining("PipelineRuntime");
        }
    }

    @Test
    void theBoundComesFromConfigAndReachesTheStreamsPropertiesWithTheSetter() {
        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(), Map.of("PULSEBOARD_KAFKA_ROCKSDB_MEMORY_BYTES", "33554432"), Map.of());
        Properties props = config.kafka().toStreamsProperties();
        assertThat(props)
                .as("config holds no native memory, so it names no setter")
                .doesNotContainKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);

        try (RocksDbMemory memory = new RocksDbMemory(config.kafka().rocksDbMemoryBytes())) {
            assertThat(memory.applyTo(props)).isSameAs(props);

            assertThat(memory.bytes()).isEqualTo(32L << 20);
            assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                    .isEqualTo(BoundedRocksDbConfigSetter.class);
            assertThat(props.get(RocksDbMemory.CONFIG_KEY)).isSameAs(memory);
        }
    }
}
