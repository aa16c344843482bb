package io.pulseboard.topic;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.JsonSerde;
import io.pulseboard.serde.MetricSerdes;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The external topics of the pipeline. Input topics carry raw JSON bytes (parsed and validated
 * inside the topology, so that nothing fails in a deserializer); output topics carry JSON.
 *
 * @param salesEvents input: {@code SalesEvent} JSON, any key
 * @param customerEvents input: {@code CustomerEvent} JSON, any key
 * @param salesMetrics output: {@link SalesWindowMetric} JSON keyed by region
 * @param engagementScores output: {@link EngagementScore} JSON keyed by customerId
 * @param dataQuality output: {@link DataQualityCount} JSON keyed by reason
 * @param deadLetters output: rejected records, original key and value bytes, reason in headers
 * @param exchangeRates reference data, compacted: {@code ExchangeRateHistory} JSON keyed by pair ({@code EUR/USD})
 * @param products reference data, compacted: {@code ProductInfo} JSON keyed by product id
 * @param regions reference data, compacted: {@code RegionInfo} JSON keyed by region id
 * @param salesByCategory output: {@link SalesBreakdownMetric} JSON keyed by {@code region|category}
 * @param salesByChannel output: {@link SalesBreakdownMetric} JSON keyed by {@code region|channel}
 * @param salesByProduct output: {@link SalesBreakdownMetric} JSON keyed by {@code region|productId}
 * @param regionTargets output: {@link TargetMetric} JSON keyed by {@code region|HOUR} or {@code region|DAY}
 * @param alertRules reference data, compacted: {@code AlertRule} JSON keyed by rule id
 * @param alerts output: {@link AlertEvent} JSON keyed by alert id (firing, then resolved)
 */
public record Topics(
        TopicSpec<byte[], byte[]> salesEvents,
        TopicSpec<byte[], byte[]> customerEvents,
        TopicSpec<String, SalesWindowMetric> salesMetrics,
        TopicSpec<String, EngagementScore> engagementScores,
        TopicSpec<String, DataQualityCount> dataQuality,
        TopicSpec<byte[], byte[]> deadLetters,
        TopicSpec<String, byte[]> exchangeRates,
        TopicSpec<String, byte[]> products,
        TopicSpec<String, byte[]> regions,
        TopicSpec<String, SalesBreakdownMetric> salesByCategory,
        TopicSpec<String, SalesBreakdownMetric> salesByChannel,
        TopicSpec<String, SalesBreakdownMetric> salesByProduct,
        TopicSpec<String, TargetMetric> regionTargets,
        TopicSpec<String, byte[]> alertRules,
        TopicSpec<String, AlertEvent> alerts) {

    public static final String SALES_EVENTS = "sales-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String SALES_METRICS = "sales-metrics";
    public static final String ENGAGEMENT_SCORES = "customer-engagement-scores";
    public static final String DATA_QUALITY = "data-quality-metrics";
    public static final String DEAD_LETTERS = "dead-letter-events";
    public static final String EXCHANGE_RATES = "reference-exchange-rates";
    public static final String PRODUCTS = "reference-products";
    public static final String REGIONS = "reference-regions";
    public static final String SALES_BY_CATEGORY = "sales-by-category";
    public static final String SALES_BY_CHANNEL = "sales-by-channel";
    public static final String SALES_BY_PRODUCT = "sales-by-product";
    public static final String REGION_TARGETS = "region-targets";
    public static final String ALERT_RULES = "reference-alert-rules";
    public static final String ALERTS = "alerts";

    public static Topics create(Json json, int partitions) {
        return new Topics(
                new TopicSpec<>(SALES_EVENTS, partitions, Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(CUSTOMER_EVENTS, partitions, Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(SALES_METRICS, partitions, Serdes.String(), MetricSerdes.salesWindowMetric(json)),
                new TopicSpec<>(ENGAGEMENT_SCORES, partitions, Serdes.String(), MetricSerdes.engagementScore(json)),
                new TopicSpec<>(DATA_QUALITY, 1, Serdes.String(), new JsonSerde<>(json, DataQualityCount.class)),
                new TopicSpec<>(DEAD_LETTERS, partitions, Serdes.ByteArray(), Serdes.ByteArray()),
                // Reference data is small and read whole by every instance (global stores): one partition.
                TopicSpec.compacted(EXCHANGE_RATES, 1, Serdes.String(), Serdes.ByteArray()),
                TopicSpec.compacted(PRODUCTS, 1, Serdes.String(), Serdes.ByteArray()),
                TopicSpec.compacted(REGIONS, 1, Serdes.String(), Serdes.ByteArray()),
                new TopicSpec<>(
                        SALES_BY_CATEGORY,
                        partitions,
                        Serdes.String(),
                        new JsonSerde<>(json, SalesBreakdownMetric.class)),
                new TopicSpec<>(
                        SALES_BY_CHANNEL,
                        partitions,
                        Serdes.String(),
                        new JsonSerde<>(json, SalesBreakdownMetric.class)),
                new TopicSpec<>(
                        SALES_BY_PRODUCT,
                        partitions,
                        Serdes.String(),
                        new JsonSerde<>(json, SalesBreakdownMetric.class)),
                new TopicSpec<>(REGION_TARGETS, partitions, Serdes.String(), new JsonSerde<>(json, TargetMetric.class)),
                TopicSpec.compacted(ALERT_RULES, 1, Serdes.String(), Serdes.ByteArray()),
                new TopicSpec<>(ALERTS, partitions, Serdes.String(), new JsonSerde<>(json, AlertEvent.class)));
    }

    public List<TopicSpec<?, ?>> all() {
        return List.of(
                salesEvents,
                customerEvents,
                salesMetrics,
                engagementScores,
                dataQuality,
                deadLetters,
                exchangeRates,
                products,
                regions,
                salesByCategory,
                salesByChannel,
                salesByProduct,
                regionTargets,
                alertRules,
                alerts);
    }
}
