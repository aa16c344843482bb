package io.pulseboard.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pulseboard.config.RedisConfig;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.sink.redis.RedisMetricsStore;
import io.pulseboard.sink.redis.RedisSink;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Redis write throughput, measured in one run against one Redis: the raw ceiling (pipelined ZADD
 * with unique members on one connection) against Pulseboard's store and sink. Prints figures and
 * ratios; asserts nothing about time.
 *
 * <p>Run: {@code ./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl pipeline-core exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.pulseboard.bench.RedisWriteBenchmark [-Dexec.args=200000]}
 */
public final class RedisWriteBenchmark {

    private static final int BATCH = 2000;
    /** Redis commands one sales update costs: HSET, PEXPIRE, SADD, 3 series points, PUBLISH. */
    private static final int COMMANDS_PER_SALES_UPDATE = 7;

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("pulseboard-bench-redis");
        try (RedisServerProcess redis = new RedisServerProcess(RedisServerConfig.inDirectory(dir))) {
            redis.start();
            String uri = redis.authenticatedUri();
            List<MetricUpdate> batchable = salesUpdates(updates);
            rawZadd(uri, updates * COMMANDS_PER_SALES_UPDATE / 2); // warm-up of the server and the JIT
            double raw = rawZadd(uri, updates * COMMANDS_PER_SALES_UPDATE);
            double store = storeWrites(uri, batchable);
            double sink = sinkWrites(uri, batchable);
            System.out.printf(
                    Locale.ROOT,
                    "%nRedis write benchmark, %,d sales updates (%d commands each), batches of %d%n",
                    updates,
                    COMMANDS_PER_SALES_UPDATE,
                    BATCH);
            System.out.printf(Locale.ROOT, "%-44s %14s %14s %8s%n", "path", "updates/s", "commands/s", "vs raw");
            System.out.printf(
                    Locale.ROOT, "%-44s %14s %,14.0f %8s%n", "raw pipelined ZADD (ceiling)", "-", raw, "1.00");
            print("RedisMetricsStore.write (pipelined batches)", store, raw);
            print("RedisSink offer -> flush (end to end)", sink, raw);
            System.out.printf(
                    Locale.ROOT,
                    "{\"updates\":%d,\"rawCommandsPerSec\":%.0f,\"storeUpdatesPerSec\":%.0f,\"storeCommandsPerSec\":%.0f,"
                            + "\"sinkUpdatesPerSec\":%.0f,\"sinkCommandsPerSec\":%.0f}%n",
                    updates,
                    raw,
                    store,
                    store * COMMANDS_PER_SALES_UPDATE,
                    sink,
                    sink * COMMANDS_PER_SALES_UPDATE);
        }
    }

    private static void print(String path, double updatesPerSecond, double raw) {
        double commands = updatesPerSecond * COMMANDS_PER_SALES_UPDATE;
        System.out.printf(
                Locale.ROOT, "%-44s %,14.0f %,14.0f %8.2f%n", path, updatesPerSecond, commands, commands / raw);
    }

    private static List<MetricUpdate> salesUpdates(int count) {
        Instant base = Instant.parse("2026-11-28T00:00:00Z");
        List<MetricUpdate> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant start = base.plusSeconds(60L * (i / 6));
            list.add(new MetricUpdate.Sales(new SalesWindowMetric(
                    "R" + (i % 6), start, start.plusSeconds(300), i, BigDecimal.valueOf(i, 2), i, "USD", start)));
        }
        return list;
    }

    private static double rawZadd(String uri, int commands) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            conn.sync().flushall();
            long start = System.nanoTime();
            for (int done = 0; done < commands; done += BATCH) {
                conn.setAutoFlushCommands(false);
                List<RedisFuture<?>> replies = new ArrayList<>(BATCH);
                for (int i = done; i < Math.min(commands, done + BATCH); i++) {
                    replies.add(conn.async().zadd("bench:raw:" + (i % 18), i, i + ":" + i));
                }
                conn.flushCommands();
                conn.setAutoFlushCommands(true);
                LettuceFutures.awaitAll(Duration.ofSeconds(30), replies.toArray(RedisFuture[]::new));
            }
            return commands / ((System.nanoTime() - start) / 1e9);
        } finally {
            client.shutdown();
        }
    }

    private static RedisConfig config(String uri, int buffer) {
        return new RedisConfig(Optional.of(uri), Duration.ofHours(24), Duration.ofDays(400), buffer, BATCH);
    }

    private static double storeWrites(String uri, List<MetricUpdate> updates) {
        try (RedisMetricsStore store = new RedisMetricsStore(config(uri, updates.size()), new Json())) {
            store.write(updates.subList(0, BATCH));
            long start = System.nanoTime();
            for (int i = 0; i < updates.size(); i += BATCH) {
                store.write(updates.subList(i, Math.min(updates.size(), i + BATCH)));
            }
            return updates.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double sinkWrites(String uri, List<MetricUpdate> updates) throws InterruptedException {
        RedisMetricsStore store = new RedisMetricsStore(config(uri, updates.size()), new Json());
        try (RedisSink sink = new RedisSink(store, updates.size(), BATCH, List::of, Clock.systemUTC())) {
            sink.start();
            long start = System.nanoTime();
            updates.forEach(sink::offer);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (sink.health().written() < updates.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return sink.health().written() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private RedisWriteBenchmark() {}
}
