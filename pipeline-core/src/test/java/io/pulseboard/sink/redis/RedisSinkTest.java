package io.pulseboard.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.RedisConfig;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.testing.Eventually;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sink's buffer against a Redis that is not there: bounded, coalescing, counted. */
class RedisSinkTest {

    private static final Instant T = Instant.parse("2026-11-28T13:00:00Z");

    private static MetricUpdate sale(int window, long count) {
        Instant start = T.plusSeconds(60L * window);
        return new MetricUpdate.Sales(new SalesWindowMetric(
                "EU", start, start.plusSeconds(300), count, BigDecimal.valueOf(count), count, "USD", start));
    }

    private static RedisSink sinkToNowhere(int capacity) throws IOException {
        return sinkTo(unusedPort(), capacity, Clock.systemUTC());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RedisSink sinkTo(int unusedPort, int capacity, Clock clock) {
        RedisConfig config = new RedisConfig(
                Optional.of("redis://127.0.0.1:" + unusedPort),
                Duration.ofHours(24),
                Duration.ofHours(24),
                capacity,
                100);
        return new RedisSink(new RedisMetricsStore(config, new Json()), capacity, 100, List::of, clock);
    }

    @Test
    void keepsOnlyTheNewestUnsentUpdatePerWindow() throws IOException {
        try (RedisSink sink = sinkToNowhere(1000)) {
            sink.offer(sale(1, 1));
            sink.offer(sale(1, 2));
            sink.offer(sale(2, 1));
            sink.offer(new MetricUpdate.Quality(new DataQualityCount(RejectReason.LATE, 3)));

            assertThat(sink.health().buffered()).isEqualTo(3);
            assertThat(sink.health().dropped()).isZero();
        }
    }

    @Test
    void reportsARedisThatIsUnreachableFromTheStartDownWithTheCauseBeforeAnyWrite() throws IOException {
        int port = unusedPort();
        try (RedisSink sink = sinkTo(port, 1000, Clock.fixed(T, ZoneOffset.UTC))) {
            sink.start();

            Eventually.await(
                    Duration.ofSeconds(5),
                    () -> sink.health().state() == SinkHealth.State.DOWN,
                    () -> sink.health().toString());
            SinkHealth health = sink.health();
            assertThat(health.lastError())
                    .hasValue("Redis at 127.0.0.1:" + port + " unreachable since 13:00:00 UTC: Connection refused");
            assertThat(health.since()).isEqualTo(T);
            assertThat(health.failedFlushes()).as("no write was tried").isZero();
        }
    }

    @Test
    void boundsTheBufferCountsWhatItDropsAndReportsRedisDown() throws IOException {
        try (RedisSink sink = sinkToNowhere(1000)) {
            sink.start();
            for (int i = 0; i < 1500; i++) {
                sink.offer(sale(i, 1));
            }

            Eventually.await(
                    Duration.ofSeconds(20),
                    () -> sink.health().state() == SinkHealth.State.DOWN,
                    () -> sink.health().toString());
            SinkHealth health = sink.health();
            assertThat(health.buffered()).isEqualTo(1000);
            assertThat(health.dropped()).isEqualTo(500);
            assertThat(health.written()).isZero();
            assertThat(health.failedFlushes()).isPositive();
            assertThat(health.lastError()).isPresent();
        }
    }
}
