package io.pulseboard.topology;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around {@link MetricsTopology} with readable accessors; close it after use. */
final class TopologyFixture implements AutoCloseable {

    final Json json = new Json();
    final Topics topics;
    final TopologyTestDriver driver;
    private final Path stateDir;
    final TestInputTopic<byte[], byte[]> sales;
    final TestInputTopic<byte[], byte[]> customers;
    final TestInputTopic<String, byte[]> exchangeRates;
    final TestInputTopic<String, byte[]> products;
    final TestInputTopic<String, byte[]> regions;
    final TestInputTopic<String, byte[]> alertRules;
    final TestOutputTopic<String, io.pulseboard.alert.AlertEvent> alerts;
    final TestOutputTopic<String, io.pulseboard.event.SalesBreakdownMetric> byCategory;
    final TestOutputTopic<String, io.pulseboard.event.SalesBreakdownMetric> byChannel;
    final TestOutputTopic<String, io.pulseboard.event.SalesBreakdownMetric> byProduct;
    final TestOutputTopic<String, io.pulseboard.event.TargetMetric> targets;
    private final Map<String, io.pulseboard.event.SalesBreakdownMetric> latestBreakdowns = new HashMap<>();
    private final Map<String, io.pulseboard.event.TargetMetric> latestTargets = new HashMap<>();
    final TestOutputTopic<String, SalesWindowMetric> salesMetrics;
    final TestOutputTopic<String, EngagementScore> engagement;
    final TestOutputTopic<String, DataQualityCount> dataQuality;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, SalesAggregate> partials;
    private final TestOutputTopic<String, byte[]> awayCustomers;
    private final Map<String, SalesWindowMetric> latestSales = new HashMap<>();
    private final Map<String, EngagementScore> latestEngagement = new HashMap<>();
    private final Map<String, Long> qualityCounts = new HashMap<>();

    TopologyFixture(TopologyConfig config) throws Exception {
        this(config, 1);
    }

