package io.pulseboard.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's state without a JavaFX toolkit: properties and lists only. */
class DashboardViewModelTest {

    private static final DisplayFormat US = DisplayFormat.of(Locale.US, "USD");
    /** Six regions, one sale a second each, at these prices (a steady stream of 6 sales/s). */
    private static final Map<String, BigDecimal> PRICES = prices();

    private final List<Integer> rates = new ArrayList<>();
    private final MovingClock clock = new MovingClock(Snapshots.T.plusSeconds(300));
    private final DashboardViewModel vm = new DashboardViewModel(Optional.of(rates::add), 2000, clock, US);

    private static Map<String, BigDecimal> prices() {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("US-EAST", new BigDecimal("3.00"));
        prices.put("APAC", new BigDecimal("1.50"));
        prices.put("EU-WEST", new BigDecimal("2.00"));
        prices.put("LATAM", new BigDecimal("0.50"));
        prices.put("US-WEST", new BigDecimal("2.50"));
        prices.put("EU-CENTRAL", new BigDecimal("1.00"));
        return prices;
    }

    private void show(PipelineSnapshot s) {
        clock.set(s.takenAt());
        vm.accept(s);
        vm.pulse();
    }

    @Test
    void appliesOnlyTheNewestSnapshotOncePerPulse() {
        vm.accept(Snapshots.of(100, 10));
        vm.accept(Snapshots.of(200, 10));
        vm.accept(Snapshots.of(300, 10));

        vm.pulse();
        vm.pulse();

        assertThat(vm.appliedSnapshotsProperty().get()).isEqualTo(1);
        assertThat(vm.eventsInProperty().get()).isEqualTo(300);
        assertThat(vm.eventsInHistory()).containsExactly(300.0);
    }

    @Test
    void showsTheLastCompleteWindowAndNoPercentageWhileItsBaseHasPartOfItsSpan() {
        vm.setZone(ZoneOffset.UTC);
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        // newest event 13:03:20: the last complete window is 12:58-13:03 (minute index 8 of 0..10)
        assertThat(vm.headlineStateProperty().get()).isEqualTo(HeadlineKpi.State.COMPLETE);
        assertThat(vm.windowLabelProperty().get()).isEqualTo("12:58–13:03");
        assertThat(vm.windowRevenueProperty().get()).isEqualByComparingTo(BigDecimal.valueOf(10 * 9 * 3));
        assertThat(vm.revenueTextProperty().get()).isEqualTo("$270.00");
        assertThat(vm.windowOrdersProperty().get()).isEqualTo(18);
        assertThat(vm.ordersTextProperty().get()).isEqualTo("18");
        // the data began after 12:54 (earliest window 12:50): the base 12:53-12:58 has 3 of its 5 minutes
        assertThat(vm.revenueChangePercentProperty().get()).isNaN();
        assertThat(vm.revenueComparisonProperty().get())
                .isEqualTo("building baseline… (3 min of 5 min in 12:53–12:58)")
                .doesNotContain("%");
        assertThat(vm.regions()).extracting(DashboardRows.RegionBar::region).containsExactly("EU", "US");
        assertThat(vm.regions().get(0).revenue()).isEqualByComparingTo("180");
    }

    @Test
    void aSteadyStreamMovesTheHeadlineLessThanOnePercentFromOneRefreshToTheNext() {
        Instant first = Instant.parse("2026-11-28T12:00:00.400Z");
        vm.setZone(ZoneOffset.UTC);
        List<BigDecimal> shown = new ArrayList<>();
        // one snapshot a second from 11 to 20 minutes after the first sale, 540 refreshes
        for (int second = 660; second < 1200; second++) {
            show(Snapshots.steadyAt(first, first.plusSeconds(second), PRICES));
            shown.add(vm.windowRevenueProperty().get());
        }

        // a complete window holds 300 sales per region: 300 * (3.00 + 1.50 + 2.00 + 0.50 + 2.50 + 1.00)
        assertThat(shown).allSatisfy(r -> assertThat(r).isEqualByComparingTo("3150.00"));
        for (int i = 1; i < shown.size(); i++) {
            BigDecimal move = shown.get(i).subtract(shown.get(i - 1)).abs();
            assertThat(move.doubleValue() / shown.get(i - 1).doubleValue()).isLessThan(0.01);
        }
        assertThat(vm.windowLabelProperty().get()).isEqualTo("12:14–12:19");
        assertThat(vm.windowCaptionProperty().get()).isEqualTo("last complete window 12:14–12:19");
        assertThat(vm.revenueTextProperty().get()).isEqualTo("$3,150.00");
        assertThat(vm.revenueChangePercentProperty().get()).isEqualTo(0.0);
        assertThat(vm.revenueComparisonProperty().get()).isEqualTo("0.0% vs 12:09–12:14");
        assertThat(vm.ordersComparisonProperty().get()).isEqualTo("0.0% vs 12:09–12:14");
    }

