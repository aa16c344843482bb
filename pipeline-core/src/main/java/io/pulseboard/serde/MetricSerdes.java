package io.pulseboard.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes for the two output records written for nearly every event ({@link SalesWindowMetric},
 * {@link EngagementScore}), with a streaming generator and parser instead of data binding: the
 * bench's profile had data binding at 11 % of the stream thread (writing) and 60 % of the output
 * reader (reading). They write exactly the bytes {@link Json#write} writes (MetricSerdesProperties
 * checks it) and read anything it writes, in any field order, ignoring unknown fields.
 */
public final class MetricSerdes {

    private MetricSerdes() {}

    public static Serde<SalesWindowMetric> salesWindowMetric(Json json) {
        JsonFactory factory = json.mapper().getFactory();
        Serializer<SalesWindowMetric> serializer = (topic, m) -> m == null
                ? null
                : write(factory, g -> {
                    g.writeStringField("region", m.region());
                    instant(g, "windowStart", m.windowStart());
                    instant(g, "windowEnd", m.windowEnd());
                    g.writeNumberField("count", m.count());
                    g.writeFieldName("revenue");
                    g.writeNumber(m.revenue());
                    g.writeNumberField("units", m.units());
                    g.writeStringField("currency", m.currency());
                    instant(g, "lastEventTime", m.lastEventTime());
                });
        Deserializer<SalesWindowMetric> deserializer = (topic, bytes) -> bytes == null
                ? null
                : read(factory, bytes, topic, SalesWindowMetric.class, new Reader<>() {
                    String region;
                    Instant windowStart;
                    Instant windowEnd;
                    long count;
                    BigDecimal revenue;
                    long units;
                    String currency;
                    Instant lastEventTime;

                    @Override
                    public boolean field(String name, JsonParser p) throws IOException {
                        switch (name) {
                            case "region" -> region = p.getValueAsString();
                            case "windowStart" -> windowStart = instant(p);
                            case "windowEnd" -> windowEnd = instant(p);
                            case "count" -> count = longValue(p);
                            case "revenue" ->
                                revenue = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getDecimalValue();
                            case "units" -> units = longValue(p);
                            case "currency" -> currency = p.getValueAsString();
                            case "lastEventTime" -> lastEventTime = instant(p);
                            default -> {
                                return false;
                            }
                        }
                        return true;
                    }

                    @Override
                    public SalesWindowMetric build() {
                        return new SalesWindowMetric(
                                region, windowStart, windowEnd, count, revenue, units, currency, lastEventTime);
                    }
                });
        return Serdes.serdeFrom(serializer, deserializer);
    }

    public static Serde<EngagementScore> engagementScore(Json json) {
        JsonFactory factory = json.mapper().getFactory();
        Serializer<EngagementScore> serializer = (topic, s) -> s == null
                ? null
                : write(factory, g -> {
                    g.writeStringField("customerId", s.customerId());
                    instant(g, "windowStart", s.windowStart());
                    instant(g, "windowEnd", s.windowEnd());
                    g.writeNumberField("pageViews", s.pageViews());
                    g.writeNumberField("clicks", s.clicks());
                    g.writeNumberField("addToCarts", s.addToCarts());
                    g.writeNumberField("purchases", s.purchases());
                    g.writeNumberField("events", s.events());
                    g.writeNumberField("score", s.score());
                    instant(g, "lastEventTime", s.lastEventTime());
                });
        Deserializer<EngagementScore> deserializer = (topic, bytes) -> bytes == null
                ? null
                : read(factory, bytes, topic, EngagementScore.class, new Reader<>() {
                    String customerId;
                    Instant windowStart;
                    Instant windowEnd;
                    long pageViews;
                    long clicks;
                    long addToCarts;
                    long purchases;
                    long events;
                    long score;
                    Instant lastEventTime;

                    @Override
                    public boolean field(String name, JsonParser p) throws IOException {
                        switch (name) {
                            case "customerId" -> customerId = p.getValueAsString();
                            case "windowStart" -> windowStart = instant(p);
                            case "windowEnd" -> windowEnd = instant(p);
                            case "pageViews" -> pageViews = longValue(p);
                            case "clicks" -> clicks = longValue(p);
                            case "addToCarts" -> addToCarts = longValue(p);
                            case "purchases" -> purchases = longValue(p);
                            case "events" -> events = longValue(p);
                            case "score" -> score = longValue(p);
                            case "lastEventTime" -> lastEventTime = instant(p);
                            default -> {
                                return false;
                            }
                        }
                        return true;
                    }

                    @Override
                    public EngagementScore build() {
                        return new EngagementScore(
                                customerId,
                                windowStart,
                                windowEnd,
                                pageViews,
                                clicks,
                                addToCarts,
                                purchases,
                                events,
                                score,
                                lastEventTime);
                    }
                });
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Collects one object's scalar fields; {@code field} returns false for a field it does not know
     * (and ignores it).
     */
    private interface Reader<T> {
        boolean field(String name, JsonParser parser) throws IOException;

        T build();

        default boolean knows(String name) {
            return FIELD_NAMES.contains(name);
        }
    }

    /** Every field name of the two records: a nested value under one of them is an error, not skipped. */
    private static final java.util.Set<String> FIELD_NAMES = java.util.Set.of(
            "region",
            "windowStart",
            "windowEnd",
            "count",
            "revenue",
            "units",
            "currency",
            "lastEventTime",
            "customerId",
            "pageViews",
            "clicks",
            "addToCarts",
            "purchases",
            "events",
            "score");

    /** A whole number, or 0 for null (as data binding gives a primitive). */
    private static long longValue(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
    }

    private static byte[] write(JsonFactory factory, Fields fields) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                fields.write(g);
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("Cannot encode a metric as JSON", e);
        }
    }

    private static <T> T read(JsonFactory factory, byte[] bytes, String topic, Class<T> type, Reader<T> reader) {
        try (JsonParser p = factory.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException(
                        "Cannot decode " + type.getSimpleName() + " from topic " + topic + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren(); // every field of a metric is a scalar: an unknown one is skipped whole
                    if (reader.knows(name)) {
                        throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic "
                                + topic + ": field " + name + " is not a scalar");
                    }
                } else {
                    reader.field(name, p);
                }
            }
            return reader.build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException s) {
                throw s;
            }
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic " + topic, e);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant instant) throws IOException {
        if (instant == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, instant.toString());
        }
    }

    private static Instant instant(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : IsoInstant.parse(p.getText());
    }
}
