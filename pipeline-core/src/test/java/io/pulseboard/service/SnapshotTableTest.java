package io.pulseboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTableTest {

    private static PipelineSnapshot snapshot(Optional<Instant> lagUnknownSince, Optional<String> problem) {
        return new PipelineSnapshot(
                Instant.parse("2026-12-01T13:22:09Z"),
                "RUNNING",
                problem,
                0,
                0,
                0,
                12,
                0,
                lagUnknownSince,
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                SinkHealth.disabled("redis"),
                SinkHealth.disabled("history"),
                "USD",
                Optional.empty());
    }

    @Test
    void showsTheLagAsUnknownSinceWhenAndTheProblem() {
        String table = SnapshotTable.render(snapshot(
                Optional.of(Instant.parse("2026-12-01T13:22:01Z")),
                Optional.of("cannot read offsets from Kafka: TimeoutException: lag unknown since 13:22:01")));

        assertThat(table.lines().findFirst())
                .contains("Pulseboard 13:22:09 UTC | streams RUNNING | in 0/s | processed 0/s | metric updates 0/s"
                        + " | lag unknown since 13:22:01");
        assertThat(table)
                .endsWith("PROBLEM: cannot read offsets from Kafka: TimeoutException: lag unknown since 13:22:01\n");
    }

    @Test
    void showsTheLagInRecordsWhenItWasReadAndNoProblemLine() {
        String table = SnapshotTable.render(snapshot(Optional.empty(), Optional.empty()));

        assertThat(table.lines().findFirst())
                .hasValueSatisfying(line -> assertThat(line).endsWith("| lag 12 records (0.0 s)"));
        assertThat(table).doesNotContain("PROBLEM");
    }
}