    @Test
    void aWindowStillOpenIsMarkedAndNeverComparedBeforeAWholeWindowOfData() {
        Instant first = Instant.parse("2026-11-28T12:00:30Z");
        vm.setZone(ZoneOffset.UTC);

        show(Snapshots.steadyAt(first, first.plusSeconds(160), PRICES));

        assertThat(vm.headlineStateProperty().get()).isEqualTo(HeadlineKpi.State.OPEN);
        assertThat(vm.windowLabelProperty().get()).isEqualTo("11:59–12:04 (open)");
        assertThat(vm.windowCaptionProperty().get()).isEqualTo("window 11:59–12:04, still open");
        // 161 sales per region so far (12:00:30 to 12:03:10 inclusive), 10.50 a second in all
        assertThat(vm.windowRevenueProperty().get()).isEqualByComparingTo("1690.50");
        assertThat(vm.revenueTextProperty().get()).isEqualTo("$1,690.50");
        assertThat(vm.revenueChangePercentProperty().get()).isNaN();
        assertThat(vm.revenueComparisonProperty().get()).isEqualTo("window open · building baseline…");
    }

    @Test
    void comparesOnlyWithABaseThatHasDataForItsWholeSpan() {
        Instant first = Instant.parse("2026-11-28T12:00:30Z");
        vm.setZone(ZoneOffset.UTC);

        // 7 min 40 s of data: complete window 12:03-12:08, its base 11:58-12:03 has data from 12:01 only
        show(Snapshots.steadyAt(first, first.plusSeconds(460), PRICES));
        assertThat(vm.windowLabelProperty().get()).isEqualTo("12:03–12:08");
        assertThat(vm.revenueChangePercentProperty().get()).isNaN();
        assertThat(vm.ordersChangePercentProperty().get()).isNaN();
        assertThat(vm.revenueComparisonProperty().get())
                .isEqualTo("building baseline… (2 min of 5 min in 11:58–12:03)");

        // 10 min 40 s: the base 12:01-12:06 is whole
        show(Snapshots.steadyAt(first, first.plusSeconds(640), PRICES));
        assertThat(vm.windowLabelProperty().get()).isEqualTo("12:06–12:11");
        assertThat(vm.revenueComparisonProperty().get()).isEqualTo("0.0% vs 12:01–12:06");
    }

    @Test
    void showsPlaceholdersNotZerosBeforeTheFirstData() {
        assertThat(vm.revenueTextProperty().get()).isEqualTo("—");
        assertThat(vm.ordersTextProperty().get()).isEqualTo("—");
        assertThat(vm.revenueComparisonProperty().get()).isEqualTo("waiting for data");
        assertThat(vm.latencyTextProperty().get()).isEqualTo("—");
        assertThat(vm.lagTextProperty().get()).isEqualTo("—");
        assertThat(vm.salesFreshnessProperty().get()).isEqualTo(Freshness.WAITING);

        show(Snapshots.live(
                Snapshots.T, Map.of(), "REBALANCING", 0, 0, 0, PipelineSnapshot.LatencySummary.NONE, Map.of(), "USD"));

        assertThat(vm.headlineStateProperty().get()).isEqualTo(HeadlineKpi.State.WAITING);
        assertThat(vm.revenueTextProperty().get()).isEqualTo("—");
        assertThat(vm.revenueComparisonProperty().get()).isEqualTo("waiting for data");
        assertThat(vm.latencyTextProperty().get()).as("no samples: no '-1 ms'").isEqualTo("—");
        assertThat(vm.salesFreshnessProperty().get().text()).isEqualTo("waiting for data");
        assertThat(vm.feedFreshnessProperty().get().text()).isEqualTo("live · 0.0 s");
    }

