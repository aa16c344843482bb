package io.pulseboard.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.GeneratorConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.runtime.WindowStoreReader;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis dies mid-stream and comes back: the pipeline never stops and Redis ends equal to the stores. */
class RedisOutageIT {

    @TempDir
    Path temp;

    @Test
    void keepsRunningWhileRedisIsDownAndResyncsEveryLatestValueAfterwards() throws Exception {
        Json json = new Json();
        try (EmbeddedKafkaBroker broker =
                        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
                RedisServerProcess redis =
                        new RedisServerProcess(RedisServerConfig.inDirectory(temp.resolve("redis")))) {
            String bootstrap = broker.start();
            redis.start();
            String redisUri = redis.authenticatedUri();
            PulseboardConfig defaults = ConfigLoader.defaults();
            PulseboardConfig config = TestConfigs.pipeline(bootstrap, temp, "redis-it")
                    .withRedis(defaults.redis().withUri(redisUri))
                    .withGenerator(new GeneratorConfig(800, 3, 300));

            try (PipelineRuntime runtime = new PipelineRuntime(config, json, Clock.systemUTC(), Optional.empty());
                    EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
                runtime.start();
                assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
                DemoGenerator generator = new DemoGenerator(config.generator(), producer, "USD", Clock.systemUTC());
                generator.start();

                awaitRedis(runtime, h -> h.state() == SinkHealth.State.UP && h.written() > 50);
                redis.kill();
                awaitRedis(runtime, h -> h.state() == SinkHealth.State.DOWN);
                java.time.Instant downAt = java.time.Instant.now();
                Eventually.await(
                        Duration.ofSeconds(30),
                        () -> runtime.feed()
                                .latest()
                                .filter(s -> s.takenAt().isAfter(downAt.plusSeconds(2)))
                                .filter(s -> s.redis().state() == SinkHealth.State.DOWN)
                                .map(s -> s.eventsProcessedPerSecond() > 0 && s.metricsOutPerSecond() > 0)
                                .orElse(false),
                        () -> "pipeline progress while Redis is down: "
                                + runtime.feed().latest());
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
                long resyncsBefore =
                        runtime.feed().latest().orElseThrow().redis().resyncs();

                redis.restart();
                awaitRedis(runtime, h -> h.state() == SinkHealth.State.UP && h.resyncs() > resyncsBefore);
                generator.close();

                RedisMetricsStore reader = new RedisMetricsStore(config.redis(), json);
                try {
                    WindowStoreReader stores = new WindowStoreReader(
                            runtime.streams().orElseThrow(), Clock.systemUTC(), "USD", Duration.ofHours(1), json);
                    List<String> mismatches = new ArrayList<>();
                    Map<String, Integer> compared = new java.util.TreeMap<>();
                    Eventually.await(
                            Duration.ofSeconds(60),
                            () -> {
                                mismatches.clear();
                                compared.clear();
                                List<MetricUpdate> latest = stores.latestUpdates();
                                for (MetricUpdate update : latest) {
                                    compared.merge(update.getClass().getSimpleName(), 1, Integer::sum);
                                    if (update instanceof MetricUpdate.Sales s && !sameInRedis(reader, s.metric())) {
                                        mismatches.add(s.metric().region() + "@"
                                                + s.metric().windowStart());
                                    } else if (update instanceof MetricUpdate.Breakdown b
                                            && !sameInRedis(reader, b.metric())) {
                                        mismatches.add(update.key());
                                    } else if (update instanceof MetricUpdate.Target t
                                            && !sameInRedis(reader, t.metric())) {
                                        mismatches.add(update.key());
                                    }
                                }
                                // Every kind re-sent: sales, breakdowns and targets (HOUR and DAY per region).
                                return mismatches.isEmpty()
                                        && compared.getOrDefault("Sales", 0) > 10
                                        && compared.getOrDefault("Breakdown", 0) > 10
                                        && compared.getOrDefault("Target", 0) >= 2;
                            },
                            () -> "windows differing from the store: " + mismatches + " of " + compared);
                } finally {
                    reader.close();
                }
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static boolean sameInRedis(RedisMetricsStore reader, SalesWindowMetric m) {
        return reader.salesWindow(m.region(), m.windowStart())
                .map(f -> f.get("count").equals(Long.toString(m.count()))
                        && new java.math.BigDecimal(f.get("revenue")).compareTo(m.revenue()) == 0
                        && f.get("units").equals(Long.toString(m.units())))
                .orElse(false);
    }

    private static boolean sameInRedis(RedisMetricsStore reader, SalesBreakdownMetric m) {
        return reader.breakdownWindow(m.dimension(), m.region(), m.value(), m.windowStart())
                .map(f -> f.get("count").equals(Long.toString(m.count()))
                        && new java.math.BigDecimal(f.get("revenue")).compareTo(m.revenue()) == 0
                        && f.get("units").equals(Long.toString(m.units())))
                .orElse(false);
    }

    private static boolean sameInRedis(RedisMetricsStore reader, TargetMetric m) {
        return reader.target(m.region(), m.period(), m.windowStart())
                .map(f -> f.get("count").equals(Long.toString(m.count()))
                        && new java.math.BigDecimal(f.get("revenue")).compareTo(m.revenue()) == 0
                        && java.util.Objects.equals(
                                f.get("target"),
                                m.target() == null ? null : m.target().toPlainString()))
                .orElse(false);
    }

    private static void awaitRedis(PipelineRuntime runtime, java.util.function.Predicate<SinkHealth> condition) {
        Eventually.await(
                Duration.ofSeconds(60),
                () -> runtime.feed()
                        .latest()
                        .map(s -> condition.test(s.redis()))
                        .orElse(false),
                () -> String.valueOf(runtime.feed().latest().map(PipelineSnapshot::redis)));
    }
}
