package io.pulseboard.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.pulseboard.config.RedisConfig;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.sink.redis.RedisMetricsStore.Point;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import io.pulseboard.testing.Eventually;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented key schema against a real Redis started by local-stack's provider. */
class RedisMetricsStoreIT {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");
    private static final Duration TTL = Duration.ofHours(2);
    private static final Duration RETENTION = Duration.ofHours(1);

    @TempDir
    static Path dir;

    private static RedisServerProcess redis;
    private static String uri;
    private RedisMetricsStore store;

    @BeforeAll
    static void startRedis() {
        redis = new RedisServerProcess(RedisServerConfig.inDirectory(dir.resolve("redis")));
        redis.start();
        uri = redis.authenticatedUri();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void connect() {
        RedisClient client = RedisClient.create(uri);
        try (var conn = client.connect()) {
            conn.sync().flushall();
        }
        client.shutdown();
        store = new RedisMetricsStore(new RedisConfig(Optional.of(uri), TTL, RETENTION, 1000, 100), new Json());
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    private static SalesWindowMetric sale(String region, Instant start, long count, String revenue) {
        return new SalesWindowMetric(
                region,
                start,
                start.plusSeconds(300),
                count,
                new BigDecimal(revenue),
                count * 2,
                "USD",
                start.plusSeconds(10));
    }

    @Test
    void theLocalRedisRefusesAStoreWithoutItsPassword() {
        RedisConfig withoutPassword = new RedisConfig(Optional.of(redis.uri()), TTL, RETENTION, 1000, 100);
        try (RedisMetricsStore anonymous = new RedisMetricsStore(withoutPassword, new Json())) {
            assertThatThrownBy(() -> anonymous.write(List.of(new MetricUpdate.Sales(sale("EU-WEST", T, 1, "1.00")))))
                    // The refusal is named, not only "unable to connect".
                    .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " unreachable: NOAUTH")
                    .rootCause()
                    .hasMessageStartingWith("NOAUTH HELLO must be called with the client already authenticated");
        }
        assertThat(store.salesWindow("EU-WEST", T)).isEmpty();
    }

    @Test
    void storesTheLatestWindowValueWithItsTtl() {
        store.write(List.of(new MetricUpdate.Sales(sale("EU-WEST", T, 3, "100.69"))));
        store.write(List.of(new MetricUpdate.Sales(sale("EU-WEST", T, 4, "120.00"))));

        Map<String, String> fields = store.salesWindow("EU-WEST", T).orElseThrow();

        assertThat(fields)
                .containsEntry("count", "4")
                .containsEntry("revenue", "120.00")
                .containsEntry("units", "8")
                .containsEntry("windowStart", "2026-11-28T13:00:00Z")
                .containsEntry("windowEnd", "2026-11-28T13:05:00Z")
                .containsEntry("currency", "USD")
                .containsEntry("region", "EU-WEST");
        Duration ttl = store.ttl(RedisKeys.salesWindow("EU-WEST", T)).orElseThrow();
        assertThat(ttl).isLessThanOrEqualTo(TTL).isGreaterThan(TTL.minusMinutes(1));
        assertThat(store.ttl(RedisKeys.series(RedisKeys.Series.REVENUE, "EU-WEST")))
                .isEmpty();
    }

    @Test
    void keepsEveryPointOfEqualValuesAtDifferentTimestamps() {
        List<MetricUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            updates.add(new MetricUpdate.Sales(sale("APAC", T.plusSeconds(60L * i), 5, "50.00")));
        }
        store.write(updates);

        List<Point> points = store.range(RedisKeys.Series.REVENUE, "APAC", T, T.plusSeconds(600));

        assertThat(points).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(points.get(i)).isEqualTo(new Point(T.plusSeconds(60L * i), new BigDecimal("50.00")));
        }
    }

    @Test
    void replacesThePointOfAnUpdatedWindowInsteadOfAddingOne() {
        store.write(List.of(new MetricUpdate.Sales(sale("LATAM", T, 1, "1.00"))));
        store.write(List.of(new MetricUpdate.Sales(sale("LATAM", T, 2, "3.50"))));

        assertThat(store.range(RedisKeys.Series.ORDERS, "LATAM", T, T.plusSeconds(1)))
                .containsExactly(new Point(T, new BigDecimal("2")));
        assertThat(store.range(RedisKeys.Series.REVENUE, "LATAM", T, T.plusSeconds(1)))
                .containsExactly(new Point(T, new BigDecimal("3.50")));
    }

    @Test
    void readsExactlyTheHalfOpenRangeInTimeOrder() {
        List<MetricUpdate> updates = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            updates.add(new MetricUpdate.Sales(sale("NA-EAST", T.plusSeconds(60L * i), i + 1, i + 1 + ".00")));
        }
        store.write(updates);

        List<Point> points = store.range(RedisKeys.Series.UNITS, "NA-EAST", T.plusSeconds(120), T.plusSeconds(300));

        assertThat(points)
                .containsExactly(
                        new Point(T.plusSeconds(120), new BigDecimal("6")),
                        new Point(T.plusSeconds(180), new BigDecimal("8")),
                        new Point(T.plusSeconds(240), new BigDecimal("10")));
    }

    @Test
    void trimsPointsOlderThanTheRetentionBeforeTheNewestPoint() {
        store.write(List.of(
                new MetricUpdate.Sales(sale("EU-CENTRAL", T, 1, "1")),
                new MetricUpdate.Sales(sale("EU-CENTRAL", T.plus(Duration.ofMinutes(30)), 1, "1"))));
        store.write(List.of(
                new MetricUpdate.Sales(sale("EU-CENTRAL", T.plus(RETENTION).plusSeconds(60), 1, "1"))));

        List<Point> points =
                store.range(RedisKeys.Series.ORDERS, "EU-CENTRAL", T.minusSeconds(1), T.plus(Duration.ofHours(3)));

        assertThat(points)
                .extracting(Point::timestamp)
                .containsExactly(
                        T.plus(Duration.ofMinutes(30)), T.plus(RETENTION).plusSeconds(60));
    }

    @Test
    void publishesEveryUpdateAsJsonOnTheUpdatesChannel() {
        List<String> received = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub()) {
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(message);
                }
            });
            pubsub.sync().subscribe(RedisKeys.UPDATES_CHANNEL);

            store.write(List.of(
                    new MetricUpdate.Sales(sale("EU-WEST", T, 1, "9.99")),
                    new MetricUpdate.Engagement(
                            new EngagementScore("C-1", T, T.plusSeconds(3600), 1, 0, 0, 0, 1, 1, T)),
                    new MetricUpdate.Quality(new DataQualityCount(RejectReason.LATE, 7)),
                    new MetricUpdate.Breakdown(breakdown("channel", "EU-WEST", "web", T, 2, "19.98")),
                    new MetricUpdate.Target(target("EU-WEST", "HOUR", T, "19.98", "1000.00"))));

            Eventually.await(Duration.ofSeconds(10), () -> received.size() == 5, received::toString);
        } finally {
            client.shutdown();
        }
        assertThat(received.get(0))
                .startsWith("{\"type\":\"sales\",\"region\":\"EU-WEST\"")
                .contains("\"revenue\":9.99");
        assertThat(received.get(1)).startsWith("{\"type\":\"engagement\",\"customerId\":\"C-1\"");
        assertThat(received.get(2)).isEqualTo("{\"type\":\"quality\",\"reason\":\"LATE\",\"count\":7}");
        assertThat(received.get(3))
                .isEqualTo("{\"type\":\"breakdown\",\"dimension\":\"channel\",\"region\":\"EU-WEST\","
                        + "\"value\":\"web\",\"windowStart\":\"2026-11-28T13:00:00Z\","
                        + "\"windowEnd\":\"2026-11-28T13:05:00Z\",\"count\":2,\"revenue\":19.98,\"units\":6,"
                        + "\"currency\":\"USD\",\"lastEventTime\":\"2026-11-28T13:00:02Z\"}");
        assertThat(received.get(4))
                .isEqualTo("{\"type\":\"target\",\"region\":\"EU-WEST\",\"period\":\"HOUR\","
                        + "\"windowStart\":\"2026-11-28T13:00:00Z\",\"windowEnd\":\"2026-11-28T14:00:00Z\","
                        + "\"count\":3,\"revenue\":19.98,\"currency\":\"USD\",\"target\":1000.00,"
                        + "\"lastEventTime\":\"2026-11-28T13:00:07Z\"}");
    }

    private static SalesBreakdownMetric breakdown(
            String dimension, String region, String value, Instant start, long count, String revenue) {
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
        return new TargetMetric(
                region,
                period,
                start,
                start.plus(period.equals("HOUR") ? Duration.ofHours(1) : Duration.ofDays(1)),
                3,
                new BigDecimal(revenue),
                "USD",
                target == null ? null : new BigDecimal(target),
                start.plusSeconds(7));
    }

    private static void assertTtl(StatefulRedisConnection<String, String> raw, String key) {
        assertThat(Duration.ofMillis(raw.sync().pttl(key)))
                .as("TTL of %s", key)
                .isLessThanOrEqualTo(TTL)
                .isGreaterThan(TTL.minusMinutes(1));
    }

    @Test
    void storesEachBreakdownWindowItsRevenueSeriesTheRegionsValuesAndTheWindowsRanking() {
        store.write(List.of(
                new MetricUpdate.Breakdown(breakdown("category", "EU-WEST", "Electronics", T, 3, "100.69")),
                new MetricUpdate.Breakdown(breakdown("category", "EU-WEST", "Office", T, 1, "5.00")),
                new MetricUpdate.Breakdown(breakdown("product", "EU-WEST", "P-1", T, 2, "40.00")),
                new MetricUpdate.Breakdown(breakdown("product", "EU-WEST", "P-2", T, 2, "40.50"))));
        store.write(List.of(
                new MetricUpdate.Breakdown(breakdown("category", "EU-WEST", "Electronics", T, 4, "120.00")),
                new MetricUpdate.Breakdown(
                        breakdown("category", "EU-WEST", "Electronics", T.plusSeconds(60), 2, "80.10"))));

        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            String hash = RedisKeys.breakdownWindow("category", "EU-WEST", "Electronics", T);
            assertThat(hash).isEqualTo("pulseboard:breakdown:category:EU-WEST:Electronics:1795870800000");
            assertThat(raw.sync().hgetall(hash))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "dimension", "category",
                            "region", "EU-WEST",
                            "value", "Electronics",
                            "windowStart", "2026-11-28T13:00:00Z",
                            "windowEnd", "2026-11-28T13:05:00Z",
                            "count", "4",
                            "revenue", "120.00",
                            "units", "12",
                            "currency", "USD",
                            "lastEventTime", "2026-11-28T13:00:04Z"));
            String series = RedisKeys.breakdownSeries("category", "EU-WEST", "Electronics");
            assertThat(series).isEqualTo("pulseboard:ts:category-revenue:EU-WEST:Electronics");
            assertThat(store.range(series, T, T.plusSeconds(120)))
                    .containsExactly(
                            new Point(T, new BigDecimal("120.00")),
                            new Point(T.plusSeconds(60), new BigDecimal("80.10")));
            assertThat(raw.sync().smembers(RedisKeys.breakdownValues("category", "EU-WEST")))
                    .containsExactlyInAnyOrder("Electronics", "Office");
            assertThat(raw.sync().smembers(RedisKeys.breakdownValues("product", "EU-WEST")))
                    .containsExactlyInAnyOrder("P-1", "P-2");
            String categories = RedisKeys.breakdownTop("category", "EU-WEST", T);
            assertThat(raw.sync().zrevrangeWithScores(categories, 0, -1))
                    .extracting(v -> v.getValue() + "=" + v.getScore())
                    .containsExactly("Electronics=120.0", "Office=5.0");
            String products = RedisKeys.breakdownTop("product", "EU-WEST", T);
            assertThat(raw.sync().zrevrangeWithScores(products, 0, -1))
                    .extracting(v -> v.getValue() + "=" + v.getScore())
                    .containsExactly("P-2=40.5", "P-1=40.0");
            for (String key : List.of(hash, categories, products)) {
                assertTtl(raw, key);
            }
            assertThat(raw.sync().pttl(series)).isEqualTo(-1L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void trimsBreakdownAndTargetPointsOlderThanTheRetentionBeforeTheNewestPoint() {
        Instant later = T.plus(RETENTION).plusSeconds(60);
        store.write(List.of(
                new MetricUpdate.Breakdown(breakdown("channel", "APAC", "app", T, 1, "1.00")),
                new MetricUpdate.Breakdown(breakdown("channel", "APAC", "app", T.plusSeconds(60), 1, "2.00")),
                new MetricUpdate.Target(target("APAC", "HOUR", T, "1.00", "10.00"))));
        store.write(List.of(
                new MetricUpdate.Breakdown(breakdown("channel", "APAC", "app", later, 1, "3.00")),
                new MetricUpdate.Target(target("APAC", "HOUR", T.plus(RETENTION), "2.00", "10.00")),
                new MetricUpdate.Target(target("APAC", "HOUR", T.plus(RETENTION).plus(RETENTION), "4.00", "10.00"))));

        assertThat(store.range(RedisKeys.breakdownSeries("channel", "APAC", "app"), T, later.plusSeconds(1)))
                .containsExactly(
                        new Point(T.plusSeconds(60), new BigDecimal("2.00")), new Point(later, new BigDecimal("3.00")));
        // An hour's point is kept while it is within the retention (1 h) before the newest hour.
        assertThat(store.range(RedisKeys.targetSeries("APAC", "HOUR"), T, T.plus(Duration.ofHours(3))))
                .containsExactly(
                        new Point(T.plus(RETENTION), new BigDecimal("2.00")),
                        new Point(T.plus(RETENTION).plus(RETENTION), new BigDecimal("4.00")));
    }

    @Test
    void storesEachHourAndDayAgainstItsTargetAndForgetsATargetThatNoLongerApplies() {
        Instant day = Instant.parse("2026-11-28T00:00:00Z");
        store.write(List.of(
                new MetricUpdate.Target(target("EU-WEST", "HOUR", T, "55.00", "1000.00")),
                new MetricUpdate.Target(target("EU-WEST", "DAY", day, "9055.50", "20000.00")),
                new MetricUpdate.Target(target("LATAM", "HOUR", T, "12.00", "800.00"))));
        store.write(List.of(new MetricUpdate.Target(target("LATAM", "HOUR", T, "14.00", null))));

        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            String hour = RedisKeys.target("EU-WEST", "HOUR", T);
            assertThat(hour).isEqualTo("pulseboard:target:EU-WEST:HOUR:1795870800000");
            assertThat(raw.sync().hgetall(hour))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "region", "EU-WEST",
                            "period", "HOUR",
                            "windowStart", "2026-11-28T13:00:00Z",
                            "windowEnd", "2026-11-28T14:00:00Z",
                            "count", "3",
                            "revenue", "55.00",
                            "currency", "USD",
                            "target", "1000.00",
                            "lastEventTime", "2026-11-28T13:00:07Z"));
            String dayKey = RedisKeys.target("EU-WEST", "DAY", day);
            assertThat(raw.sync().hmget(dayKey, "windowEnd", "revenue", "target"))
                    .extracting(v -> v.getValueOrElse(null))
                    .containsExactly("2026-11-29T00:00:00Z", "9055.50", "20000.00");
            String latam = RedisKeys.target("LATAM", "HOUR", T);
            assertThat(raw.sync().hgetall(latam))
                    .containsEntry("revenue", "14.00")
                    .doesNotContainKey("target")
                    .hasSize(8);
            for (String key : List.of(hour, dayKey, latam)) {
                assertTtl(raw, key);
            }
            assertThat(store.range(RedisKeys.targetSeries("EU-WEST", "DAY"), day, day.plusSeconds(1)))
                    .containsExactly(new Point(day, new BigDecimal("9055.50")));
            assertThat(store.range(RedisKeys.targetSeries("LATAM", "HOUR"), T, T.plusSeconds(1)))
                    .containsExactly(new Point(T, new BigDecimal("14.00")));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aLongRunOfBreakdownsAmongOtherUpdatesIsStoredWhole() {
        // 230 breakdowns cross three script calls (100 + 100 + 30) around a target update; every one is stored.
        List<MetricUpdate> updates = new ArrayList<>();
        for (int p = 0; p < 230; p++) {
            if (p == 150) {
                updates.add(new MetricUpdate.Target(target("NA-EAST", "HOUR", T, "1.00", "2.00")));
            }
            updates.add(
                    new MetricUpdate.Breakdown(breakdown("product", "NA-EAST", "P-" + p, T, p + 1, (p + 1) + ".25")));
        }
        store.write(updates);

        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            for (int p = 0; p < 230; p++) {
                assertThat(raw.sync().hgetall(RedisKeys.breakdownWindow("product", "NA-EAST", "P-" + p, T)))
                        .as("product P-%d", p)
                        .containsEntry("count", Integer.toString(p + 1))
                        .containsEntry("revenue", (p + 1) + ".25")
                        .containsEntry("units", Integer.toString(3 * (p + 1)))
                        .hasSize(10);
            }
            String top = RedisKeys.breakdownTop("product", "NA-EAST", T);
            assertThat(raw.sync().zcard(top)).isEqualTo(230);
            assertThat(raw.sync().zrevrangeWithScores(top, 0, 1))
                    .extracting(v -> v.getValue() + "=" + v.getScore())
                    .containsExactly("P-229=230.25", "P-228=229.25");
            assertThat(raw.sync().scard(RedisKeys.breakdownValues("product", "NA-EAST")))
                    .isEqualTo(230);
            assertThat(raw.sync().hget(RedisKeys.target("NA-EAST", "HOUR", T), "target"))
                    .isEqualTo("2.00");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void storesEachEngagementScoreAndTheHoursTopListWithTheirTtl() {
        store.write(List.of(
                new MetricUpdate.Engagement(new EngagementScore("C-1", T, T.plusSeconds(3600), 2, 1, 0, 0, 3, 4, T)),
                new MetricUpdate.Engagement(new EngagementScore("C-2", T, T.plusSeconds(3600), 0, 0, 0, 1, 1, 10, T))));
        store.write(List.of(new MetricUpdate.Engagement(
                new EngagementScore("C-1", T, T.plusSeconds(3600), 2, 1, 1, 1, 5, 15, T.plusSeconds(9)))));

        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            String hash = RedisKeys.engagement("C-1", T);
            assertThat(raw.sync().hgetall(hash))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "customerId", "C-1",
                            "windowStart", "2026-11-28T13:00:00Z",
                            "score", "15",
                            "events", "5",
                            "pageViews", "2",
                            "clicks", "1",
                            "addToCarts", "1",
                            "purchases", "1"));
            String top = RedisKeys.engagementTop(T);
            assertThat(raw.sync().zrevrangeWithScores(top, 0, -1))
                    .extracting(v -> v.getValue() + "=" + (long) v.getScore())
                    .containsExactly("C-1=15", "C-2=10");
            for (String key : List.of(hash, top)) {
                assertThat(Duration.ofMillis(raw.sync().pttl(key)))
                        .as("TTL of %s", key)
                        .isLessThanOrEqualTo(TTL)
                        .isGreaterThan(TTL.minusMinutes(1));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aLongRunOfScoresAmongOtherUpdatesIsStoredWhole() {
        // 250 scores cross three script calls (100 + 100 + 50) around a sales update; every one is stored.
        List<MetricUpdate> updates = new java.util.ArrayList<>();
        for (int c = 0; c < 250; c++) {
            if (c == 120) {
                updates.add(new MetricUpdate.Sales(sale("EU-WEST", T, 1, "9.99")));
            }
            updates.add(new MetricUpdate.Engagement(
                    new EngagementScore("C-" + c, T, T.plusSeconds(3600), c, 1, 0, 0, c + 1, 3L * c + 1, T)));
        }
        store.write(updates);

        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            for (int c = 0; c < 250; c++) {
                assertThat(raw.sync().hgetall(RedisKeys.engagement("C-" + c, T)))
                        .as("customer C-%d", c)
                        .containsEntry("score", Long.toString(3L * c + 1))
                        .containsEntry("events", Integer.toString(c + 1))
                        .containsEntry("pageViews", Integer.toString(c))
                        .containsEntry("clicks", "1")
                        .hasSize(8);
            }
            assertThat(raw.sync().zcard(RedisKeys.engagementTop(T))).isEqualTo(250);
            assertThat(raw.sync().zrevrangeWithScores(RedisKeys.engagementTop(T), 0, 1))
                    .extracting(v -> v.getValue() + "=" + (long) v.getScore())
                    .containsExactly("C-249=748", "C-248=745");
            assertThat(raw.sync().hget(RedisKeys.salesWindow("EU-WEST", T), "count"))
                    .isEqualTo("1");
        } finally {
            client.shutdown();
        }
    }
}
