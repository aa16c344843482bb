package io.pulseboard.topology;

import static io.pulseboard.topology.TopologyFixture.saleJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.alert.AlertRule;
import io.pulseboard.alert.AlertRule.Condition;
import io.pulseboard.alert.AlertRule.Metric;
import io.pulseboard.alert.AlertRule.Severity;
import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert rules on the regions' 5-minute sales windows (starts 1 minute apart, grace 30 s), with explicit
 * event times: a window closes once stream time passes its end and the grace.
 */
class AlertTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private TopologyFixture fixture;
    private int sales;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture(TopologyConfig.defaults());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRevenueAboveTheThresholdFiresOnceAtTheSaleThatCrossesIt() {
        fixture.rule(rule("eu-high", Metric.REGION_REVENUE, "EU", Condition.ABOVE, "100", "100", 1));

        sale("EU", T0.plusSeconds(10), "60.00");
        sale("US", T0.plusSeconds(11), "500.00");
        assertThat(fixture.alertEvents()).isEmpty();

        sale("EU", T0.plusSeconds(20), "50.00");
        List<AlertEvent> fired = fixture.alertEvents();

        // The sale is in five windows, starting 09:56 to 10:00; all five breach, one alert fires.
        assertThat(fired).hasSize(1);
        AlertEvent alert = fired.get(0);
        assertThat(alert.state()).isEqualTo(AlertEvent.State.FIRING);
        assertThat(alert.alertId()).isEqualTo("eu-high|EU|2026-11-28T09:56:00Z");
        assertThat(alert.value()).isEqualByComparingTo("110.00");
        assertThat(alert.threshold()).isEqualByComparingTo("100");
        assertThat(alert.eventTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.message())
                .isEqualTo("EU revenue 110.00 above 100.00 in 1 window(s) of 5 minutes (eu-high rule)");

        sale("EU", T0.plusSeconds(30), "500.00");
        assertThat(fixture.alertEvents()).as("already firing: no second alert").isEmpty();
    }

    @Test
    void fourConsecutiveWindowsAreNeededWhenTheRuleSaysFourAndThreeSufficeForThree() {
        fixture.rule(rule("three", Metric.REGION_REVENUE, "EU", Condition.ABOVE, "100", "100", 3));
        fixture.rule(rule("four", Metric.REGION_REVENUE, "EU", Condition.ABOVE, "100", "100", 4));

        // 60 at 10:00 and 60 at 10:02: only the windows starting 09:58, 09:59 and 10:00 hold both (120).
        sale("EU", T0.plusSeconds(1), "60.00");
        sale("EU", T0.plusSeconds(121), "60.00");
        sale("EU", T0.plusSeconds(600), "1.00"); // stream time on: every window of the two closes

        List<AlertEvent> events = fixture.alertEvents();
        assertThat(events)
                .extracting(AlertEvent::alertId, AlertEvent::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("three|EU|2026-11-28T09:58:00Z", AlertEvent.State.FIRING),
                        org.assertj.core.groups.Tuple.tuple(
                                "three|EU|2026-11-28T09:58:00Z", AlertEvent.State.RESOLVED));
        assertThat(events.get(1).windowStart())
                .as("resolved by the first closed window after the run, 10:01 (60.00)")
                .isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(events.get(1).value()).isEqualByComparingTo("60.00");
    }

    @Test
    void aValueHoveringBetweenTheReArmLevelAndTheThresholdNeitherResolvesNorFiresAgain() {
        fixture.rule(rule("hover", Metric.REGION_ORDERS, "EU", Condition.ABOVE, "3", "1", 1));

        // Four orders at 10:00: the windows 09:56-10:00 hold 4 (fire). Then one order every other
        // minute from 10:05 to 10:19: each later window holds 1 to 3 orders, between the re-arm level
        // (fewer than 1 resolves) and the threshold (more than 3 fires).
        for (int i = 0; i < 4; i++) {
            sale("EU", T0.plusSeconds(i), "1.00");
        }
        for (int minute = 5; minute < 20; minute += 2) {
            sale("EU", T0.plusSeconds(minute * 60L), "1.00");
        }
        assertThat(fixture.salesWindows().values().stream()
                        .filter(w -> w.windowStart().isAfter(T0))
                        .map(SalesWindowMetric::count))
                .as("the windows after the burst")
                .allMatch(count -> count >= 1 && count <= 3);
        List<AlertEvent> events = fixture.alertEvents();
        assertThat(events).extracting(AlertEvent::state).containsExactly(AlertEvent.State.FIRING);

        // Silence until 10:40: the windows after the last sales close with 0 orders: resolved, once.
        sale("US", T0.plusSeconds(40 * 60), "1.00");
        sale("EU", T0.plusSeconds(40 * 60), "1.00");
        List<AlertEvent> after = fixture.alertEvents();
        assertThat(after).extracting(AlertEvent::state).containsExactly(AlertEvent.State.RESOLVED);
        assertThat(after.get(0).alertId()).isEqualTo(events.get(0).alertId());

        // A new burst is a new episode with its own id.
        for (int i = 0; i < 4; i++) {
            sale("EU", T0.plusSeconds(45 * 60 + i), "1.00");
        }
        List<AlertEvent> again = fixture.alertEvents();
        assertThat(again).extracting(AlertEvent::state).containsExactly(AlertEvent.State.FIRING);
        assertThat(again.get(0).alertId()).isNotEqualTo(events.get(0).alertId());
    }

    @Test
    void aRevenueBelowTheThresholdFiresOnlyWhenItsWindowCloses() {
        fixture.rule(rule("eu-low", Metric.REGION_REVENUE, AlertRule.ALL_REGIONS, Condition.BELOW, "50", "50", 1));

        sale("EU", T0.plusSeconds(5), "10.00");
        sale("EU", T0.plusSeconds(60), "10.00");
        assertThat(fixture.alertEvents())
                .as("open windows are not judged below")
                .isEmpty();

        // 10:05:31 closes the window 09:56-10:01 (10.00, below 50): fires for EU.
        sale("EU", T0.plusSeconds(331), "100.00");
        List<AlertEvent> fired = fixture.alertEvents();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).state()).isEqualTo(AlertEvent.State.FIRING);
        assertThat(fired.get(0).alertId()).isEqualTo("eu-low|EU|2026-11-28T09:56:00Z");
        assertThat(fired.get(0).windowEnd()).isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(fired.get(0).value()).isEqualByComparingTo("10.00");
    }

    @Test
    void aRemovedRulesFiringAlertResolves() {
        fixture.rule(rule("gone", Metric.REGION_UNITS, "EU", Condition.ABOVE, "0", "0", 1));
        sale("EU", T0.plusSeconds(5), "1.00");
        assertThat(fixture.alertEvents()).extracting(AlertEvent::state).containsExactly(AlertEvent.State.FIRING);

        fixture.removeRule("gone");
        sale("EU", T0.plusSeconds(7), "1.00");

        List<AlertEvent> resolved = fixture.alertEvents();
        assertThat(resolved).extracting(AlertEvent::state).containsExactly(AlertEvent.State.RESOLVED);
        assertThat(resolved.get(0).message())
                .isEqualTo("EU: rule gone was removed, disabled or no longer covers the region");
    }

    private void sale(String region, Instant at, String amount) {
        fixture.sale(saleJson("s" + (++sales), at, region, 1, amount), at.plus(Duration.ofMillis(1)));
    }

    private static AlertRule rule(
            String id, Metric metric, String scope, Condition condition, String threshold, String rearm, int n) {
        return new AlertRule(
                id,
                id + " rule",
                metric,
                scope,
                condition,
                new BigDecimal(threshold),
                new BigDecimal(rearm),
                n,
                Severity.WARNING,
                true);
    }
}
