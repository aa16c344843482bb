package io.pulseboard.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The bench's peer: the stream processor of the article Pulseboard grew from, as a user would write
 * it from that text, so that the pipeline is compared with what it replaces on the same broker, the
 * same payloads and the same processing guarantee.
 *
 * <p>Its design, kept as the article has it: sales are re-keyed by the region read from a JSON tree
 * ({@code selectKey}), grouped by key (a repartition), counted in 5-minute windows advancing by 1
 * minute in a persistent window store kept 24 h, and every count update goes out as JSON keyed by
 * region and window start; customer events keep their key (the customer), are filtered to page views,
 * clicks and purchases by a second tree parse, and folded into an hourly score by a third. Only what
 * the article leaves broken or unsaid is filled in, the way its own code points: serdes for the
 * window store and the score (the article's defaults would fail at the first record), the windowed
 * output keyed as its sales output is, the grace of the pipeline instead of the deprecated
 * {@code TimeWindows.of} default, and weights for the score (Pulseboard's, so the work per event is
 * the same kind). It validates nothing, sends nothing to dead letters and writes no sink: that is
 * work the pipeline does on top.
 */
final class ArticlePeer {

    static final String SALES_STORE = "peer-sales-by-region-store";
    static final String ENGAGEMENT_STORE = "peer-customer-engagement-store";

    /** The event types the article counts as engagement. */
    static final Set<String> ENGAGEMENT_TYPES = Set.of("page_view", "click", "purchase");

    private static final Map<String, Integer> WEIGHTS = Map.of("page_view", 1, "click", 2, "purchase", 10);

    /** Where the peer reads and writes; its own topics, so it shares nothing with the pipeline. */
    record Topics(String salesEvents, String customerEvents, String salesMetrics, String engagementScores) {
        static Topics prefixed(String prefix) {
            return new Topics(
                    prefix + "sales", prefix + "customers", prefix + "sales-metrics", prefix + "engagement-scores");
        }
    }

    /** The hourly score of one customer, as the article's {@code EngagementScore} keeps it. */
    record Score(long events, long score) {
        static final Score EMPTY = new Score(0, 0);

        Score add(String type) {
            return new Score(events + 1, score + WEIGHTS.getOrDefault(type, 0));
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();

    Topology topology(Topics topics, Duration grace, Duration retention) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.salesEvents(), Consumed.with(Serdes.String(), Serdes.String()))
                .selectKey((key, value) -> region(value))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .windowedBy(
                        TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), grace).advanceBy(Duration.ofMinutes(1)))
                .count(Materialized.<String, Long>as(
                                Stores.persistentWindowStore(SALES_STORE, retention, Duration.ofMinutes(5), false))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .toStream()
                .map((window, count) -> {
                    Map<String, Object> metric = new LinkedHashMap<>();
                    metric.put("region", window.key());
                    metric.put("count", count);
                    metric.put("windowStart", window.window().start());
                    metric.put("windowEnd", window.window().end());
                    return KeyValue.pair(window.key() + "-" + window.window().start(), write(metric));
                })
                .to(topics.salesMetrics(), Produced.with(Serdes.String(), Serdes.String()));

        builder.stream(topics.customerEvents(), Consumed.with(Serdes.String(), Serdes.String()))
                .filter((key, value) -> ENGAGEMENT_TYPES.contains(eventType(value)))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), grace))
                .aggregate(
                        () -> Score.EMPTY,
                        (customer, value, score) -> score.add(eventType(value)),
                        Materialized.<String, Score, WindowStore<Bytes, byte[]>>as(ENGAGEMENT_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(scoreSerde()))
                .toStream()
                .map((window, score) ->
                        KeyValue.pair(window.key() + "-" + window.window().start(), write(score)))
                .to(topics.engagementScores(), Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** The article's region extraction: a tree parse per sale, "unknown" when there is none. */
    private String region(String json) {
        JsonNode region = tree(json).get("region");
        return region == null ? "unknown" : region.asText("unknown");
    }

    private String eventType(String json) {
        JsonNode type = tree(json).get("eventType");
        return type == null ? "" : type.asText();
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // The article maps unreadable input to "unknown"; the bench sends none.
            return mapper.createObjectNode();
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot serialize a peer metric", e);
        }
    }

    private Serde<Score> scoreSerde() {
        Serializer<Score> serializer = (topic, score) -> {
            try {
                return mapper.writeValueAsBytes(score);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("Cannot serialize a peer score", e);
            }
        };
        Deserializer<Score> deserializer = (topic, bytes) -> {
            try {
                return bytes == null ? null : mapper.readValue(bytes, Score.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read a peer score", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
