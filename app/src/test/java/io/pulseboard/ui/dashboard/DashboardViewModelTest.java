package io.pulseboard.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's state without a JavaFX toolkit: properties and lists only. */
class DashboardViewModelTest {

    private final List<Integer> rates = new ArrayList<>();
    private final DashboardViewModel vm = new DashboardViewModel(Optional.of(rates::add), 2000);

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
    void showsTheTrailingWindowWithItsChangeAgainstThePreviousOne() {
        vm.setZone(ZoneOffset.UTC);
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        // trailing window starts at 12:59 (newest event 13:04:20 minus 4 min): minute index 9 of 0..10
        assertThat(vm.windowLabelProperty().get()).isEqualTo("12:59-13:04");
        assertThat(vm.windowRevenueProperty().get()).isEqualByComparingTo(BigDecimal.valueOf(10 * 10 * 3));
        assertThat(vm.windowOrdersProperty().get()).isEqualTo(20);
        // previous window 12:54, minute index 4: revenue 10 * 5 * 3 = 150 -> +100%
        assertThat(vm.revenueChangePercentProperty().get()).isEqualTo(100.0);
        assertThat(vm.regions()).extracting(DashboardRows.RegionBar::region).containsExactly("EU", "US");
        assertThat(vm.regions().get(0).revenue()).isEqualByComparingTo("200");
    }

    @Test
    void freezesWhilePausedAndCatchesUpWithTheNewestOnResume() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();
        vm.setPaused(true);

        vm.accept(Snapshots.of(200, 20));
        vm.pulse();
        assertThat(vm.eventsInProperty().get()).isEqualTo(100);
        assertThat(vm.windowRevenueProperty().get()).isEqualByComparingTo("300");

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
        assertThat(vm.revenueTrend().get(vm.revenueTrend().size() - 1).label()).isEqualTo("12:59");
        assertThat(vm.lastUpdatedProperty().get()).isEqualTo("updated 13:05:00");

        vm.setZone(ZoneId.of("Asia/Kolkata"));

        assertThat(vm.revenueTrend().get(vm.revenueTrend().size() - 1).label()).isEqualTo("18:29");
        assertThat(vm.windowLabelProperty().get()).isEqualTo("18:29-18:34");
        assertThat(vm.lastUpdatedProperty().get()).isEqualTo("updated 18:35:00");
    }

    @Test
    void buildsTheTrendFromEveryWindowUpToTheTrailingOne() {
        vm.accept(Snapshots.of(100, 10));
        vm.pulse();

        assertThat(vm.revenueTrend()).hasSize(10);
        assertThat(vm.revenueTrend())
                .extracting(p -> p.revenue().intValue())
                .containsExactly(30, 60, 90, 120, 150, 180, 210, 240, 270, 300);
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

        assertThat(rows.get(0)).isEqualTo("series,label,region,value");
        assertThat(rows)
                .contains(
                        "revenue_by_region,12:59-13:04,EU,200",
                        "revenue_by_region,12:59-13:04,US,100",
                        "revenue_trend,12:50,ALL,30",
                        "revenue_trend,12:59,ALL,300");
        assertThat(rows).hasSize(1 + 2 + 10);
    }

    @Test
    void passesRateChangesToTheGeneratorOnlyWhenThereIsOne() {
        vm.setGeneratorRate(5000);
        assertThat(rates).containsExactly(5000);
        assertThat(vm.generatorRateProperty().get()).isEqualTo(5000);

        DashboardViewModel remote = new DashboardViewModel(Optional.empty(), 0);
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