    /**
     * @param partitions the topics' configured partitions; the driver feeds every record through
     *     partition 0, so with more than one some keys are away from their home partition
     */
    TopologyFixture(TopologyConfig config, int partitions) throws Exception {
        topics = Topics.create(json, partitions);
        stateDir = Files.createTempDirectory("pulseboard-ttd");
        // KafkaConfig's streams properties, with this test's broker (never reached), id and state; the
        // exception handlers and the RocksDB bound that PipelineRuntime adds are not part of them.
        Properties props = ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "pulseboard.kafka.bootstrap-servers", "unused:9092",
                                "pulseboard.kafka.application-id", "topology-test",
                                "pulseboard.kafka.state-dir", stateDir.toString()))
                .kafka()
                .toStreamsProperties();
        driver = new TopologyTestDriver(MetricsTopology.build(config, topics, json), props);
        ByteArraySerializer bytes = new ByteArraySerializer();
        sales = driver.createInputTopic(Topics.SALES_EVENTS, bytes, bytes);
        customers = driver.createInputTopic(Topics.CUSTOMER_EVENTS, bytes, bytes);
        exchangeRates =
                driver.createInputTopic(Topics.EXCHANGE_RATES, Serdes.String().serializer(), bytes);
        products = driver.createInputTopic(Topics.PRODUCTS, Serdes.String().serializer(), bytes);
        regions = driver.createInputTopic(Topics.REGIONS, Serdes.String().serializer(), bytes);
        alertRules = driver.createInputTopic(Topics.ALERT_RULES, Serdes.String().serializer(), bytes);
        alerts = driver.createOutputTopic(
                Topics.ALERTS,
                Serdes.String().deserializer(),
                topics.alerts().valueSerde().deserializer());
        byCategory = driver.createOutputTopic(
                Topics.SALES_BY_CATEGORY,
                Serdes.String().deserializer(),
                topics.salesByCategory().valueSerde().deserializer());
        byChannel = driver.createOutputTopic(
                Topics.SALES_BY_CHANNEL,
                Serdes.String().deserializer(),
                topics.salesByChannel().valueSerde().deserializer());
        byProduct = driver.createOutputTopic(
                Topics.SALES_BY_PRODUCT,
                Serdes.String().deserializer(),
                topics.salesByProduct().valueSerde().deserializer());
        targets = driver.createOutputTopic(
                Topics.REGION_TARGETS,
                Serdes.String().deserializer(),
                topics.regionTargets().valueSerde().deserializer());
        salesMetrics = driver.createOutputTopic(
                Topics.SALES_METRICS,
                Serdes.String().deserializer(),
                topics.salesMetrics().valueSerde().deserializer());
        engagement = driver.createOutputTopic(
                Topics.ENGAGEMENT_SCORES,
                Serdes.String().deserializer(),
                topics.engagementScores().valueSerde().deserializer());
        dataQuality = driver.createOutputTopic(
                Topics.DATA_QUALITY,
                Serdes.String().deserializer(),
                topics.dataQuality().valueSerde().deserializer());
        partials = driver.createOutputTopic(
                "topology-test-sales-partials-by-key-v3-repartition",
                Serdes.String().deserializer(),
                SalesAggregate.serde().deserializer());
        awayCustomers = driver.createOutputTopic(
                "topology-test-customer-sums-by-key-v4-repartition",
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(
                Topics.DEAD_LETTERS,
                Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    void sale(String json, Instant arrival) {
        sales.pipeInput(null, json.getBytes(StandardCharsets.UTF_8), arrival);
        driver.advanceWallClockTime(MetricsTopology.PARTIAL_FLUSH); // partial sums cross the repartition
    }

    /** Publishes a pair's whole rate history, as the reference publisher does; no rates is a tombstone. */
    void rates(String base, String quote, io.pulseboard.reference.ExchangeRateHistory.Rate... rates) {
        String key = io.pulseboard.reference.ExchangeRateHistory.key(base, quote);
        byte[] value = rates.length == 0
                ? null
                : json.write(new io.pulseboard.reference.ExchangeRateHistory(base, quote, List.of(rates)));
        exchangeRates.pipeInput(key, value);
    }

    void product(io.pulseboard.reference.ProductInfo product) {
        products.pipeInput(product.productId(), json.write(product));
    }

    void rule(io.pulseboard.alert.AlertRule rule) {
        alertRules.pipeInput(rule.ruleId(), json.write(rule));
    }

    void removeRule(String ruleId) {
        alertRules.pipeInput(ruleId, null);
    }

    /** The alert events emitted since the last call, in order. */
    List<io.pulseboard.alert.AlertEvent> alertEvents() {
        return alerts.readValuesToList();
    }

    void region(io.pulseboard.reference.RegionInfo region) {
        regions.pipeInput(region.regionId(), json.write(region));
    }

    /** Latest breakdown per "dimension:region|value@windowStart", folding in everything emitted so far. */
    Map<String, io.pulseboard.event.SalesBreakdownMetric> breakdowns() {
        for (var topic : List.of(byCategory, byChannel, byProduct)) {
            topic.readRecordsToList()
                    .forEach(r -> latestBreakdowns.put(
                            r.value().dimension() + ":" + r.key() + "@"
                                    + r.value().windowStart(),
                            r.value()));
        }
        return latestBreakdowns;
    }

    /** Latest target metric per "region|PERIOD@windowStart". */
    Map<String, io.pulseboard.event.TargetMetric> targets() {
        targets.readRecordsToList()
                .forEach(r -> latestTargets.put(r.key() + "@" + r.value().windowStart(), r.value()));
        return latestTargets;
    }

    void customer(String json, Instant arrival) {
        customers.pipeInput(null, json.getBytes(StandardCharsets.UTF_8), arrival);
        driver.advanceWallClockTime(MetricsTopology.PARTIAL_FLUSH);
    }

    /** The sales partial sums sent across the repartition since the last call, as "region@newest=count/revenue/units". */
    List<String> partialSums() {
        return partials.readRecordsToList().stream()
                .map(r -> r.key() + "@" + r.getRecordTime() + "=" + r.value().count() + "/"
                        + r.value().revenue().setScale(2) + "/" + r.value().units())
                .toList();
    }

    /** Latest metric per "region@windowStart", folding in everything emitted so far. */
    Map<String, SalesWindowMetric> salesWindows() {
        salesMetrics.readValuesToList().forEach(m -> latestSales.put(m.region() + "@" + m.windowStart(), m));
        return latestSales;
    }

    Map<String, EngagementScore> engagementWindows() {
        engagement.readValuesToList().forEach(e -> latestEngagement.put(e.customerId() + "@" + e.windowStart(), e));
        return latestEngagement;
    }

    Map<String, Long> qualityCounts() {
        dataQuality.readValuesToList().forEach(c -> qualityCounts.put(c.reason().name(), c.count()));
        return qualityCounts;
    }

    /** The keys of the customer events that crossed the repartition to their home partition. */
    List<String> repartitionedCustomerKeys() {
        return awayCustomers.readRecordsToList().stream().map(TestRecord::key).toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetterRecords() {
        return deadLetters.readRecordsToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String saleJson(String id, Instant time, String region, int quantity, String unitPrice) {
        return """
                {"eventId":"%s","timestamp":"%s","region":"%s","productId":"P-1","customerId":"C-1",\
                "quantity":%d,"unitPrice":%s,"currency":"USD","channel":"web"}""".formatted(id, time, region, quantity, unitPrice);
    }

    static String customerJson(String id, Instant time, String customer, String type) {
        return """
                {"eventId":"%s","timestamp":"%s","customerId":"%s","sessionId":"S-1","eventType":"%s"}""".formatted(id, time, customer, type);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot delete " + stateDir, e);
        }
    }
}
