package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.topic.TopicSpec;
import io.pulseboard.topic.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

/** What the output reader puts in a snapshot's business view: which window, which order, how much it keeps. */
class BusinessViewSelectionTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");

    private final Json json = new Json();
    private final Topics topics = Topics.create(json, 1);
    private final List<MetricUpdate> sent = new ArrayList<>();
    private final OutputCollector collector = new OutputCollector(
            new MockConsumer<>("earliest"),
            topics,
            Clock.fixed(T.plus(Duration.ofMinutes(8)), ZoneOffset.UTC),
            sent::add,
            () -> {});
    private long offset;

    private static Instant minute(int m) {
        return T.plus(Duration.ofMinutes(m));
    }

    private static SalesWindowMetric sales(String region, int startMinute, Instant lastEvent) {
        Instant start = minute(startMinute);
        return new SalesWindowMetric(
                region, start, start.plusSeconds(300), 1, new BigDecimal("1.00"), 1, "USD", lastEvent);
    }

    private static SalesBreakdownMetric breakdown(
            String dimension, String region, String value, int startMinute, long count, String revenue) {
        Instant start = minute(startMinute);
        return new SalesBreakdownMetric(
                dimension,
                region,
                value,
                start,
                start.plusSeconds(300),
                count,
                new BigDecimal(revenue),
                count * 3,
                "USD",
                start.plusSeconds(count));
    }

    private static TargetMetric target(String region, String period, Instant start, String revenue, String target) {
        Duration size = period.equals("HOUR") ? Duration.ofHours(1) : Duration.ofDays(1);
        return new TargetMetric(
                region,
                period,
                start,
                start.plus(size),
                2,
                new BigDecimal(revenue),
                "USD",
                target == null ? null : new BigDecimal(target),
                start.plusSeconds(5));
    }

    private <V> void read(TopicSpec<String, V> topic, String key, V value) {
        collector.apply(new ConsumerRecord<>(
                topic.name(),
                0,
                offset++,
                key.getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private void readBreakdown(SalesBreakdownMetric m) {
        TopicSpec<String, SalesBreakdownMetric> topic = switch (m.dimension()) {
            case SalesBreakdownMetric.CATEGORY -> topics.salesByCategory();
            case SalesBreakdownMetric.CHANNEL -> topics.salesByChannel();
            default -> topics.salesByProduct();
        };
        read(topic, m.region() + "|" + m.value(), m);
    }

    @Test
    void showsTheBreakdownsOfTheSnapshotsTrailingWindowAndEachRegionsNewestHourAndDay() {
        // Newest sale at 13:07:30 (in US): the trailing window starts at 13:03 in every region.
        read(topics.salesMetrics(), "EU", sales("EU", 3, minute(6)));
        read(topics.salesMetrics(), "US", sales("US", 3, minute(7).plusSeconds(30)));
        for (int m = 2; m <= 4; m++) {
            readBreakdown(breakdown("category", "EU", "Electronics", m, 10 + m, "100.0" + m));
            readBreakdown(breakdown("channel", "EU", "web", m, 20 + m, "200.0" + m));
        }
        readBreakdown(breakdown("category", "EU", "Electronics", 3, 40, "412.50")); // a later value of 13:03
        readBreakdown(breakdown("category", "US", "Office", 3, 7, "70.70"));
        readBreakdown(breakdown("channel", "US", "app", 4, 8, "80.80")); // not in the trailing window
        read(topics.regionTargets(), "EU|HOUR", target("EU", "HOUR", T.minusSeconds(3600), "900.00", "1000.00"));
        read(topics.regionTargets(), "EU|HOUR", target("EU", "HOUR", T, "55.00", "1000.00"));
        // A late update of the hour before does not replace the newer hour.
        read(topics.regionTargets(), "EU|HOUR", target("EU", "HOUR", T.minusSeconds(3600), "950.00", "1000.00"));
        read(topics.regionTargets(), "EU|DAY", target("EU", "DAY", Instant.parse("2026-11-28T00:00:00Z"), "9.5", null));

        OutputCollector.Collected collected = collector.copy(10, SinkHealth.disabled("reference"));
        BusinessView view = collected.business();

        assertThat(PipelineSnapshot.trailingWindowStart(collected.regions())).contains(minute(3));
        assertThat(view.byCategory())
                .containsOnlyKeys("EU|Electronics", "US|Office")
                .containsEntry("EU|Electronics", breakdown("category", "EU", "Electronics", 3, 40, "412.50"))
                .containsEntry("US|Office", breakdown("category", "US", "Office", 3, 7, "70.70"));
        assertThat(view.byChannel())
                .containsExactly(Map.entry("EU|web", breakdown("channel", "EU", "web", 3, 23, "200.03")));
        assertThat(view.topProducts()).isEmpty();
        assertThat(view.targets())
                .containsOnlyKeys("EU|HOUR", "EU|DAY")
                .containsEntry("EU|HOUR", target("EU", "HOUR", T, "55.00", "1000.00"))
                .containsEntry("EU|DAY", target("EU", "DAY", Instant.parse("2026-11-28T00:00:00Z"), "9.5", null));
        assertThat(view.reference()).isEqualTo(SinkHealth.disabled("reference"));
        // Every record read also went to the sinks, in order: 2 sales, 9 breakdowns, 4 targets.
        assertThat(sent).hasSize(15);
        assertThat(sent.get(2))
                .isEqualTo(new MetricUpdate.Breakdown(breakdown("category", "EU", "Electronics", 2, 12, "100.02")));
        assertThat(sent.get(14))
                .isEqualTo(new MetricUpdate.Target(
                        target("EU", "DAY", Instant.parse("2026-11-28T00:00:00Z"), "9.5", null)));
        assertThat(sent.get(2).key()).isEqualTo("breakdown:category:EU:Electronics:1795870920000");
        assertThat(sent.get(14).key()).isEqualTo("target:EU:DAY:1795824000000");
    }

    @Test
    void namesTheProductsTheReferenceDataListsAndForgetsADeletedOne() {
        for (String id : List.of("P-1", "P-2")) {
            collector.apply(new ConsumerRecord<>(
                    topics.products().name(),
                    0,
                    offset++,
                    id.getBytes(StandardCharsets.UTF_8),
                    json.write(new io.pulseboard.reference.ProductInfo(
                            id, "Name of " + id, "Office", new BigDecimal("1.00")))));
        }
        collector.apply(new ConsumerRecord<>(
                topics.products().name(), 0, offset++, "P-2".getBytes(StandardCharsets.UTF_8), null));

        BusinessView view = collector.copy(10, SinkHealth.disabled("reference")).business();

        assertThat(view.productNames()).containsExactly(java.util.Map.entry("P-1", "Name of P-1"));
        assertThat(view.productName("P-1")).isEqualTo("Name of P-1");
        assertThat(view.productName("P-2")).as("deleted: its id").isEqualTo("P-2");
    }

    @Test
    void ranksEachRegionsProductsByRevenueThenProductIdAndKeepsTen() {
        read(topics.salesMetrics(), "EU", sales("EU", 3, minute(7)));
        String[] revenues = {
            "5.00", "50.00", "7.25", "50.0", "12.00", "3.00", "99.99", "12.00", "0.50", "41.00", "7.30", "12.000",
            "1.00"
        };
        for (int p = 0; p < revenues.length; p++) {
            readBreakdown(breakdown("product", "EU", String.format("P-%02d", p), 3, 1, revenues[p]));
        }
        readBreakdown(breakdown("product", "US", "P-01", 3, 1, "2.00"));
        readBreakdown(breakdown("product", "US", "P-00", 3, 1, "2.00"));
        readBreakdown(breakdown("product", "US", "P-09", 4, 1, "500.00")); // a newer window: not ranked

        BusinessView view = collector.copy(10, SinkHealth.disabled("reference")).business();

        assertThat(view.topProducts()).containsOnlyKeys("EU", "US");
        // Equal revenues (50.00 = 50.0, and three of 12) in product-id order; the three smallest are cut.
        assertThat(view.topProducts().get("EU"))
                .extracting(p -> p.value() + "=" + p.revenue().toPlainString())
                .containsExactly(
                        "P-06=99.99",
                        "P-01=50.00",
                        "P-03=50.0",
                        "P-09=41.00",
                        "P-04=12.00",
                        "P-07=12.00",
                        "P-11=12.000",
                        "P-10=7.30",
                        "P-02=7.25",
                        "P-00=5.00");
        assertThat(view.topProducts().get("US"))
                .extracting(SalesBreakdownMetric::value)
                .containsExactly("P-00", "P-01");
    }

    @Test
    void keepsTheLastTenMinutesOfWindowsPerDimensionHoweverLongItRuns() {
        BusinessMetrics metrics = new BusinessMetrics();
        for (int m = 0; m < 24 * 60; m++) {
            for (int k = 0; k < 20; k++) {
                metrics.add(breakdown("product", "EU", "P-" + k, m, 1, "1.00"));
            }
        }
        metrics.add(breakdown("category", "EU", "Office", 3, 1, "1.00"));

        List<Instant> kept = metrics.windowStarts("product");
        assertThat(kept).hasSize(10);
        assertThat(kept.get(0)).isEqualTo(minute(24 * 60 - 10));
        assertThat(kept.get(9)).isEqualTo(minute(24 * 60 - 1));
        assertThat(metrics.windowStarts("category")).containsExactly(minute(3));

        // A value of a window that already fell out is not kept again; one still inside is.
        metrics.add(breakdown("product", "EU", "P-0", 24 * 60 - 10 - 1, 9, "9.00"));
        metrics.add(breakdown("product", "EU", "P-99", 24 * 60 - 10, 9, "9.00"));
        assertThat(metrics.windowStarts("product")).hasSize(10).first().isEqualTo(minute(24 * 60 - 10));
        BusinessMetrics.Copy copy = metrics.copy(Optional.of(minute(24 * 60 - 10)));
        assertThat(copy.products()).hasSize(21).containsKey("EU|P-99");
        assertThat(metrics.copy(Optional.of(minute(24 * 60 - 11))).products()).isEmpty();
    }

    @Test
    void withoutSalesWindowsTheBreakdownsAreEmptyAndTheTargetsShown() {
        readBreakdown(breakdown("category", "EU", "Electronics", 3, 1, "1.00"));
        read(topics.regionTargets(), "EU|HOUR", target("EU", "HOUR", T, "55.00", "1000.00"));

        BusinessView view = collector.copy(10, SinkHealth.disabled("reference")).business();

        assertThat(view.byCategory()).isEmpty();
        assertThat(view.topProducts()).isEmpty();
        assertThat(view.targets()).containsOnlyKeys("EU|HOUR");
    }
}
