package io.pulseboard.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;

/** The hand-written output serdes agree byte for byte with data binding, both ways. */
class MetricSerdesProperties {

    private final Json json = new Json();

    @Property(tries = 500)
    void salesMetricsAreWrittenAsDataBindingWritesThemAndReadBack(@ForAll("sales") SalesWindowMetric metric) {
        var serde = MetricSerdes.salesWindowMetric(json);

        byte[] bytes = serde.serializer().serialize("t", metric);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(new String(json.write(metric), StandardCharsets.UTF_8));
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(metric);
    }

    @Property(tries = 500)
    void engagementScoresAreWrittenAsDataBindingWritesThemAndReadBack(@ForAll("scores") EngagementScore score) {
        var serde = MetricSerdes.engagementScore(json);

        byte[] bytes = serde.serializer().serialize("t", score);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo(new String(json.write(score), StandardCharsets.UTF_8));
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(score);
    }

    @Example
    void readsFieldsInAnyOrderAndSkipsUnknownOnes() {
        String text = "{\"score\":12,\"extra\":{\"a\":[1,2]},\"customerId\":\"C-1\",\"events\":3,"
                + "\"windowEnd\":\"2026-11-28T14:00:00Z\",\"windowStart\":\"2026-11-28T13:00:00Z\",\"pageViews\":1,"
                + "\"clicks\":1,\"addToCarts\":0,\"purchases\":1,\"lastEventTime\":\"2026-11-28T13:20:00.5Z\"}";

        EngagementScore score = MetricSerdes.engagementScore(json)
                .deserializer()
                .deserialize("t", text.getBytes(StandardCharsets.UTF_8));

        assertThat(score)
                .isEqualTo(new EngagementScore(
                        "C-1",
                        Instant.parse("2026-11-28T13:00:00Z"),
                        Instant.parse("2026-11-28T14:00:00Z"),
                        1,
                        1,
                        0,
                        1,
                        3,
                        12,
                        Instant.parse("2026-11-28T13:20:00.5Z")));
    }

    @Example
    void aValueThatIsNotAnObjectNamesTheTypeAndTopic() {
        assertThatThrownBy(() -> MetricSerdes.salesWindowMetric(json)
                        .deserializer()
                        .deserialize("sales-metrics", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode SalesWindowMetric from topic sales-metrics: not a JSON object");
        assertThatThrownBy(() -> MetricSerdes.salesWindowMetric(json)
                        .deserializer()
                        .deserialize("sales-metrics", "{\"region\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode SalesWindowMetric from topic sales-metrics");
    }

    @Example
    void aKnownFieldHoldingAnObjectIsAnErrorNotReadAsTopLevelFields() {
        String text = "{\"region\":{\"count\":5},\"count\":1}";

        assertThatThrownBy(() -> MetricSerdes.salesWindowMetric(json)
                        .deserializer()
                        .deserialize("sales-metrics", text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode SalesWindowMetric from topic sales-metrics: field region is not a scalar");
    }

    @Example
    void nullsReadAsDataBindingReadsThem() {
        String text = "{\"region\":null,\"windowStart\":null,\"count\":null,\"revenue\":null,\"units\":3}";

        SalesWindowMetric metric = MetricSerdes.salesWindowMetric(json)
                .deserializer()
                .deserialize("t", text.getBytes(StandardCharsets.UTF_8));

        assertThat(metric).isEqualTo(json.read(text.getBytes(StandardCharsets.UTF_8), SalesWindowMetric.class));
        assertThat(metric.units()).isEqualTo(3);
        assertThat(metric.count()).isZero();
    }

    @Provide
    Arbitrary<SalesWindowMetric> sales() {
        return Combinators.combine(
                        text(),
                        instants(),
                        Arbitraries.longs().between(0, 10_000_000),
                        Arbitraries.bigIntegers()
                                .between(BigInteger.valueOf(-1_000_000_000L), BigInteger.valueOf(1_000_000_000_000L)),
                        Arbitraries.integers().between(-2, 6),
                        Arbitraries.longs().between(0, 10_000_000),
                        text(),
                        instants())
                .as((region, start, count, unscaled, scale, units, currency, last) -> new SalesWindowMetric(
                        region,
                        start,
                        start.plusSeconds(300),
                        count,
                        new BigDecimal(unscaled, scale),
                        units,
                        currency,
                        last));
    }

    @Provide
    Arbitrary<EngagementScore> scores() {
        Arbitrary<Long> counts = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Combinators.combine(text(), instants(), counts, counts, counts, counts, counts, counts)
                .as((customer, start, views, clicks, carts, purchases, events, score) -> new EngagementScore(
                        customer,
                        start,
                        start.plusSeconds(3600),
                        views,
                        clicks,
                        carts,
                        purchases,
                        events,
                        score,
                        start.plusNanos(views % 3_600_000_000_000L)));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(12)
                .withCharRange(' ', '~')
                .withChars("é€\"\\\n\u0001");
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 4_102_444_800L),
                        Arbitraries.of(0, 1_000_000, 123_000_000, 123_456_000, 123_456_789))
                .as(Instant::ofEpochSecond);
    }
}
