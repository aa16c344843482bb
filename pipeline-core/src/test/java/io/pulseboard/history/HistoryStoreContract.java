package io.pulseboard.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.BucketRow;
import io.pulseboard.history.HistoryStore.ProductRow;
import io.pulseboard.history.HistoryStore.TimeRange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HistoryStore} keeps, run against each real engine by a subclass. Sums
 * are compared with an independent recount in plain arithmetic.
 */
public abstract class HistoryStoreContract {

    /** Two hours either side of a UTC midnight, so hour and day boundaries are crossed. */
    protected static final Instant START = Instant.parse("2026-11-26T22:00:00Z");

    protected HistoryStore store;

    /** A new, empty store on a real engine. */
    protected abstract HistoryStore createStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    public static List<SalesEvent> sales(long seed, int events, Instant start, Duration span) {
        EventGenerator generator = new EventGenerator(seed, 400, "USD", "h" + seed);
        List<SalesEvent> sales = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            GeneratedEvent e = generator.next(start.plusMillis(span.toMillis() * i / events));
            if (e instanceof GeneratedEvent.Sale s) {
                sales.add(s.event());
            }
        }
        return sales;
    }

    /** Expected rows: "bucketStartMs|region" to "revenue/orders/units". */
    public static Map<String, String> recount(
            List<SalesEvent> sales, TimeRange range, long bucketMs, Set<String> regions) {
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (SalesEvent s : sales) {
            long t = s.timestamp().toEpochMilli();
            if (t < range.from().toEpochMilli() || t >= range.to().toEpochMilli()) {
                continue;
            }
            if (!regions.isEmpty() && !regions.contains(s.region())) {
                continue;
            }
            String key = (t / bucketMs * bucketMs) + "|" + s.region();
            revenue.merge(key, s.amount(), BigDecimal::add);
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += s.quantity();
        }
        Map<String, String> rows = new TreeMap<>();
        revenue.forEach((k, r) ->
                rows.put(k, r.stripTrailingZeros().toPlainString() + "/" + counts.get(k)[0] + "/" + counts.get(k)[1]));
        return rows;
    }

    public static Map<String, String> asMap(List<BucketRow> rows) {
        Map<String, String> map = new TreeMap<>();
        for (BucketRow r : rows) {
            map.put(
                    r.bucketStart().toEpochMilli() + "|" + r.region(),
                    r.revenue().stripTrailingZeros().toPlainString() + "/" + r.orders() + "/" + r.units());
        }
        return map;
    }

    private static void appendInBatches(HistoryStore store, List<SalesEvent> sales, int batch) {
        for (int i = 0; i < sales.size(); i += batch) {
            store.appendSales(sales.subList(i, Math.min(sales.size(), i + batch)));
        }
    }

    @Test
    void bucketedSumsEqualAnIndependentRecountForEveryBucketLength() {
        List<SalesEvent> sales = sales(5, 40_000, START, Duration.ofHours(4));
        appendInBatches(store, sales, 1000);
        TimeRange range = new TimeRange(START.plus(Duration.ofMinutes(37)), START.plus(Duration.ofMinutes(203)));

        for (Bucket bucket : Bucket.values()) {
            List<BucketRow> rows = store.salesByBucket(range, bucket, Set.of());
            assertThat(asMap(rows))
                    .as(bucket.name())
                    .isEqualTo(recount(sales, range, bucket.length().toMillis(), Set.of()));
            assertThat(rows)
                    .isSortedAccordingTo(
                            Comparator.comparing(BucketRow::bucketStart).thenComparing(BucketRow::region));
        }
        assertThat(sales).hasSizeGreaterThan(1000);
    }

    @Test
    void aBatchAppendedTwiceChangesNoResult() {
        List<SalesEvent> sales = sales(6, 10_000, START, Duration.ofHours(1));
        TimeRange range = new TimeRange(START, START.plus(Duration.ofHours(1)));
        SalesWindowMetric window = new SalesWindowMetric(
                "EU-WEST", START, START.plusSeconds(300), 3, new BigDecimal("10.50"), 4, "USD", START.plusSeconds(10));
        appendInBatches(store, sales, 500);
        store.appendWindows(List.of(window));
        Map<String, String> once = asMap(store.salesByBucket(range, Bucket.FIVE_MINUTES, Set.of()));
        List<ProductRow> productsOnce = store.topProducts(range, 5);

        appendInBatches(store, sales, 500);
        store.appendSales(sales.subList(0, sales.size() / 2));
        store.appendWindows(List.of(window, window));

        assertThat(asMap(store.salesByBucket(range, Bucket.FIVE_MINUTES, Set.of())))
                .isEqualTo(once)
                .isEqualTo(recount(sales, range, Duration.ofMinutes(5).toMillis(), Set.of()));
        assertThat(store.topProducts(range, 5)).isEqualTo(productsOnce);
        assertThat(store.windows(range, Set.of())).containsExactly(window);
    }

    @Test
    void aLaterWindowValueReplacesTheEarlierOne() {
        SalesWindowMetric first = new SalesWindowMetric(
                "APAC", START, START.plusSeconds(300), 1, new BigDecimal("1.00"), 1, "USD", START);
        SalesWindowMetric later = new SalesWindowMetric(
                "APAC", START, START.plusSeconds(300), 2, new BigDecimal("3.25"), 5, "USD", START.plusSeconds(30));
        store.appendWindows(List.of(first));
        store.appendWindows(List.of(later));

        assertThat(store.windows(new TimeRange(START, START.plusSeconds(60)), Set.of("APAC")))
                .containsExactly(later);
    }

    @Test
    void rangesAreHalfOpenAndBucketsAlignOnUtc() {
        Instant midnight = Instant.parse("2026-11-27T00:00:00Z");
        List<SalesEvent> sales = List.of(
                sale("a", midnight.minusMillis(1), "EU-WEST", "1.00"),
                sale("b", midnight, "EU-WEST", "2.00"),
                sale("c", midnight.plus(Duration.ofHours(1)).minusMillis(1), "EU-WEST", "4.00"),
                sale("d", midnight.plus(Duration.ofHours(1)), "EU-WEST", "8.00"));
        store.appendSales(sales);

        List<BucketRow> rows =
                store.salesByBucket(new TimeRange(midnight, midnight.plus(Duration.ofHours(1))), Bucket.HOUR, Set.of());

        assertThat(rows).containsExactly(new BucketRow(midnight, "EU-WEST", new BigDecimal("6.00"), 2, 2));
    }

    @Test
    void filtersByRegionAndRanksProductsByRevenue() {
        List<SalesEvent> sales = sales(7, 10_000, START, Duration.ofHours(1));
        store.appendSales(sales);
        TimeRange range = new TimeRange(START, START.plus(Duration.ofHours(1)));

        assertThat(asMap(store.salesByBucket(range, Bucket.HOUR, Set.of("APAC", "LATAM"))))
                .isEqualTo(recount(sales, range, Duration.ofHours(1).toMillis(), Set.of("APAC", "LATAM")));
        List<ProductRow> top = store.topProducts(range, 3);
        Map<String, BigDecimal> byProduct = new TreeMap<>();
        sales.forEach(s -> byProduct.merge(s.productId(), s.amount(), BigDecimal::add));
        List<String> expected = byProduct.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey() + "=" + e.getValue().stripTrailingZeros().toPlainString())
                .toList();
        assertThat(top.stream()
                        .map(p -> p.productId() + "="
                                + p.revenue().stripTrailingZeros().toPlainString())
                        .toList())
                .isEqualTo(expected);
    }

    @Test
    void retentionDropsWholeOlderDaysAndKeepsTheRest() {
        List<SalesEvent> sales = new ArrayList<>();
        sales.add(sale("d1", Instant.parse("2026-11-24T10:00:00Z"), "EU-WEST", "1.00"));
        sales.add(sale("d2", Instant.parse("2026-11-25T23:59:59Z"), "EU-WEST", "2.00"));
        sales.add(sale("d3", Instant.parse("2026-11-26T00:00:00Z"), "EU-WEST", "4.00"));
        sales.add(sale("d4", Instant.parse("2026-11-27T12:00:00Z"), "EU-WEST", "8.00"));
        store.appendSales(sales);
        TimeRange all = new TimeRange(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

        List<String> dropped = store.applyRetention(Duration.ofDays(2), Instant.parse("2026-11-28T06:00:00Z"));

        assertThat(dropped).containsExactly("2026-11-24", "2026-11-25");
        assertThat(store.salesByBucket(all, Bucket.HOUR, Set.of()))
                .extracting(BucketRow::revenue)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("4.00"), new BigDecimal("8.00"));
    }

    protected static SalesBreakdownMetric breakdown(
            String dimension, String region, String value, Instant start, long count, String revenue) {
        return new SalesBreakdownMetric(
                dimension,
                region,
                value,
                start,
                start.plusSeconds(300),
                count,
                new BigDecimal(revenue),
                count * 2,
                "USD",
                start.plusSeconds(count));
    }

    protected static TargetMetric target(String region, String period, Instant start, String revenue, String target) {
        return new TargetMetric(
                region,
                period,
                start,
                start.plus(period.equals("HOUR") ? Duration.ofHours(1) : Duration.ofDays(1)),
                4,
                new BigDecimal(revenue),
                "USD",
                target == null ? null : new BigDecimal(target),
                start.plusSeconds(42));
    }

    @Test
    void keepsTheLatestValueOfEachBreakdownWindowPerDimensionRegionAndValue() {
        SalesBreakdownMetric office = breakdown("category", "EU-WEST", "Office", START, 1, "10.50");
        SalesBreakdownMetric apacOffice = breakdown("category", "APAC", "Office", START, 2, "7.00");
        SalesBreakdownMetric web = breakdown("channel", "EU-WEST", "web", START, 5, "99.99");
        SalesBreakdownMetric product = breakdown("product", "EU-WEST", "P-1", START, 3, "12.25");
        SalesBreakdownMetric nextMinute = breakdown("category", "EU-WEST", "Office", START.plusSeconds(60), 1, "3.00");
        store.appendBreakdowns(List.of(
                breakdown("category", "EU-WEST", "Electronics", START, 1, "1.00"),
                office,
                apacOffice,
                web,
                product,
                nextMinute));
        // Two values of one window in a batch: the later wins; then a later batch replaces it.
        List<SalesBreakdownMetric> later = List.of(
                breakdown("category", "EU-WEST", "Electronics", START, 3, "30.00"),
                breakdown("category", "EU-WEST", "Electronics", START, 4, "41.25"));
        store.appendBreakdowns(later);
        store.appendBreakdowns(later); // redelivered
        TimeRange firstMinute = new TimeRange(START, START.plusSeconds(60));

        assertThat(store.breakdowns(firstMinute, "category", Set.of()))
                .containsExactly(
                        apacOffice, breakdown("category", "EU-WEST", "Electronics", START, 4, "41.25"), office);
        assertThat(store.breakdowns(firstMinute, "category", Set.of("EU-WEST")))
                .extracting(SalesBreakdownMetric::value)
                .containsExactly("Electronics", "Office");
        assertThat(store.breakdowns(firstMinute, "channel", Set.of())).containsExactly(web);
        assertThat(store.breakdowns(firstMinute, "product", Set.of())).containsExactly(product);
        assertThat(store.breakdowns(new TimeRange(START, START.plusSeconds(61)), "category", Set.of("EU-WEST")))
                .hasSize(3)
                .last()
                .isEqualTo(nextMinute);
    }

    @Test
    void keepsTheLatestValueOfEachHourAndDayAgainstTargetWithOrWithoutATarget() {
        Instant midnight = Instant.parse("2026-11-27T00:00:00Z");
        TargetMetric hour = target("EU-WEST", "HOUR", midnight, "55.00", "1000.00");
        TargetMetric day = target("EU-WEST", "DAY", midnight, "9055.50", "20000.00");
        store.appendTargets(List.of(
                hour,
                day,
                target("LATAM", "HOUR", midnight, "12.00", "800.00"),
                target("EU-WEST", "HOUR", midnight.plus(Duration.ofHours(1)), "1.00", "1000.00")));
        // The region left the reference data: its later value has no target, and replaces the one with.
        TargetMetric latamLater = target("LATAM", "HOUR", midnight, "14.00", null);
        store.appendTargets(List.of(latamLater));
        store.appendTargets(List.of(latamLater));

        assertThat(store.targets(new TimeRange(midnight, midnight.plus(Duration.ofHours(1))), Set.of()))
                .containsExactly(day, hour, latamLater);
        assertThat(store.targets(new TimeRange(midnight, midnight.plus(Duration.ofHours(1))), Set.of("LATAM"))
                        .get(0)
                        .target())
                .isNull();
        assertThat(store.targets(new TimeRange(midnight.minusMillis(1), midnight), Set.of()))
                .isEmpty();
        assertThat(store.targets(new TimeRange(midnight, midnight.plus(Duration.ofDays(1))), Set.of("EU-WEST")))
                .extracting(t -> t.period() + "@" + t.windowStart() + "=" + t.revenue())
                .containsExactly(
                        "DAY@2026-11-27T00:00:00Z=9055.50",
                        "HOUR@2026-11-27T00:00:00Z=55.00",
                        "HOUR@2026-11-27T01:00:00Z=1.00");
    }

    @Test
    void retentionDropsWholeOlderDaysOfBreakdownsAndTargetsToo() {
        Instant day25 = Instant.parse("2026-11-25T23:55:00Z");
        Instant day26 = Instant.parse("2026-11-26T00:00:00Z");
        store.appendBreakdowns(List.of(
                breakdown("product", "EU-WEST", "P-1", day25, 1, "1.00"),
                breakdown("product", "EU-WEST", "P-1", day26, 1, "2.00")));
        store.appendTargets(List.of(
                target("EU-WEST", "DAY", Instant.parse("2026-11-24T00:00:00Z"), "1.00", "5.00"),
                target("EU-WEST", "DAY", day26, "2.00", "5.00")));
        TimeRange all = new TimeRange(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

        List<String> dropped = store.applyRetention(Duration.ofDays(2), Instant.parse("2026-11-28T06:00:00Z"));

        assertThat(dropped).containsExactly("2026-11-24", "2026-11-25");
        assertThat(store.breakdowns(all, "product", Set.of()))
                .containsExactly(breakdown("product", "EU-WEST", "P-1", day26, 1, "2.00"));
        assertThat(store.targets(all, Set.of())).containsExactly(target("EU-WEST", "DAY", day26, "2.00", "5.00"));
    }

    protected static SalesEvent sale(String id, Instant at, String region, String amount) {
        return new SalesEvent(
                id, at, region, "P-1", "C-1", 1, new BigDecimal(amount), new BigDecimal(amount), "USD", "web");
    }
}
