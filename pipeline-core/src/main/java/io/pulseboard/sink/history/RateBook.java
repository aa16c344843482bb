package io.pulseboard.sink.history;

import io.pulseboard.config.KafkaConfig;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange rates as the topology sees them: the compacted {@code reference-exchange-rates} topic,
 * read whole from its beginning by a consumer of its own (no group), then followed. The history sink
 * converts stored sales with them, as the topology converts the counted ones. Used by one thread.
 */
final class RateBook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RateBook.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Json json;
    private final Map<String, ExchangeRateHistory> rates = new HashMap<>();
    private List<TopicPartition> partitions;

    RateBook(KafkaConfig kafka, Json json) {
        this.json = json;
        this.consumer = new KafkaConsumer<>(
                kafka.toConsumerProperties(null), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** @return the rates of a pair ({@code EUR/USD}) read so far */
    Optional<ExchangeRateHistory> get(String pair) {
        return Optional.ofNullable(rates.get(pair));
    }

    /** Applies whatever arrived since the last call, without waiting. */
    void refresh() {
        apply(Duration.ZERO);
    }

    /**
     * Reads until the topic's current end, at most {@code timeout}: at start, and when a sale names a
     * pair not seen yet (its rate may have been published a moment ago).
     *
     * @return whether the end was reached
     */
    boolean catchUp(Duration timeout) {
        assign();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            apply(Duration.ofMillis(100));
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private void apply(Duration wait) {
        assign();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                rates.remove(record.key());
                continue;
            }
            try {
                rates.put(record.key(), json.read(record.value(), ExchangeRateHistory.class));
            } catch (RuntimeException e) {
                log.warn("Exchange-rate record {} is not a rate history: {}", record.key(), e.getMessage());
            }
        }
    }

    private void assign() {
        if (partitions == null) {
            partitions = consumer.partitionsFor(Topics.EXCHANGE_RATES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
    }
}
