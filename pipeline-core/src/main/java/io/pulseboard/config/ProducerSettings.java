package io.pulseboard.config;

import java.time.Duration;
import java.util.Set;

/**
 * Batching and compression of the event producer. Acks and idempotence are not settings: the
 * producer always uses {@code acks=all} with idempotence.
 *
 * @param compression one of none, gzip, snappy, lz4, zstd
 * @param linger how long a batch may wait to fill
 * @param batchBytes the largest batch per partition, in bytes
 * @param deliveryTimeout how long a send may take, retries included, before it fails to the caller
 */
public record ProducerSettings(String compression, Duration linger, int batchBytes, Duration deliveryTimeout) {

    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    public ProducerSettings {
        if (!COMPRESSIONS.contains(compression)) {
            throw new ConfigException("pulseboard.producer.compression is '" + compression
                    + "': use one of none, gzip, snappy, lz4, zstd");
        }
        if (batchBytes < 1024) {
            throw new ConfigException("pulseboard.producer.batch-bytes is " + batchBytes + ": use at least 1024");
        }
        if (deliveryTimeout.compareTo(linger.plusSeconds(1)) < 0) {
            throw new ConfigException("pulseboard.producer.delivery-timeout must exceed linger by at least 1s");
        }
    }
}
