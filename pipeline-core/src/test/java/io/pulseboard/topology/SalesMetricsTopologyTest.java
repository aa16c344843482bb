package io.pulseboard.topology;

import static io.pulseboard.topology.TopologyFixture.customerJson;
import static io.pulseboard.topology.TopologyFixture.header;
import static io.pulseboard.topology.TopologyFixture.saleJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SalesMetricsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture(TopologyConfig.defaults());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void countsEachSaleInFiveOverlappingWindows() {
        Instant at = T0.plusSeconds(150); // 10:02:30
        fixture.sale(saleJson("s1", at, "EU", 2, "10.25"), at);

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();

        assertThat(windows.keySet())
                .containsExactlyInAnyOrder(
                        "EU@2026-11-28T09:58:00Z",
                        "EU@2026-11-28T09:59:00Z",
                        "EU@2026-11-28T10:00:00Z",
                        "EU@2026-11-28T10:01:00Z",
                        "EU@2026-11-28T10:02:00Z");
        windows.values().forEach(m -> {
            assertThat(m.count()).isEqualTo(1);
            assertThat(m.revenue()).isEqualByComparingTo("20.50");
            assertThat(m.units()).isEqualTo(2);
            assertThat(m.windowEnd()).isEqualTo(m.windowStart().plusSeconds(300));
            assertThat(m.currency()).isEqualTo("USD");
        });
    }

    @Test
    void sumsCountRevenueAndUnitsExactlyPerRegionAndWindow() {
        fixture.sale(saleJson("s1", T0.plusSeconds(10), "EU", 1, "0.10"), T0.plusSeconds(10));
        fixture.sale(saleJson("s2", T0.plusSeconds(20), "EU", 3, "0.20"), T0.plusSeconds(20));
        fixture.sale(saleJson("s3", T0.plusSeconds(70), "EU", 1, "99.99"), T0.plusSeconds(70));
        fixture.sale(saleJson("s4", T0.plusSeconds(30), "US", 5, "1.01"), T0.plusSeconds(30));

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();

        SalesWindowMetric euFirst = windows.get("EU@2026-11-28T10:00:00Z");
        assertThat(euFirst.count()).isEqualTo(3);
        assertThat(euFirst.revenue()).isEqualByComparingTo(new BigDecimal("100.69"));
        assertThat(euFirst.units()).isEqualTo(5);
        SalesWindowMetric euSecond = windows.get("EU@2026-11-28T10:01:00Z");
        assertThat(euSecond.count()).isEqualTo(1);
        assertThat(euSecond.revenue()).isEqualByComparingTo("99.99");
        SalesWindowMetric us = windows.get("US@2026-11-28T10:00:00Z");
        assertThat(us.count()).isEqualTo(1);
        assertThat(us.revenue()).isEqualByComparingTo("5.05");
        assertThat(us.units()).isEqualTo(5);
        assertThat(windows.keySet().stream().filter(k -> k.startsWith("EU@"))).hasSize(6);
        assertThat(windows.keySet().stream().filter(k -> k.startsWith("US@"))).hasSize(5);
    }

    @Test
    void sendsOnePartialSumPerMinuteAndRegionAcrossTheRepartition() {
        for (int i = 0; i < 10; i++) { // 10:00:00..10:00:45 in EU, then two sales in the next minute
            Instant at = T0.plusSeconds(5L * i);
            fixture.sales.pipeInput(null, saleJson("e" + i, at, "EU", 1, "2.50").getBytes(StandardCharsets.UTF_8), at);
        }
        fixture.sales.pipeInput(
                null,
                saleJson("n1", T0.plusSeconds(61), "EU", 2, "1.00").getBytes(StandardCharsets.UTF_8),
                T0.plusSeconds(61));
        fixture.sales.pipeInput(
                null,
                saleJson("u1", T0.plusSeconds(62), "US", 1, "4.00").getBytes(StandardCharsets.UTF_8),
                T0.plusSeconds(62));
        assertThat(fixture.partialSums()).as("nothing crosses before the flush").isEmpty();

        fixture.driver.advanceWallClockTime(MetricsTopology.PARTIAL_FLUSH);

        assertThat(fixture.partialSums())
                .containsExactlyInAnyOrder(
                        "EU@2026-11-28T10:00:45Z=10/25.00/10",
                        "EU@2026-11-28T10:01:01Z=1/2.00/2",
                        "US@2026-11-28T10:01:02Z=1/4.00/1");
        assertThat(fixture.salesWindows().get("EU@2026-11-28T10:00:00Z").count())
                .isEqualTo(11);
        assertThat(fixture.salesWindows().get("EU@2026-11-28T10:00:00Z").revenue())
                .isEqualByComparingTo("27.00");
    }

    @ParameterizedTest
    @CsvSource({"1000, 50", "100, 50", "50, 25", "25, 12", "1, 1"})
    void partialSumsCrossTwicePerCommitIntervalAndAtLeastEvery50Ms(long commitMs, long flushMs) {
        assertThat(MetricsTopology.partialFlush(Duration.ofMillis(commitMs))).isEqualTo(Duration.ofMillis(flushMs));
    }

    @Test
    void countsALateSaleThatArrivesWithinGrace() {
        fixture.sale(saleJson("s1", T0.plusSeconds(310), "EU", 1, "1.00"), T0.plusSeconds(310)); // stream time 10:05:10
        Instant late = T0.plusSeconds(299); // 10:04:59, its earliest window [10:00,10:05) closes at 10:05:30
        fixture.sale(saleJson("s2", late, "EU", 1, "2.00"), T0.plusSeconds(311));

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();

        assertThat(windows.get("EU@2026-11-28T10:00:00Z").count()).isEqualTo(1);
        assertThat(windows.get("EU@2026-11-28T10:01:00Z").count()).isEqualTo(2);
        assertThat(windows.get("EU@2026-11-28T10:04:00Z").revenue()).isEqualByComparingTo("3.00");
        assertThat(fixture.deadLetterRecords()).isEmpty();
    }

    @Test
    void sendsASalePastGraceToTheDeadLettersAndCountsIt() {
        fixture.sale(saleJson("s1", T0.plusSeconds(100), "EU", 1, "1.00"), T0.plusSeconds(100));
        fixture.sale(saleJson("s2", T0.plusSeconds(340), "EU", 1, "1.00"), T0.plusSeconds(340)); // stream time 10:05:40
        Instant late = T0.plusSeconds(299);
        fixture.sale(saleJson("s3", late, "EU", 1, "7.00"), T0.plusSeconds(341));

        Map<String, SalesWindowMetric> windows = fixture.salesWindows();
        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetterRecords();

        assertThat(windows.get("EU@2026-11-28T10:00:00Z").count()).isEqualTo(1);
        assertThat(windows.get("EU@2026-11-28T10:01:00Z").revenue()).isEqualByComparingTo("2.00");
        assertThat(windows.values().stream().mapToLong(SalesWindowMetric::count).sum())
                .as("s3 counted in no window at all")
                .isEqualTo(5 + 5);
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "pb.dlq.reason")).isEqualTo("LATE");
        assertThat(header(dead.get(0), "pb.dlq.source.topic")).isEqualTo("sales-events");
        assertThat(header(dead.get(0), "pb.dlq.source.offset")).isEqualTo("2");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"eventId\":\"s3\"");
        assertThat(fixture.qualityCounts()).containsEntry("LATE", 1L);
    }

    static Stream<Arguments> invalidSales() {
        return Stream.of(
                Arguments.of("{not json", "UNPARSEABLE_JSON"),
                Arguments.of("[1,2]", "NOT_AN_OBJECT"),
                Arguments.of("", "EMPTY_VALUE"),
                Arguments.of(saleJson("x", T0, "EU", 1, "1.00").replace("\"region\":\"EU\",", ""), "MISSING_FIELD"),
                Arguments.of(
                        saleJson("x", T0, "EU", 1, "1.00").replace("\"quantity\":1", "\"quantity\":\"one\""),
                        "WRONG_TYPE"),
                Arguments.of(saleJson("x", T0, "EU", -2, "1.00"), "NON_POSITIVE_QUANTITY"),
                Arguments.of(saleJson("x", T0, "EU", 1, "-1.00"), "NEGATIVE_PRICE"),
                Arguments.of(saleJson("x", T0, "EU", 1, "1.00").replace("USD", "EUR"), "UNSUPPORTED_CURRENCY"),
                Arguments.of(saleJson("x", T0.plusSeconds(3600), "EU", 1, "1.00"), "FUTURE_TIMESTAMP"),
                Arguments.of(saleJson("x", T0, "EU", 1, "1.00").replace(T0.toString(), "yesterday"), "INVALID_VALUE"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidSales")
    void sendsEachInvalidSaleToTheDeadLettersWithItsReason(String payload, String reason) {
        fixture.sale(payload, T0);

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetterRecords();

        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "pb.dlq.reason")).isEqualTo(reason);
        assertThat(header(dead.get(0), "pb.dlq.source.topic")).isEqualTo("sales-events");
        assertThat(header(dead.get(0), "pb.dlq.source.partition")).isEqualTo("0");
        assertThat(header(dead.get(0), "pb.dlq.source.offset")).isEqualTo("0");
        assertThat(dead.get(0).value()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(fixture.salesWindows()).isEmpty();
        assertThat(fixture.qualityCounts()).containsExactly(Map.entry(reason, 1L));
    }

    @Test
    void rejectsAnUnknownCustomerEventType() {
        fixture.customer(customerJson("c1", T0, "C-1", "teleport"), T0);

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetterRecords();

        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "pb.dlq.reason")).isEqualTo("UNKNOWN_EVENT_TYPE");
        assertThat(header(dead.get(0), "pb.dlq.source.topic")).isEqualTo("customer-events");
        assertThat(fixture.qualityCounts()).containsEntry("UNKNOWN_EVENT_TYPE", 1L);
    }

    @Test
    void scoresCustomerEngagementPerHourWithTheDocumentedWeights() {
        fixture.customer(customerJson("c1", T0.plusSeconds(1), "C-1", "page_view"), T0.plusSeconds(1));
        fixture.customer(customerJson("c2", T0.plusSeconds(2), "C-1", "click"), T0.plusSeconds(2));
        fixture.customer(customerJson("c3", T0.plusSeconds(3), "C-1", "add_to_cart"), T0.plusSeconds(3));
        fixture.customer(customerJson("c4", T0.plusSeconds(4), "C-1", "purchase"), T0.plusSeconds(4));
        fixture.customer(customerJson("c5", T0.plusSeconds(5), "C-2", "page_view"), T0.plusSeconds(5));
        fixture.customer(customerJson("c6", T0.plusSeconds(3700), "C-1", "page_view"), T0.plusSeconds(3700));

        Map<String, EngagementScore> scores = fixture.engagementWindows();

        EngagementScore first = scores.get("C-1@2026-11-28T10:00:00Z");
        assertThat(first.score()).isEqualTo(1 + 2 + 5 + 10);
        assertThat(first.events()).isEqualTo(4);
        assertThat(first.purchases()).isEqualTo(1);
        assertThat(first.windowEnd()).isEqualTo(T0.plusSeconds(3600));
        assertThat(scores.get("C-1@2026-11-28T11:00:00Z").score()).isEqualTo(1);
        assertThat(scores.get("C-2@2026-11-28T10:00:00Z").score()).isEqualTo(1);
    }

    @Test
    void scoresCustomersAwayFromTheirHomePartitionOnceAfterTheRepartitionAndTheOthersDirectly() throws Exception {
        fixture.close();
        fixture = new TopologyFixture(TopologyConfig.defaults(), 2);
        List<String> customers = List.of("C-1", "C-2", "C-3", "C-4", "C-5", "C-6");
        List<String> away =
                customers.stream().filter(c -> Arrivals.home(c, 2) != 0).toList();
        assertThat(away).as("customers whose home is partition 1").isNotEmpty().hasSizeLessThan(customers.size());
        int second = 0;
        for (String customer : customers) {
            for (String type : List.of("page_view", "purchase")) {
                second++;
                fixture.customer(
                        customerJson("e" + second, T0.plusSeconds(second), customer, type), T0.plusSeconds(second));
            }
        }

        Map<String, EngagementScore> scores = fixture.engagementWindows();

        assertThat(scores).hasSize(customers.size());
        for (String customer : customers) {
            EngagementScore score = scores.get(customer + "@2026-11-28T10:00:00Z");
            assertThat(score.events()).as(customer).isEqualTo(2);
            assertThat(score.score()).as(customer).isEqualTo(1 + 10);
        }
        assertThat(fixture.repartitionedCustomerKeys())
                .as("only the away customers' events crossed the repartition, each once")
                .containsExactlyInAnyOrderElementsOf(
                        away.stream().flatMap(c -> Stream.of(c, c)).toList());
        assertThat(fixture.deadLetterRecords()).isEmpty();
    }

    @Test
    void aLateEventAwayFromHomeReachesTheDeadLettersWithItsSourceCoordinates() throws Exception {
        fixture.close();
        fixture = new TopologyFixture(TopologyConfig.defaults(), 2);
        String away = Stream.of("C-1", "C-2", "C-3", "C-4")
                .filter(c -> Arrivals.home(c, 2) != 0)
                .findFirst()
                .orElseThrow();
        fixture.customer(customerJson("e1", T0.plusSeconds(7200), away, "page_view"), T0.plusSeconds(7200));
        fixture.customer(customerJson("e2", T0, away, "click"), T0.plusSeconds(7201));

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetterRecords();

        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), "pb.dlq.reason")).isEqualTo("LATE");
        assertThat(header(dead.get(0), "pb.dlq.source.topic")).isEqualTo("customer-events");
        assertThat(header(dead.get(0), "pb.dlq.source.offset")).isEqualTo("1");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"eventId\":\"e2\"");
        assertThat(fixture.engagementWindows()).containsOnlyKeys(away + "@2026-11-28T12:00:00Z");
    }
}
