package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsFeedTest {

    private static final Instant T = Instant.parse("2026-12-01T13:22:00Z");

    private static PipelineSnapshot takenAt(Instant at) {
        return new PipelineSnapshot(
                at,
                "RUNNING",
                Optional.empty(),
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
                SinkHealth.disabled("redis"),
                SinkHealth.disabled("history"),
                "USD",
                Optional.empty());
    }

    @Test
    void aThrottledListenerGetsTheFirstSnapshotAndThenOneASecondByTheirTimes() throws Exception {
        MetricsFeed feed = new MetricsFeed();
        List<Instant> every = new ArrayList<>();
        List<Instant> throttled = new ArrayList<>();
        feed.subscribe(s -> every.add(s.takenAt()));
        AutoCloseable subscription = feed.subscribe(Duration.ofSeconds(1), s -> throttled.add(s.takenAt()));

        // Ten a second for 2.5 s: 25 snapshots at 0, 100, ..., 2400 ms.
        for (int ms = 0; ms < 2_500; ms += 100) {
            feed.publish(takenAt(T.plusMillis(ms)));
        }

        assertThat(every).hasSize(25);
        assertThat(throttled).containsExactly(T, T.plusSeconds(1), T.plusSeconds(2));

        subscription.close();
        feed.publish(takenAt(T.plusSeconds(5)));
        assertThat(throttled).hasSize(3);
        assertThat(feed.latest()).map(PipelineSnapshot::takenAt).contains(T.plusSeconds(5));
    }
}
