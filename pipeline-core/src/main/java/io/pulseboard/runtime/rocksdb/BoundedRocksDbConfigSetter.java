package io.pulseboard.runtime.rocksdb;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Points every RocksDB store at the shared {@link RocksDbMemory} found in the streams properties,
 * so that all stores together stay within its bound. Kafka Streams creates one instance per store
 * (by class name, which {@link RocksDbMemory#applyTo} puts in the streams properties) and calls it on
 * a stream thread.
 */
public final class BoundedRocksDbConfigSetter implements RocksDBConfigSetter {

    /** Memtable size of one store before it is flushed; smaller than the 16 MiB default, as many stores share. */
    static final long WRITE_BUFFER_BYTES = 8L << 20;
    /** Memtables per store (one being written, one being flushed). */
    static final int WRITE_BUFFERS = 2;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (!(configs.get(RocksDbMemory.CONFIG_KEY) instanceof RocksDbMemory memory)) {
            throw new IllegalStateException("Store " + storeName + ": no " + RocksDbMemory.class.getSimpleName()
                    + " under '" + RocksDbMemory.CONFIG_KEY + "' in the streams properties; the owner of the"
                    + " KafkaStreams instance must put one there (PipelineRuntime does)");
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared: their owner closes them, not each store.
    }
}
