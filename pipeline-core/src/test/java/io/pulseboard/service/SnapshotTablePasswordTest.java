package io.pulseboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console table never shows the password of a URI that a failure message quotes. */
class SnapshotTablePasswordTest {

    @Test
    void aRedisFailureQuotingItsUriIsPrintedWithThePasswordMasked() {
        SinkHealth down = new SinkHealth(
                "redis",
                SinkHealth.State.DOWN,
                5,
                7,
                0,
                1,
                0,
                Optional.of("Unable to connect to redis://:s3cret@127.0.0.1:6379"),
                Instant.parse("2026-12-01T13:22:00Z"));
        PipelineSnapshot snapshot = new PipelineSnapshot(
                Instant.parse("2026-12-01T13:22:09Z"),
                "RUNNING",
                Optional.of("Stream thread failed: cannot reach http://u:hunter2@h:1"),
                0,
                0,
                0,
                0,
                0,
                Optional.empty(),
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                down,
                SinkHealth.disabled("history"),
                "USD",
                Optional.empty());

        String table = SnapshotTable.render(snapshot);

        assertThat(table)
                .contains("redis DOWN | written 5 | buffered 7 | dropped 0 | re-syncs 0 | Unable to connect to"
                        + " redis://:***@127.0.0.1:6379\n")
                .endsWith("PROBLEM: Stream thread failed: cannot reach http://u:***@h:1\n")
                .doesNotContain("s3cret")
                .doesNotContain("hunter2");
    }
}
