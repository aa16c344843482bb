package io.pulseboard.runtime.rocksdb;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One bound on the native memory of every RocksDB store of a Kafka Streams instance: a block cache
 * shared by all stores that also holds their index and filter blocks, with the memtables charged
 * against it through a shared write buffer manager (the Kafka Streams memory-management guide's
 * recipe). Without it each store (and each segment of a window store) gets its own 50 MiB block
 * cache and up to three 16 MiB memtables.
 *
 * <p>Created by the owner of the {@code KafkaStreams} instance, added to its streams properties with
 * {@link #applyTo}, and closed by that owner after the instance is closed; {@link
 * BoundedRocksDbConfigSetter} finds it in the properties under {@link #CONFIG_KEY}. Thread-safe
 * (RocksDB synchronises the cache and the manager).
 */
public final class RocksDbMemory implements AutoCloseable {

    /** Streams property that carries the shared instance to {@link BoundedRocksDbConfigSetter}. */
    public static final String CONFIG_KEY = "pulseboard.rocksdb.memory";

    /** Share of the bound that memtables may take; the rest caches data, index and filter blocks. */
    static final double MEMTABLE_SHARE = 0.5;
    /** Share of the cache kept for index and filter blocks (high priority, evicted last). */
    static final double INDEX_FILTER_SHARE = 0.1;

    private final long bytes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;

    /** @param bytes the bound, in bytes, for block cache, index and filter blocks and memtables together */
    public RocksDbMemory(long bytes) {
        RocksDB.loadLibrary(); // idempotent; Streams would load it only when it opens the first store
        this.bytes = bytes;
        // Not a strict limit: with a strict one a full cache fails reads instead of evicting (Streams guide).
        this.cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
        this.writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
    }

    /**
     * Bounds the stores of a KafkaStreams instance built from {@code streamsProperties}: names {@link
     * BoundedRocksDbConfigSetter} as its RocksDB config setter and adds this instance for it to find.
     *
     * @return {@code streamsProperties}, changed
     */
    public Properties applyTo(Properties streamsProperties) {
        streamsProperties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfigSetter.class);
        streamsProperties.put(CONFIG_KEY, this);
        return streamsProperties;
    }

    /** The bound, bytes. */
    public long bytes() {
        return bytes;
    }

    /** Bytes in the shared cache now, memtables included. */
    public long usage() {
        return cache.getUsage();
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    /** Frees the native cache; call only after every store using it is closed. */
    @Override
    public void close() {
        writeBuffers.close();
        cache.close();
    }
}
