package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops under a running pipeline and comes back on the same data directory: the feed keeps
 * publishing with the lag marked unknown, then the problem clears.
 */
class BrokerOutageFeedIT {

    @TempDir
    Path temp;

    @Test
    void keepsPublishingWithTheLagUnknownWhileTheBrokerIsDownAndClearsTheProblemAfterItsRestart() throws Exception {
        EmbeddedKafkaConfig kafka = EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka"));
        EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(kafka);
        EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(kafka);
        try (restarted;
                first) {
            String bootstrap = first.start();
            PulseboardConfig config = TestConfigs.pipeline(bootstrap, temp, "outage-it");
            List<PipelineSnapshot> seen = new CopyOnWriteArrayList<>();
            try (PipelineRuntime runtime =
                            new PipelineRuntime(config, new Json(), Clock.systemUTC(), Optional.empty());
                    AutoCloseable subscription = runtime.feed().subscribe(seen::add)) {
                runtime.start();
                assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
                awaitSnapshot(
                        runtime,
                        Instant.now(),
                        s -> s.lagUnknownSince().isEmpty() && s.error().isEmpty());

                // Offsets may stop being readable while the broker shuts down, before close() returns.
                Instant closingAt = Instant.now();
                first.close();
                Instant downAt = Instant.now();
                PipelineSnapshot down = awaitSnapshot(
                        runtime, downAt.plusSeconds(6), s -> s.lagUnknownSince().isPresent());

                assertThat(down.lagUnknownSince().orElseThrow()).isBetween(closingAt, downAt.plusSeconds(4));
                assertThat(down.error())
                        .hasValueSatisfying(e -> assertThat(e)
                                .startsWith("cannot read offsets from Kafka: ")
                                .contains(": lag unknown since ")
                                .doesNotContain("null"));
                List<Instant> duringOutage = seen.stream()
                        .map(PipelineSnapshot::takenAt)
                        .filter(t -> t.isAfter(downAt))
                        .toList();
                for (int i = 1; i < duringOutage.size(); i++) {
                    assertThat(Duration.between(duringOutage.get(i - 1), duringOutage.get(i)))
                            .as("gap between snapshots while the broker is down: %s", duringOutage)
                            .isLessThanOrEqualTo(Duration.ofMillis(2_500));
                }
                assertThat(duringOutage.get(0))
                        .as("first snapshot after the stop")
                        .isBefore(downAt.plusMillis(2_500));

                assertThat(restarted.start()).isEqualTo(bootstrap);
                Instant upAt = Instant.now();
                awaitSnapshot(
                        runtime,
                        upAt,
                        s -> s.lagUnknownSince().isEmpty() && s.error().isEmpty());
            }
        }
    }

    /** The first snapshot taken after {@code after} that passes, waiting at most a minute. */
    private static PipelineSnapshot awaitSnapshot(
            PipelineRuntime runtime, Instant after, java.util.function.Predicate<PipelineSnapshot> condition) {
        AtomicReference<PipelineSnapshot> matched = new AtomicReference<>();
        Eventually.await(
                Duration.ofSeconds(60),
                () -> {
                    runtime.feed()
                            .latest()
                            .filter(s -> s.takenAt().isAfter(after))
                            .filter(condition)
                            .ifPresent(matched::set);
                    return matched.get() != null;
                },
                () -> String.valueOf(runtime.feed().latest()));
        return matched.get();
    }
}
