package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.event.EngagementScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snapshot's engagement summary, against a plain sort of the same scores. */
class OutputCollectorSummaryTest {

    private static final Instant HOUR = Instant.parse("2026-11-28T13:00:00Z");

    private static EngagementScore score(String customer, Instant hour, long score, Instant last) {
        return new EngagementScore(customer, hour, hour.plusSeconds(3600), 0, 0, 0, 0, 1, score, last);
    }

    @Test
    void topTenAndDistributionOfTheNewestHourEqualASortOfEveryScore() {
        Random random = new Random(5);
        List<EngagementScore> scores = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Instant hour = i % 4 == 0 ? HOUR.minusSeconds(3600) : HOUR;
            scores.add(score("C-" + i, hour, random.nextInt(260), hour.plusSeconds(random.nextInt(3600))));
        }
        scores.add(score("C-late", HOUR, 40, HOUR.plusSeconds(3599)));

        OutputCollector.Engagement summary = OutputCollector.summarize(scores.toArray(EngagementScore[]::new), 10);

        List<EngagementScore> newest =
                scores.stream().filter(s -> s.windowStart().equals(HOUR)).toList();
        assertThat(summary.top())
                .containsExactlyElementsOf(newest.stream()
                        .sorted(Comparator.comparingLong(EngagementScore::score)
                                .reversed()
                                .thenComparing(EngagementScore::customerId))
                        .limit(10)
                        .toList());
        long[] expected = new long[5];
        newest.forEach(s -> expected[
                s.score() >= 200 ? 4 : s.score() >= 100 ? 3 : s.score() >= 50 ? 2 : s.score() >= 20 ? 1 : 0]++);
        assertThat(summary.distribution())
                .containsExactly(
                        Map.entry("0-19", expected[0]),
                        Map.entry("20-49", expected[1]),
                        Map.entry("50-99", expected[2]),
                        Map.entry("100-199", expected[3]),
                        Map.entry("200+", expected[4]));
        assertThat(summary.distribution().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(newest.size());
        assertThat(summary.newestEvent()).contains(HOUR.plusSeconds(3599));
    }

    @Test
    void noScoresGiveAnEmptySummary() {
        OutputCollector.Engagement summary = OutputCollector.summarize(new EngagementScore[0], 10);

        assertThat(summary.top()).isEmpty();
        assertThat(summary.distribution().values()).containsOnly(0L);
        assertThat(summary.newestEvent()).isEqualTo(Optional.empty());
    }
}
