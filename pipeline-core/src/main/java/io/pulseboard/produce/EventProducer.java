package io.pulseboard.produce;

import io.pulseboard.config.KafkaConfig;
import io.pulseboard.config.ProducerSettings;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends business events as their documented JSON with an idempotent producer ({@code acks=all},
 * idempotence on; compression and batching from {@link ProducerSettings}).
 *
 * <p>Every send returns a future that fails when the broker does not acknowledge the record; the
 * failure is also counted in {@link #stats()}. Nothing is logged and forgotten. Sales are keyed by
 * region, customer events by customer. Thread-safe.
 */
public final class EventProducer implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Json json;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public EventProducer(KafkaConfig kafka, ProducerSettings settings, Json json) {
        this.producer = new KafkaProducer<>(
                kafka.toProducerProperties(settings), new ByteArraySerializer(), new ByteArraySerializer());
        this.json = json;
    }

    public CompletableFuture<RecordMetadata> send(SalesEvent sale) {
        return send(
                Topics.SALES_EVENTS,
                sale.region(),
                json.write(sale),
                sale.timestamp().toEpochMilli());
    }

    public CompletableFuture<RecordMetadata> send(CustomerEvent event) {
        return send(
                Topics.CUSTOMER_EVENTS,
                event.customerId(),
                json.write(event),
                event.timestamp().toEpochMilli());
    }

    /** Sends raw bytes as they are, for replays and tests of external producers. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value, long timestampMs) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        sent.incrementAndGet();
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, null, timestampMs, keyBytes, value), (metadata, error) -> {
                if (error == null) {
                    acked.incrementAndGet();
                    result.complete(metadata);
                } else {
                    fail(result, error);
                }
            });
        } catch (RuntimeException e) {
            fail(result, e);
        }
        return result;
    }

    private void fail(CompletableFuture<RecordMetadata> result, Throwable error) {
        failed.incrementAndGet();
        lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        result.completeExceptionally(new EventSendException("Kafka did not acknowledge an event", error));
    }

    /** Blocks until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public ProducerStats stats() {
        return new ProducerStats(sent.get(), acked.get(), failed.get(), lastError.get());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * @param sent records handed to the producer
     * @param acked records acknowledged by all in-sync replicas
     * @param failed records that failed (after the producer's own retries)
     * @param lastError the newest failure, null if none
     */
    public record ProducerStats(long sent, long acked, long failed, String lastError) {
        public long pending() {
            return sent - acked - failed;
        }
    }

    /** A send the broker did not acknowledge. */
    public static final class EventSendException extends RuntimeException {
        public EventSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