    @Test
    void formatsEveryFigureInTheUsersLocaleAndTheSnapshotsCurrency() {
        DashboardViewModel german = new DashboardViewModel(
                Optional.of(rates::add), 2000, clock, DisplayFormat.of(Locale.forLanguageTag("de-DE"), "USD"));
        german.setZone(ZoneOffset.UTC);
        Instant first = Instant.parse("2026-11-28T12:00:00Z");
        Instant now = first.plusSeconds(900);
        clock.set(now);
        german.accept(Snapshots.live(
                now,
                Snapshots.steady(first, now, PRICES),
                "RUNNING",
                1329.6,
                1329.6,
                812,
                new PipelineSnapshot.LatencySummary(100, 1250, 4000, 1000),
                Map.of(),
                "EUR"));
        german.pulse();

        assertThat(german.formatProperty().get().currencyCode()).isEqualTo("EUR");
        assertThat(german.revenueTextProperty().get()).isEqualTo("3.150,00 €");
        assertThat(german.ordersTextProperty().get()).isEqualTo("1.800");
        assertThat(german.latencyTextProperty().get()).isEqualTo("1.250 ms");
        assertThat(german.lagRecordsTextProperty().get()).isEqualTo("812");
        assertThat(german.lagTextProperty().get()).isEqualTo("0,6 s behind");
        assertThat(german.generatorRateTextProperty().get()).isEqualTo("target 2.000/s × daily rhythm");
        assertThat(german.csvRows().get(0)).isEqualTo("series,label,region,revenue_EUR");
        assertThat(german.csvRows()).contains("revenue_by_region,12:10-12:15,APAC,450.00");
        assertThat(vm.generatorRateTextProperty().get()).isEqualTo("target 2,000/s × daily rhythm");
    }

    @Test
    void agesTheTilesEveryPulseAndTurnsThemAmberThenRedWhenTheFeedStops() {
        show(Snapshots.of(100, 10)); // newest sale 13:03:20, taken 13:05:00
        assertThat(vm.feedFreshnessProperty().get())
                .isEqualTo(new Freshness(Freshness.Level.LIVE, Duration.ZERO, "live · 0.0 s"));
        assertThat(vm.salesFreshnessProperty().get().text()).isEqualTo("stalled · 1 min");
        assertThat(vm.engagementFreshnessProperty().get().text())
                .as("the newest customer event, 13:00:00")
                .isEqualTo("stalled · 5 min");

        clock.set(Snapshots.T.plusSeconds(304));
        vm.pulse();
        assertThat(vm.feedFreshnessProperty().get().text()).isEqualTo("live · 4.0 s");

        clock.set(Snapshots.T.plusSeconds(300).plus(Freshness.AMBER_AFTER).plusSeconds(1));
        vm.pulse();
        assertThat(vm.feedFreshnessProperty().get())
                .isEqualTo(new Freshness(Freshness.Level.STALE, Duration.ofSeconds(11), "stale · 11 s"));

        vm.setPaused(true);
        clock.set(Snapshots.T.plusSeconds(300).plus(Freshness.RED_AFTER).plusSeconds(1));
        vm.pulse();
        assertThat(vm.feedFreshnessProperty().get())
                .as("paused, what is shown still ages")
                .isEqualTo(new Freshness(Freshness.Level.STALLED, Duration.ofSeconds(61), "stalled · 1 min"));
    }

    @Test
    void showsTheLagAsTimeAndWhileCatchingUpAsAnEtaWithItsTrend() {
        show(Snapshots.live(
                Snapshots.T,
                Map.of(),
                "RUNNING",
                1330,
                1400,
                2310,
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                "USD"));
        assertThat(vm.catchingUpProperty().get()).isFalse();
        assertThat(vm.lagTextProperty().get()).isEqualTo("1.7 s behind");
        assertThat(vm.lagRecordsTextProperty().get()).isEqualTo("2,310");

        show(Snapshots.live(
                Snapshots.T.plusSeconds(1),
                Map.of(),
                "RUNNING",
                1000,
                3000,
                60_000,
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                "USD"));
        assertThat(vm.catchingUpProperty().get()).isTrue();
        // 60,000 records, 2,000 a second gained: 30 s; the backlog is a minute of input
        assertThat(vm.lagTextProperty().get()).isEqualTo("catching up · ETA 30 s (1 min behind)");

        show(Snapshots.live(
                Snapshots.T.plusSeconds(2),
                Map.of(),
                "REBALANCING",
                1000,
                0,
                61_000,
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                "USD"));
        assertThat(vm.lagTextProperty().get()).isEqualTo("catching up · Streams rebalancing (1 min 1 s behind)");

        show(Snapshots.live(
                Snapshots.T.plusSeconds(3),
                Map.of(),
                "RUNNING",
                1000,
                0,
                0,
                PipelineSnapshot.LatencySummary.NONE,
                Map.of(),
                "USD"));
        assertThat(vm.lagTextProperty().get()).isEqualTo("none, up to date");
        assertThat(vm.lagHistory()).containsExactly(2310.0, 60_000.0, 61_000.0, 0.0);
    }

