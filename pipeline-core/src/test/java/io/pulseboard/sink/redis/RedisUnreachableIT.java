package io.pulseboard.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.service.SnapshotTable;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline whose Redis is not there from the start: DOWN with the cause at once, UP once it listens. */
class RedisUnreachableIT {

    @TempDir
    Path temp;

    @Test
    void reportsRedisDownWithTheAddressAndTheCauseWithinSecondsAndUpWithoutItOnceRedisListens() throws Exception {
        try (EmbeddedKafkaBroker broker =
                        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
                RedisServerProcess redis =
                        new RedisServerProcess(RedisServerConfig.inDirectory(temp.resolve("redis")))) {
            String bootstrap = broker.start();
            redis.start();
            redis.kill(); // its port, which nothing listens on until the restart below
            int port = redis.port();
            PulseboardConfig config = TestConfigs.pipeline(bootstrap, temp, "redis-unreachable-it")
                    .withRedis(ConfigLoader.defaults().redis().withUri(redis.authenticatedUri()));

            try (PipelineRuntime runtime =
                    new PipelineRuntime(config, new Json(), Clock.systemUTC(), Optional.empty())) {
                runtime.start();
                Instant started = Instant.now();

                PipelineSnapshot down = await(runtime, Duration.ofSeconds(5), h -> h.state() == SinkHealth.State.DOWN);
                SinkHealth health = down.redis();
                assertThat(health.since()).isBetween(started.minusSeconds(5), Instant.now());
                assertThat(health.lastError())
                        .hasValueSatisfying(reason -> assertThat(reason)
                                .matches("Redis at 127\\.0\\.0\\.1:" + port
                                        + " unreachable since \\d\\d:\\d\\d:\\d\\d UTC: Connection refused"));
                assertThat(SnapshotTable.render(down))
                        .contains("redis DOWN | written 0 | ")
                        .contains(" | " + health.lastError().orElseThrow() + "\n")
                        .doesNotContain("null");
                assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();

                redis.restart();

                PipelineSnapshot up = await(runtime, Duration.ofSeconds(20), h -> h.state() == SinkHealth.State.UP);
                assertThat(up.redis().lastError()).isEmpty();
                assertThat(SnapshotTable.render(up)).contains("redis UP | ").doesNotContain("unreachable");
            }
        }
    }

    private static PipelineSnapshot await(PipelineRuntime runtime, Duration timeout, Predicate<SinkHealth> wanted) {
        AtomicReference<PipelineSnapshot> seen = new AtomicReference<>();
        Eventually.await(
                timeout,
                () -> runtime.feed()
                        .latest()
                        .filter(s -> wanted.test(s.redis()))
                        .map(s -> {
                            seen.set(s);
                            return true;
                        })
                        .orElse(false),
                () -> String.valueOf(runtime.feed().latest().map(PipelineSnapshot::redis)));
        return seen.get();
    }
}
