package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.PipelineSnapshot;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void summarisesEverySampleSinceTheResetNotOnlyTheRecentOnes() {
        LatencyRecorder recorder = new LatencyRecorder(100);
        recorder.record(60_000); // before the reset: forgotten by both summaries
        recorder.reset();
        for (int ms = 1; ms <= 1_000; ms++) {
            recorder.record(ms);
        }

        assertThat(recorder.summarySinceReset()).isEqualTo(new PipelineSnapshot.LatencySummary(500, 990, 1_000, 1_000));
        assertThat(recorder.summary())
                .as("the ring keeps the newest 100: 901..1000")
                .isEqualTo(new PipelineSnapshot.LatencySummary(950, 999, 1_000, 100));
    }

    @Test
    void clampsSamplesBeyondAnHourInsteadOfFailing() {
        LatencyRecorder recorder = new LatencyRecorder(10);
        recorder.record(7_200_000);

        assertThat(recorder.summarySinceReset().maxMs())
                .as("an hour, within the histogram's 3 significant digits")
                .isBetween(3_596_400L, 3_603_600L);
    }
}