    @Test
    void keepsTheScoreBinsInScoreOrderWhateverTheirCounts() {
        Map<String, Long> scrambled = new LinkedHashMap<>();
        scrambled.put("200+", 9L);
        scrambled.put("20-49", 2L);
        scrambled.put("0-19", 1L);
        scrambled.put("100-199", 40L);
        scrambled.put("50-99", 0L);

        show(Snapshots.live(
                Snapshots.T, Map.of(), "RUNNING", 1, 1, 0, PipelineSnapshot.LatencySummary.NONE, scrambled, "USD"));

        assertThat(vm.scoreDistribution())
                .extracting(DashboardRows.ScoreBucket::label)
                .containsExactly("0-19", "20-49", "50-99", "100-199", "200+");
    }

    @Test
    void freezesWhilePausedAndCatchesUpWithTheNewestOnResume() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();
        vm.setPaused(true);

        vm.accept(Snapshots.of(200, 20));
        vm.pulse();
        assertThat(vm.eventsInProperty().get()).isEqualTo(100);
        assertThat(vm.windowRevenueProperty().get()).isEqualByComparingTo("270");

        vm.accept(Snapshots.of(300, 30));
        vm.setPaused(false);
        vm.pulse();
        assertThat(vm.eventsInProperty().get()).isEqualTo(300);
        assertThat(vm.appliedSnapshotsProperty().get()).isEqualTo(2);
    }

    @Test
    void formatsEveryTimeInTheChosenZone() {
        vm.setZone(ZoneOffset.UTC);
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();
        assertThat(vm.revenueTrend().get(vm.revenueTrend().size() - 1).label()).isEqualTo("12:58");
        assertThat(vm.lastUpdatedProperty().get()).isEqualTo("updated 13:05:00");

        vm.setZone(ZoneId.of("Asia/Kolkata"));

        assertThat(vm.revenueTrend().get(vm.revenueTrend().size() - 1).label()).isEqualTo("18:28");
        assertThat(vm.windowLabelProperty().get()).isEqualTo("18:28–18:33");
        assertThat(vm.lastUpdatedProperty().get()).isEqualTo("updated 18:35:00");
    }

    @Test
    void buildsTheTrendFromEveryWindowUpToTheOneShown() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        assertThat(vm.revenueTrend()).hasSize(9);
        assertThat(vm.revenueTrend())
                .extracting(p -> p.revenue().intValue())
                .containsExactly(30, 60, 90, 120, 150, 180, 210, 240, 270);
    }

    @Test
    void showsRedisDownAndAStreamsErrorAsFailedLights() {
        vm.accept(Snapshots.withRedisDown(Snapshots.of(100, 10)));
        vm.pulse();
        assertThat(vm.redisLightProperty().get().level()).isEqualTo(StatusLight.Level.FAILED);
        assertThat(vm.redisLightProperty().get().text())
                .contains("Redis down")
                .contains("7 waiting")
                .contains("Connection refused");
        assertThat(vm.kafkaLightProperty().get().level()).isEqualTo(StatusLight.Level.OK);

        vm.accept(Snapshots.inState(Snapshots.of(100, 10), "ERROR", "StreamsException: boom"));
        vm.pulse();
        assertThat(vm.kafkaLightProperty().get().level()).isEqualTo(StatusLight.Level.FAILED);
        assertThat(vm.problemProperty().get()).isEqualTo("StreamsException: boom");
        assertThat(vm.historyLightProperty().get().level()).isEqualTo(StatusLight.Level.OFF);
    }

    @Test
    void aRedisServerTheStackRestartsTurnsTheRedisLightRedWithTheReasonUntilItIsReadyAgain() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();
        assertThat(vm.redisLightProperty().get())
                .isEqualTo(new StatusLight(StatusLight.Level.OK, "Redis up, 10 writes"));

        String exited = "exited (code 137) at 14:02:03 UTC; restarting in 0.5 s (attempt 1)";
        vm.onPart(SessionPart.REDIS, PartState.RESTARTING, exited);
        vm.pulse();
        assertThat(vm.redisLightProperty().get())
                .isEqualTo(new StatusLight(StatusLight.Level.FAILED, "Redis down: " + exited));

        vm.onPart(SessionPart.REDIS, PartState.STARTING, "restarting (attempt 1)");
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();
        assertThat(vm.redisLightProperty().get())
                .as("a snapshot meanwhile does not hide the restart")
                .isEqualTo(new StatusLight(StatusLight.Level.WARNING, "Redis restarting (attempt 1)"));

        vm.onPart(SessionPart.REDIS, PartState.READY, "again on 127.0.0.1:6379");
        vm.pulse();
        assertThat(vm.redisLightProperty().get())
                .isEqualTo(new StatusLight(StatusLight.Level.OK, "Redis up, 10 writes"));
        assertThat(vm.historyLightProperty().get().level()).isEqualTo(StatusLight.Level.OFF);
    }

    @Test
    void aBrokerOutageTurnsTheKafkaLightRedWithTheReasonAndMarksTheLagUnknownUntilItClears() {
        String problem = "cannot read offsets from Kafka: TimeoutException: lag unknown since 13:22:01";
        vm.accept(
                Snapshots.withKafkaUnreachable(Snapshots.of(100, 10), Instant.parse("2026-12-01T13:22:01Z"), problem));
        vm.pulse();

        assertThat(vm.kafkaLightProperty().get().level()).isEqualTo(StatusLight.Level.FAILED);
        assertThat(vm.kafkaLightProperty().get().text()).isEqualTo("Kafka unreachable: " + problem);
        assertThat(vm.lagUnknownProperty().get()).isTrue();
        assertThat(vm.lagRecordsProperty().get()).as("the last known lag").isEqualTo(3);

        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        assertThat(vm.kafkaLightProperty().get().level()).isEqualTo(StatusLight.Level.OK);
        assertThat(vm.lagUnknownProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEmpty();
    }

    @Test
    void exportsExactlyTheVisibleSeriesAsCsv() {
        vm.setZone(ZoneOffset.UTC);
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        List<String> rows = vm.csvRows();

        assertThat(rows.get(0)).isEqualTo("series,label,region,revenue_USD");
        assertThat(rows)
                .contains(
                        "revenue_by_region,12:58-13:03,EU,180",
                        "revenue_by_region,12:58-13:03,US,90",
                        "revenue_trend,12:50,ALL,30",
                        "revenue_trend,12:58,ALL,270");
        assertThat(rows).hasSize(1 + 2 + 9);
    }

    @Test
    void passesRateChangesToTheGeneratorOnlyWhenThereIsOne() {
        vm.setGeneratorRate(5000);
        assertThat(rates).containsExactly(5000);
        assertThat(vm.generatorRateProperty().get()).isEqualTo(5000);

        DashboardViewModel remote = new DashboardViewModel(Optional.empty(), 0, clock, US);
        remote.setGeneratorRate(5000);
        assertThat(remote.rateAdjustable()).isFalse();
        assertThat(remote.generatorRateProperty().get()).isZero();
    }

    @Test
    void reportsDeadLettersByReasonAndLateRecords() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        assertThat(vm.deadLettersProperty().get()).isEqualTo(3);
        assertThat(vm.lateRecordsProperty().get()).isEqualTo(2);
        assertThat(vm.deadLetterReasons())
                .containsExactly(
                        new DashboardRows.ReasonCount("LATE", 2), new DashboardRows.ReasonCount("MISSING_FIELD", 1));
        assertThat(vm.scoreDistribution())
                .extracting(DashboardRows.ScoreBucket::customers)
                .containsExactly(5L, 2L, 0L, 0L, 0L);
    }
}
