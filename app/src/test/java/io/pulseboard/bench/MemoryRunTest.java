package io.pulseboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryRunTest {

    private static List<MemoryRun.Sample> rss(long... mb) {
        List<MemoryRun.Sample> samples = new ArrayList<>();
        for (int i = 0; i < mb.length; i++) {
            samples.add(new MemoryRun.Sample(i * 30L, mb[i], 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return samples;
    }

    @Test
    void slopeOfSteadyGrowthIsItsRatePerMinute() {
        // 10 MiB every 30 s
        assertThat(MemoryRun.slopePerMinute(rss(500, 510, 520, 530, 540))).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void flatRssHasNoSlope() {
        assertThat(MemoryRun.slopePerMinute(rss(700, 700, 700))).isZero();
        assertThat(MemoryRun.slopePerMinute(rss(700))).isZero();
    }

    @Test
    void summaryComparesFirstAndLastMinuteAndFitsOnlyTheSecondHalf() {
        // 4 minutes: a jump in the first minute, flat afterwards
        MemoryRun.Summary summary = MemoryRun.summarize(rss(400, 600, 800, 800, 800, 800, 800, 800, 800), 4, 19_500);

        assertThat(summary.rssFirstMinuteMb()).isEqualTo(600); // samples at 0, 30, 60 s
        assertThat(summary.rssLastMinuteMb()).isEqualTo(800); // samples at 180, 210, 240 s
        assertThat(summary.rssSlopeMbPerMin()).isZero(); // from 120 s on
        assertThat(summary.rssMaxMb()).isEqualTo(800);
        assertThat(summary.ran()).isTrue();
        assertThat(MemoryRun.Summary.NONE.ran()).isFalse();
    }

    @Test
    void heapAfterGcIsWhatTheMostRecentCollectionLeft() {
        System.gc();

        assertThat(MemoryRun.heapAfterLastGc())
                .isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
    }
}
