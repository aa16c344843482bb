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
import io.pulseboard.event.SalesWindowMetric;
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
                    new MetricUpdate.Quality(new DataQualityCount(RejectReason.LATE, 7))));

            Eventually.await(Duration.ofSeconds(10), () -> received.size() == 3, received::toString);
        } finally {
            client.shutdown();
        }
        assertThat(received.get(0))
                .startsWith("{\"type\":\"sales\",\"region\":\"EU-WEST\"")
                .contains("\"revenue\":9.99");
        assertThat(received.get(1)).startsWith("{\"type\":\"engagement\",\"customerId\":\"C-1\"");
        assertThat(received.get(2)).isEqualTo("{\"type\":\"quality\",\"reason\":\"LATE\",\"count\":7}");
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
