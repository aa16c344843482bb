package io.pulseboard.topology;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.serde.EventParser;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.Parsed;
import io.pulseboard.topic.TopicSpec;
import io.pulseboard.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The business-metrics topology. Pure: building it touches no network, file or clock.
 *
 * <pre>
 * reference-exchange-rates, -products, -regions (compacted) -> global stores (every instance holds all)
 * sales-events (JSON bytes) -> parse/validate -> convert to the reporting currency (rate at event time)
 *     -> late filter -> partial sums per (minute, region)
 *     -> by region -> hopping windows 5 min / 1 min -> sum count, revenue, units -> sales-metrics
 * customer-events (JSON bytes) -> parse/validate -> at the customer's home partition? (else by customer
 *     across a repartition, into the same task) -> late filter -> tumbling windows 1 h
 *     -> weighted engagement score -> customer-engagement-scores
 * every rejection (invalid or late) -> dead-letter-events (original bytes, reason in headers)
 * dead-letter-events -> count by reason -> data-quality-metrics
 * </pre>
 *
 * Each input partition sums its sales per (region, minute) and sends the partial sums across
 * the repartition twice per commit interval, at most every {@link #PARTIAL_FLUSH} (docs/adr/0009,
 * 0012); customer events, a few per customer and hour, go to their windows one by one (docs/adr/0017).
 * Internal values (repartition topics, stores) are compact binary, except the customer events that
 * cross their repartition (JSON); their names carry a version ({@code -v3}, {@code -v4}) so that state
 * written in an older layout is not read. Window stores are persistent and kept for {@link
 * TopologyConfig#storeRetention()}, so the runtime can query them ({@link #SALES_STORE}, {@link
 * #ENGAGEMENT_STORE}, {@link #DEAD_LETTER_COUNT_STORE}).
 */
public final class MetricsTopology {

    public static final String SALES_STORE = "sales-by-region-windows-v3";
    public static final String ENGAGEMENT_STORE = "engagement-by-customer-windows-v4";
    public static final String DEAD_LETTER_COUNT_STORE = "dead-letter-counts";
    /** Global store: exchange-rate histories by pair ({@code EUR/USD}), JSON bytes. */
    public static final String EXCHANGE_RATE_STORE = "reference-exchange-rates-v1";
    /** Global store: products by id, JSON bytes. */
    public static final String PRODUCT_STORE = "reference-products-v1";
    /** Global store: alert rules by id, JSON bytes. */
    public static final String ALERT_RULE_STORE = "reference-alert-rules-store";
    /** The alert evaluator's state: open windows and each rule's run per region (JSON bytes). */
    public static final String ALERT_STATE_STORE = "alert-state-v1";
    /** Global store: regions and their targets by id, JSON bytes. */
    public static final String REGION_STORE = "reference-regions-v1";
    /** Sales windows by "dimension|region|value" (category, channel, product). */
    public static final String BREAKDOWN_STORE = "sales-breakdown-windows-v1";
    /**
     * The window store of a region's revenue per hour or per day, keyed by region.
     *
     * @param period {@code HOUR} or {@code DAY}
     */
    public static String targetStore(String period) {
        return "sales-target-" + period.toLowerCase(java.util.Locale.ROOT) + "-windows-v1";
    }

    /**
     * The published form of a window of {@link #BREAKDOWN_STORE}, as on {@code sales-by-category}, {@code
     * -channel} or {@code -product}.
     *
     * @param storeKey the store's key, {@code dimension|region|value}
     */
    public static SalesBreakdownMetric breakdownMetric(
            String storeKey, SalesAggregate sums, Instant start, Instant end, String currency) {
        return Breakdowns.metric(storeKey, sums, start, end, currency);
    }

    /**
     * How often, at most, each input partition sends its partial sums across the repartition
     * (wall-clock): half of the default commit interval, 100 ms.
     */
    public static final Duration PARTIAL_FLUSH = Duration.ofMillis(50);

    private MetricsTopology() {}

    /** The topology with partial sums flushed every {@link #PARTIAL_FLUSH}. */
    public static Topology build(TopologyConfig config, Topics topics, Json json) {
        return build(config, topics, json, PARTIAL_FLUSH);
    }

    /**
     * How often partial sums cross for a given exactly-once commit interval: twice per interval, so
     * that a commit carries sums at most half an interval old, and never less often than {@link
     * #PARTIAL_FLUSH}.
     */
    public static Duration partialFlush(Duration commitInterval) {
        long halfMs = Math.max(1, commitInterval.toMillis() / 2);
        return Duration.ofMillis(Math.min(PARTIAL_FLUSH.toMillis(), halfMs));
    }

    /** The topology with partial sums flushed every {@code partialFlush} (see {@link #partialFlush}). */
    public static Topology build(TopologyConfig config, Topics topics, Json json, Duration partialFlush) {
        EventParser parser = EventParser.anyCurrency(json, config.maxFutureSkew());
        StreamsBuilder builder = new StreamsBuilder();
        ReferenceStores.add(builder, topics, json);

        KStream<String, SalesEvent> sales = valid(
                builder,
                topics,
                topics.salesEvents(),
                "sales",
                parser::parseSale,
                () -> new CurrencyConversion(json, config.reportingCurrency()),
                SalesEvent::region,
                SalesEvent::timestamp);
        Sums<SalesEvent, SalesAggregate> salesSums = salesSums("sales", "v3", SALES_STORE, salesWindows(config), json);
        KStream<String, SalesAggregate> salesByRegion =
                partialSumsByKey(builder, topics, partialFlush, sales, salesSums, true);
        KStream<String, SalesWindowMetric> salesWindowUpdates = windows(
                builder,
                config,
                salesByRegion,
                salesSums,
                (String region, SalesAggregate sums, Instant start, Instant end) ->
                        sums.toMetric(region, start, end, config.reportingCurrency()));
        salesWindowUpdates.to(topics.salesMetrics().name(), produced(topics.salesMetrics()));

        // Alert rules on each region's windows, in the task that owns the region (docs/adr/0020).
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ALERT_STATE_STORE), Serdes.String(), Serdes.ByteArray()));
        salesWindowUpdates
                .process(
                        () -> new AlertEvaluator(
                                json, config.grace(), TopologyConfig.SALES_WINDOW, TopologyConfig.SALES_ADVANCE),
                        Named.as("alert-evaluator"),
                        ALERT_STATE_STORE)
                .to(topics.alerts().name(), produced(topics.alerts()));

        // Revenue against target: the same partial sums, in tumbling hours and days.
        for (String period : List.of(TargetLookup.HOUR, TargetLookup.DAY)) {
            Duration size = period.equals(TargetLookup.HOUR) ? Duration.ofHours(1) : Duration.ofDays(1);
            String name = "sales-target-" + period.toLowerCase(java.util.Locale.ROOT);
            windows(
                            builder,
                            config,
                            salesByRegion,
                            salesSums(
                                    name,
                                    "v1",
                                    targetStore(period),
                                    TimeWindows.ofSizeAndGrace(size, config.grace()),
                                    json),
                            (String region, SalesAggregate sums, Instant start, Instant end) -> new TargetMetric(
                                    region,
                                    period,
                                    start,
                                    end,
                                    sums.count(),
                                    sums.revenue(),
                                    config.reportingCurrency(),
                                    null,
                                    Instant.ofEpochMilli(sums.lastEventMs())))
                    .process(() -> new TargetLookup(json), Named.as(name + "-target"))
                    .to(topics.regionTargets().name(), produced(topics.regionTargets()));
        }

        // Each region's sales by category, channel and product, in the sales windows. Lateness is judged
        // as in the sales branch (same events, same windows); late ones are dead-lettered there only.
        Sums<SalesEvent, SalesAggregate> breakdownSums =
                salesSums("breakdown", "v1", BREAKDOWN_STORE, salesWindows(config), json);
        KStream<String, SalesEvent> breakdownKeys =
                sales.process(() -> new Breakdowns(json), Named.as("sales-breakdown-keys"));
        windows(
                        builder,
                        config,
                        partialSumsByKey(builder, topics, partialFlush, breakdownKeys, breakdownSums, false),
                        breakdownSums,
                        (String key, SalesAggregate sums, Instant start, Instant end) ->
                                Breakdowns.metric(key, sums, start, end, config.reportingCurrency()))
                .selectKey((key, metric) -> metric.region() + "|" + metric.value(), Named.as("sales-breakdown-key"))
                .to(
                        (key, metric, context) -> switch (metric.dimension()) {
                            case Breakdowns.CATEGORY -> topics.salesByCategory().name();
                            case Breakdowns.CHANNEL -> topics.salesByChannel().name();
                            default -> topics.salesByProduct().name();
                        },
                        produced(topics.salesByCategory()));

        KStream<String, CustomerEvent> customers = valid(
                builder,
                topics,
                topics.customerEvents(),
                "customer",
                parser::parseCustomer,
                ParseProcessor.Enrichment::none,
                CustomerEvent::customerId,
                CustomerEvent::timestamp);
        homeWindows(
                        builder,
                        topics,
                        config,
                        "customer",
                        customers,
                        new Arrivals.Spec<CustomerEvent, EngagementAggregate>(
                                "customer-stream-time-v4",
                                engagementWindows(config),
                                partialFlush,
                                topics.customerEvents().partitions(),
                                EngagementAggregate::empty,
                                EngagementAggregate::add,
                                json::write),
                        ENGAGEMENT_STORE,
                        EngagementAggregate.serde(),
                        EngagementAggregate::merge,
                        (String customer, EngagementAggregate sums, Instant start, Instant end) ->
                                sums.toScore(customer, start, end))
                .to(topics.engagementScores().name(), produced(topics.engagementScores()));

        builder.stream(topics.deadLetters().name(), consumed(topics.deadLetters()))
                .process(DeadLetterRecords.ReasonKey::new, Named.as("dead-letter-reason"))
                .groupByKey(Grouped.<String, String>as("dead-letters-by-reason")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()))
                .count(
                        Named.as("dead-letter-count"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(DEAD_LETTER_COUNT_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()))
                .toStream(Named.as("dead-letter-count-updates"))
                .map(
                        (reason, count) ->
                                KeyValue.pair(reason, new DataQualityCount(RejectReason.valueOf(reason), count)),
                        Named.as("data-quality-count"))
                .to(topics.dataQuality().name(), produced(topics.dataQuality()));

        return builder.build();
    }

    private static Sums<SalesEvent, SalesAggregate> salesSums(
            String name, String version, String windowStore, TimeWindows windows, Json json) {
        return new Sums<>(
                name,
                version,
                windowStore,
                windows,
                SalesAggregate.serde(),
                SalesAggregate::empty,
                SalesAggregate::add,
                SalesAggregate::merge,
                SalesAggregate::lastEventMs,
                json::write);
    }

    /** Sales windows: 5 minutes advancing by 1 minute, with the configured grace. */
    public static TimeWindows salesWindows(TopologyConfig config) {
        return TimeWindows.ofSizeAndGrace(TopologyConfig.SALES_WINDOW, config.grace())
                .advanceBy(TopologyConfig.SALES_ADVANCE);
    }

    /** Engagement windows: tumbling hours, with the configured grace. */
    public static TimeWindows engagementWindows(TopologyConfig config) {
        return TimeWindows.ofSizeAndGrace(TopologyConfig.ENGAGEMENT_WINDOW, config.grace());
    }

    /** How one branch sums its events: names, windows, and the sums' algebra. */
    private record Sums<T, A>(
            String name,
            String version,
            String windowStore,
            TimeWindows windows,
            Serde<A> serde,
            Supplier<A> empty,
            BiFunction<A, T, A> add,
            BinaryOperator<A> merge,
            ToLongFunction<A> newestEventMs,
            Function<T, byte[]> reencode) {}

    /**
     * Late events to the dead letters, partial sums per (key, bucket) in each input partition,
     * repartitioned by key, added to their windows and published; registers the branch's stores.
     */
    private static <T, A, O> KStream<String, O> windowedSums(
            StreamsBuilder builder,
            Topics topics,
            TopologyConfig config,
            Duration partialFlush,
            KStream<String, T> valid,
            Sums<T, A> sums,
            WindowSums.Publish<A, O> publish) {
        return windows(
                builder, config, partialSumsByKey(builder, topics, partialFlush, valid, sums, true), sums, publish);
    }

    /** Adds partial sums (already by key) to their windows in the branch's window store and publishes them. */
    private static <T, A, O> KStream<String, O> windows(
            StreamsBuilder builder,
            TopologyConfig config,
            KStream<String, A> byKey,
            Sums<T, A> sums,
            WindowSums.Publish<A, O> publish) {
        Duration size = Duration.ofMillis(sums.windows().size());
        Duration retention = config.storeRetention().compareTo(size.plus(config.grace())) < 0
                ? size.plus(config.grace())
                : config.storeRetention();
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(sums.windowStore(), retention, size, false),
                        Serdes.String(),
                        sums.serde())
                .withCachingEnabled());
        return byKey.process(
                () -> new WindowSums<>(sums.windowStore(), sums.windows(), sums.empty(), sums.merge(), publish),
                Named.as(sums.name() + "-windows"),
                sums.windowStore());
    }

    /**
     * Partial sums per (key, bucket) in each input partition, repartitioned by key. Late events go to
     * the dead letters when {@code deadLetterLate}; otherwise they are dropped, because another branch
     * that judges the same events with the same windows sends them there.
     */
    private static <T, A> KStream<String, A> partialSumsByKey(
            StreamsBuilder builder,
            Topics topics,
            Duration partialFlush,
            KStream<String, T> valid,
            Sums<T, A> sums,
            boolean deadLetterLate) {
        String partialStore = sums.name() + "-partials-" + sums.version();
        String streamTimeStore = sums.name() + "-stream-time-" + sums.version();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(partialStore), Serdes.String(), sums.serde())
                        .withCachingEnabled())
                .addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(streamTimeStore), Serdes.String(), Serdes.Long()));
        PartialSums.Spec<T, A> spec = new PartialSums.Spec<>(
                partialStore,
                streamTimeStore,
                sums.windows(),
                partialFlush,
                sums.empty(),
                sums.add(),
                sums.newestEventMs(),
                sums.reencode());
        Map<String, KStream<String, Routed<A>>> partials = valid.process(
                        () -> new PartialSums<>(spec),
                        Named.as(sums.name() + "-partial-sums"),
                        partialStore,
                        streamTimeStore)
                .split(Named.as(sums.name() + "-timely-"))
                .branch((k, v) -> v.accepted(), Branched.as("sums"))
                .defaultBranch(Branched.as("late"));
        if (deadLetterLate) {
            toDeadLetters(partials.get(sums.name() + "-timely-late"), topics, sums.name() + "-late");
        }
        return partials.get(sums.name() + "-timely-sums")
                .mapValues(routed -> ((Routed.Accepted<A>) routed).value(), Named.as(sums.name() + "-partial-unwrap"))
                .repartition(Repartitioned.<String, A>as(sums.name() + "-partials-by-key-" + sums.version())
                        .withKeySerde(Serdes.String())
                        .withValueSerde(sums.serde()));
    }

    /**
     * Late events to the dead letters and timely ones to their windows, judged in the task that read
     * them: straight on when at their key's home partition, across a repartition to it first
     * otherwise, into the same task (the window store joins both paths in one sub-topology;
     * docs/adr/0017).
     */
    private static <T, A, O> KStream<String, O> homeWindows(
            StreamsBuilder builder,
            Topics topics,
            TopologyConfig config,
            String name,
            KStream<String, T> valid,
            Arrivals.Spec<T, A> arrivals,
            String windowStore,
            Serde<A> serde,
            BinaryOperator<A> merge,
            WindowSums.Publish<A, O> publish) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(arrivals.streamTimeStore()), Serdes.String(), Serdes.Long()))
                .addStateStore(Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        windowStore,
                                        config.storeRetention(),
                                        Duration.ofMillis(arrivals.windows().size()),
                                        false),
                                Serdes.String(),
                                serde)
                        .withCachingEnabled());
        Map<String, KStream<String, Routed<Arrivals.Placed<A>>>> placed = valid.process(
                        () -> new Arrivals<>(arrivals), Named.as(name + "-arrivals"), arrivals.streamTimeStore())
                .split(Named.as(name + "-placed-"))
                .branch((k, v) -> !v.accepted(), Branched.as("late"))
                .branch(
                        (k, v) -> ((Routed.Accepted<Arrivals.Placed<A>>) v)
                                .value()
                                .atHome(),
                        Branched.as("home"))
                .defaultBranch(Branched.as("away"));
        toDeadLetters(placed.get(name + "-placed-late"), topics, name + "-late");
        KStream<String, A> atHome = placed.get(name + "-placed-home")
                .mapValues(
                        v -> ((Routed.Accepted<Arrivals.Placed<A>>) v).value().sums(), Named.as(name + "-home-unwrap"));
        KStream<String, A> arrived = placed.get(name + "-placed-away")
                .mapValues(
                        v -> ((Routed.Accepted<Arrivals.Placed<A>>) v).value().sums(), Named.as(name + "-away-unwrap"))
                // The fixed partition count is load-bearing: Arrivals.home counts homes among the
                // configured partitions, and the partitioner must send each key to that same one.
                .repartition(Repartitioned.<String, A>as(name + "-sums-by-key-v4")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde)
                        .withNumberOfPartitions(arrivals.partitions())
                        .withStreamPartitioner(Arrivals.partitioner()));
        return atHome.merge(arrived, Named.as(name + "-at-home"))
                .process(
                        () -> new WindowSums<>(windowStore, arrivals.windows(), arrivals.empty(), merge, publish),
                        Named.as(name + "-windows"),
                        windowStore);
    }

    /** Parses one input topic, sends rejects to the dead letters and returns the valid events, re-keyed. */
    private static <T> KStream<String, T> valid(
            StreamsBuilder builder,
            Topics topics,
            TopicSpec<byte[], byte[]> input,
            String name,
            BiFunction<byte[], Long, Parsed<T>> parse,
            Supplier<ParseProcessor.Enrichment<T>> enrichment,
            Function<T, String> key,
            Function<T, Instant> eventTime) {
        Map<String, KStream<String, Routed<T>>> parsed = builder.stream(input.name(), consumed(input))
                .process(() -> new ParseProcessor<>(parse, enrichment.get(), key, eventTime), Named.as(name + "-parse"))
                .split(Named.as(name + "-parsed-"))
                .branch((k, v) -> v.accepted(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        toDeadLetters(parsed.get(name + "-parsed-invalid"), topics, name + "-invalid");
        return parsed.get(name + "-parsed-valid")
                .mapValues(routed -> ((Routed.Accepted<T>) routed).value(), Named.as(name + "-unwrap"));
    }

    private static <T> void toDeadLetters(KStream<String, Routed<T>> rejected, Topics topics, String name) {
        rejected.process(DeadLetterRecords.Writer<String, T>::new, Named.as(name + "-dead-letter"))
                .to(topics.deadLetters().name(), produced(topics.deadLetters()));
    }

    private static <K, V> Consumed<K, V> consumed(TopicSpec<K, V> topic) {
        return Consumed.with(topic.keySerde(), topic.valueSerde());
    }

    private static <K, V> Produced<K, V> produced(TopicSpec<K, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }
}
