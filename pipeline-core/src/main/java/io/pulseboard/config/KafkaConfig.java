package io.pulseboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the pipeline reaches Kafka and runs Kafka Streams. Kafka {@link Properties} exist only at
 * this edge: every client is built from one of the {@code to...Properties()} methods.
 *
 * @param cacheMaxBytes Kafka Streams record cache (heap), bytes
 * @param rocksDbMemoryBytes bound on the native memory of all RocksDB stores together (block cache,
 *     index and filter blocks, memtables), bytes; the owner of the KafkaStreams instance applies it
 *     (the runtime, through {@code io.pulseboard.runtime.rocksdb})
 * @param clientOverrides raw Kafka client properties (e.g. {@code security.protocol}) applied to
 *     every client; from keys {@code pulseboard.kafka.client.*}
 */
public record KafkaConfig(
        String bootstrapServers,
        String applicationId,
        String processingGuarantee,
        int streamThreads,
        Duration commitInterval,
        long cacheMaxBytes,
        long rocksDbMemoryBytes,
        Path stateDir,
        Map<String, String> clientOverrides) {

    public static final String EXACTLY_ONCE_V2 = StreamsConfig.EXACTLY_ONCE_V2;
    public static final String AT_LEAST_ONCE = StreamsConfig.AT_LEAST_ONCE;
    /** Default of {@code pulseboard.kafka.rocksdb-memory-bytes}. */
    public static final long DEFAULT_ROCKSDB_MEMORY_BYTES = 64L << 20;

    static final long MIN_ROCKSDB_MEMORY_BYTES = 8L << 20;

    public KafkaConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new ConfigException("pulseboard.kafka.bootstrap-servers is empty: give host:port of a Kafka broker");
        }
        if (!EXACTLY_ONCE_V2.equals(processingGuarantee) && !AT_LEAST_ONCE.equals(processingGuarantee)) {
            throw new ConfigException("pulseboard.kafka.processing-guarantee is '" + processingGuarantee
                    + "': use exactly_once_v2 (default) or at_least_once");
        }
        if (streamThreads < 1) {
            throw new ConfigException("pulseboard.kafka.stream-threads is " + streamThreads + ": use 1 or more");
        }
        if (commitInterval == null || commitInterval.toMillis() < 1) {
            throw new ConfigException("pulseboard.kafka.commit-interval is " + commitInterval
                    + ": use 1ms or more, e.g. 100ms (the local demo uses 25ms)");
        }
        if (rocksDbMemoryBytes < MIN_ROCKSDB_MEMORY_BYTES) {
            throw new ConfigException("pulseboard.kafka.rocksdb-memory-bytes is " + rocksDbMemoryBytes
                    + ": use at least " + MIN_ROCKSDB_MEMORY_BYTES + " (8 MiB), e.g. " + DEFAULT_ROCKSDB_MEMORY_BYTES);
        }
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public KafkaConfig withBootstrapServers(String servers) {
        return copy(servers, stateDir);
    }

    public KafkaConfig withStateDir(Path dir) {
        return copy(bootstrapServers, dir);
    }

    /** This config with the two parts the withers change; every other part kept. */
    private KafkaConfig copy(String servers, Path dir) {
        return new KafkaConfig(
                servers,
                applicationId,
                processingGuarantee,
                streamThreads,
                commitInterval,
                cacheMaxBytes,
                rocksDbMemoryBytes,
                dir,
                clientOverrides);
    }

    /**
     * Streams properties of this config, without the RocksDB bound: a bound is native memory that
     * lives and dies with one KafkaStreams instance, so its owner adds the config setter and the
     * shared memory of {@link #rocksDbMemoryBytes} (the runtime does). Without them Kafka Streams
     * uses RocksDB's own, unbounded, defaults.
     */
    public Properties toStreamsProperties() {
        Properties props = common();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The pipeline creates its topics with their partitions up front (TopicProvisioner);
        // internal topics get the same replication as the cluster default.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        return props;
    }

    public Properties toProducerProperties(ProducerSettings settings) {
        Properties props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchBytes());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                settings.deliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(
                30_000,
                settings.deliveryTimeout().toMillis() - settings.linger().toMillis()));
        return props;
    }

    public Properties toConsumerProperties(String groupId) {
        Properties props = common();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    public Properties toAdminProperties() {
        return common();
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(clientOverrides);
        return props;
    }
}
