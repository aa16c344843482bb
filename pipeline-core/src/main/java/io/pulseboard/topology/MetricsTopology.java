package io.pulseboard.topology;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.serde.EventParser;
import io.pulseboard.serde.InternalSerdes;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.TopicSpec;
import io.pulseboard.topic.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
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
import org.apache.kafka.streams.state.WindowStore;

/**
 * The business-metrics topology. Pure: building it touches no network, file or clock.
 *
 * <pre>
 * sales-events (JSON bytes) -> parse/validate -> by region -> late filter
 *     -> hopping windows 5 min / 1 min (+grace) -> sum count, revenue, units -> sales-metrics
 * customer-events (JSON bytes) -> parse/validate -> by customer -> late filter
 *     -> tumbling windows 1 h (+grace) -> weighted engagement score -> customer-engagement-scores
 * every rejection (invalid or late) -> dead-letter-events (original bytes, reason in headers)
 * dead-letter-events -> count by reason -> data-quality-metrics
 * </pre>
 *
 * Internal values (repartition topics, window stores) are compact binary ({@link InternalSerdes});
 * their names carry a version ({@code -v2}) so that state written in an older layout is not read.
 * Window stores are persistent and kept for {@link TopologyConfig#storeRetention()}, so the runtime
 * can query them ({@link #SALES_STORE}, {@link #ENGAGEMENT_STORE}, {@link #DEAD_LETTER_COUNT_STORE}).
 */
public final class MetricsTopology {

    public static final String SALES_STORE = "sales-by-region-windows-v2";
    public static final String ENGAGEMENT_STORE = "engagement-by-customer-windows-v2";
    public static final String DEAD_LETTER_COUNT_STORE = "dead-letter-counts";

    private MetricsTopology() {}

    public static Topology build(TopologyConfig config, Topics topics, Json json) {
        EventParser parser = new EventParser(json, config.reportingCurrency(), config.maxFutureSkew());
        Serde<SalesEvent> salesSerde = InternalSerdes.sales();
        Serde<CustomerEvent> customerSerde = InternalSerdes.customers();
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, SalesEvent> sales = accepted(
                builder,
                topics,
                topics.salesEvents(),
                "sales",
                parser::parseSale,
                SalesEvent::region,
                SalesEvent::timestamp,
                salesSerde,
                salesWindows(config),
                json);
        sales.groupByKey(Grouped.with(Serdes.String(), salesSerde))
                .windowedBy(salesWindows(config))
                .aggregate(
                        SalesAggregate::empty,
                        (region, sale, aggregate) -> aggregate.add(sale),
                        Named.as("sales-aggregate"),
                        Materialized.<String, SalesAggregate, WindowStore<Bytes, byte[]>>as(SALES_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(SalesAggregate.serde())
                                .withRetention(config.storeRetention()))
                .toStream(Named.as("sales-updates"))
                .map(
                        (window, aggregate) -> KeyValue.pair(
                                window.key(),
                                aggregate.toMetric(
                                        window.key(),
                                        window.window().startTime(),
                                        window.window().endTime(),
                                        config.reportingCurrency())),
                        Named.as("sales-metric"))
                .to(topics.salesMetrics().name(), produced(topics.salesMetrics()));

        KStream<String, CustomerEvent> customers = accepted(
                builder,
                topics,
                topics.customerEvents(),
                "customer",
                parser::parseCustomer,
                CustomerEvent::customerId,
                CustomerEvent::timestamp,
                customerSerde,
                engagementWindows(config),
                json);
        customers
                .groupByKey(Grouped.with(Serdes.String(), customerSerde))
                .windowedBy(engagementWindows(config))
                .aggregate(
                        EngagementAggregate::empty,
                        (customer, event, aggregate) -> aggregate.add(event),
                        Named.as("engagement-aggregate"),
                        Materialized.<String, EngagementAggregate, WindowStore<Bytes, byte[]>>as(ENGAGEMENT_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(EngagementAggregate.serde())
                                .withRetention(config.storeRetention()))
                .toStream(Named.as("engagement-updates"))
                .map(
                        (window, aggregate) -> KeyValue.pair(
                                window.key(),
                                aggregate.toScore(
                                        window.key(),
                                        window.window().startTime(),
                                        window.window().endTime())),
                        Named.as("engagement-score"))
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

    /** Sales windows: 5 minutes advancing by 1 minute, with the configured grace. */
    public static TimeWindows salesWindows(TopologyConfig config) {
        return TimeWindows.ofSizeAndGrace(TopologyConfig.SALES_WINDOW, config.grace())
                .advanceBy(TopologyConfig.SALES_ADVANCE);
    }

    /** Engagement windows: tumbling hours, with the configured grace. */
    public static TimeWindows engagementWindows(TopologyConfig config) {
        return TimeWindows.ofSizeAndGrace(TopologyConfig.ENGAGEMENT_WINDOW, config.grace());
    }

    /**
     * Parses one input topic, sends rejects to the dead letters, re-keys and repartitions the valid
     * events, sends late ones to the dead letters too, and returns the on-time events.
     */
    private static <T> KStream<String, T> accepted(
            StreamsBuilder builder,
            Topics topics,
            TopicSpec<byte[], byte[]> input,
            String name,
            BiFunction<byte[], Long, io.pulseboard.serde.Parsed<T>> parse,
            Function<T, String> key,
            Function<T, Instant> eventTime,
            Serde<T> serde,
            TimeWindows windows,
            Json json) {
        Map<String, KStream<String, Routed<T>>> parsed = builder.stream(input.name(), consumed(input))
                .process(() -> new ParseProcessor<>(parse, key, eventTime), Named.as(name + "-parse"))
                .split(Named.as(name + "-parsed-"))
                .branch((k, v) -> v.accepted(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        toDeadLetters(parsed.get(name + "-parsed-invalid"), topics, name + "-invalid");

        Map<String, KStream<String, Routed<T>>> timely = parsed.get(name + "-parsed-valid")
                .mapValues(routed -> ((Routed.Accepted<T>) routed).value(), Named.as(name + "-unwrap"))
                .repartition(Repartitioned.<String, T>as(name + "-by-key-v2")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(serde))
                .processValues(() -> new LateRecordFilter<T>(windows, json::write), Named.as(name + "-late-filter"))
                .split(Named.as(name + "-timely-"))
                .branch((k, v) -> v.accepted(), Branched.as("on-time"))
                .defaultBranch(Branched.as("late"));
        toDeadLetters(timely.get(name + "-timely-late"), topics, name + "-late");

        return timely.get(name + "-timely-on-time")
                .mapValues(routed -> ((Routed.Accepted<T>) routed).value(), Named.as(name + "-on-time"));
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
