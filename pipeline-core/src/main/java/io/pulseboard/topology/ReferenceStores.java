package io.pulseboard.topology;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.reference.RegionInfo;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.TopicSpec;
import io.pulseboard.topic.Topics;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference data as global stores: every instance of the pipeline holds all of it (it is small),
 * read from the compacted {@code reference-*} topics, so sales are enriched where they are read, with
 * no repartition (docs/adr/0019). Values are the topics' JSON bytes: Kafka Streams restores a global
 * store by copying the topic's records as they are.
 */
final class ReferenceStores {
    private static final Logger log = LoggerFactory.getLogger(ReferenceStores.class);

    private ReferenceStores() {}

    /** Adds the four global stores to the topology. */
    static void add(StreamsBuilder builder, Topics topics, Json json) {
        add(builder, topics.exchangeRates(), MetricsTopology.EXCHANGE_RATE_STORE, json, ExchangeRateHistory.class);
        add(builder, topics.products(), MetricsTopology.PRODUCT_STORE, json, ProductInfo.class);
        add(builder, topics.regions(), MetricsTopology.REGION_STORE, json, RegionInfo.class);
        add(builder, topics.alertRules(), MetricsTopology.ALERT_RULE_STORE, json, AlertRule.class);
    }

    /** @return the history a rate record holds, or empty if the bytes are not one (logged) */
    static Optional<ExchangeRateHistory> readRates(Json json, byte[] bytes) {
        return read(json, bytes, ExchangeRateHistory.class, "?");
    }

    private static <T> void add(
            StreamsBuilder builder, TopicSpec<String, byte[]> topic, String store, Json json, Class<T> type) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()),
                () -> new Loader<>(store, json, type));
    }

    static <T> Optional<T> read(Json json, byte[] bytes, Class<T> type, String key) {
        try {
            return Optional.of(json.read(bytes, type));
        } catch (RuntimeException e) {
            log.warn("Reference record {} is not a {}: {}", key, type.getSimpleName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps each readable record in the store, deletes on a tombstone, and skips (and logs) the rest. */
    private static final class Loader<T> implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private final Json json;
        private final Class<T> type;
        private KeyValueStore<String, byte[]> store;

        Loader(String storeName, Json json, Class<T> type) {
            this.storeName = storeName;
            this.json = json;
            this.type = type;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                log.warn("Reference record without a key in {} skipped", storeName);
            } else if (record.value() == null) {
                store.delete(record.key());
            } else if (read(json, record.value(), type, record.key()).isPresent()) {
                store.put(record.key(), record.value());
            }
        }
    }
}
