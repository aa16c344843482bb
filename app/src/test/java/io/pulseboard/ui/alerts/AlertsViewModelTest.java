package io.pulseboard.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.postgres.AlertLog;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alerts screen's rules: filters, the summary, acknowledgements and the CSV. */
class AlertsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-02T14:05:00Z");

    @TempDir
    Path temp;

    private final FakeAlertSource source = new FakeAlertSource(List.of(
            alert("a|NA-EAST|1", LoggedAlert.State.FIRING, "NA-EAST", "NA-EAST orders 1,204 above 1,000", ""),
            alert("b|EU-WEST|1", LoggedAlert.State.ACKNOWLEDGED, "EU-WEST", "EU-WEST revenue \"low\"", "on it, ana"),
            alert("c|APAC|1", LoggedAlert.State.RESOLVED, "APAC", "APAC units 3 below 10", "")));

    private AlertsViewModel model() {
        AlertsViewModel vm = new AlertsViewModel(
                source,
                DisplayFormat.of(Locale.US, "USD"),
                Clock.fixed(NOW, ZoneOffset.UTC),
                Runnable::run,
                Runnable::run);
        vm.zoneProperty().set(ZoneOffset.UTC);
        vm.refresh();
        return vm;
    }

    @Test
    void countsEachStateAndFiltersByStateAndText() {
        AlertsViewModel vm = model();
        assertThat(vm.summaryProperty().get())
                .isEqualTo("1 firing · 1 acknowledged · 1 resolved; read 2026-12-02 14:05:00");
        vm.filterProperty().set(AlertsViewModel.StateFilter.OPEN);
        assertThat(vm.shown()).extracting(LoggedAlert::alertId).containsExactly("a|NA-EAST|1", "b|EU-WEST|1");
        assertThat(vm.summaryProperty().get()).contains("; 2 listed;");
        vm.filterProperty().set(AlertsViewModel.StateFilter.RESOLVED);
        assertThat(vm.shown()).extracting(LoggedAlert::alertId).containsExactly("c|APAC|1");
        vm.filterProperty().set(AlertsViewModel.StateFilter.ALL);
        vm.searchProperty().set("  eu-west ");
        assertThat(vm.shown()).extracting(LoggedAlert::alertId).containsExactly("b|EU-WEST|1");
        vm.searchProperty().set("ANA");
        assertThat(vm.shown())
                .as("the acknowledgement's author and note are searched too")
                .extracting(LoggedAlert::alertId)
                .containsExactly("b|EU-WEST|1");
    }

    @Test
    void acknowledgesOnlyAFiringAlertAndSaysWhyNotOtherwise() throws Exception {
        AlertsViewModel vm = model();
        LoggedAlert firing = vm.shown().get(0);
        assertThat(vm.acknowledgeRefusal(firing)).isEmpty();
        assertThat(vm.acknowledgeRefusal(vm.shown().get(1))).contains("Already acknowledged by ana");
        assertThat(vm.acknowledgeRefusal(vm.shown().get(2))).contains("Resolved alerts need no acknowledgement");
        assertThat(vm.acknowledgeRefusal(null)).contains("Select a firing alert to acknowledge it");

        assertThat(vm.acknowledge(firing, "looking").get(5, TimeUnit.SECONDS))
                .isEqualTo("Acknowledged rule a in NA-EAST as ana");
        assertThat(source.sent).containsExactly("a|NA-EAST|1: looking");
        source.onAcknowledge = (id, note) -> AlertLog.Outcome.ALREADY_RESOLVED;
        assertThat(vm.acknowledge(firing, "").get(5, TimeUnit.SECONDS))
                .isEqualTo("It resolved before the acknowledgement arrived");

        source.readOnly = Optional.of("no alert log");
        assertThat(vm.acknowledgeRefusal(firing)).contains("no alert log");
        assertThat(vm.acknowledge(firing, "x").get(5, TimeUnit.SECONDS)).isEqualTo("no alert log");
        assertThat(source.sent).as("nothing sent when read-only").hasSize(2);
    }

    @Test
    void aFailedReadKeepsTheRowsAndSaysWhy() {
        AlertsViewModel vm = model();
        AlertSource failing = new AlertSource() {
            @Override
            public CompletableFuture<List<LoggedAlert>> recent() {
                return CompletableFuture.failedFuture(new IllegalStateException("PostgreSQL at jdbc:x: refused"));
            }

            @Override
            public CompletableFuture<AlertLog.Outcome> acknowledge(String alertId, String note) {
                throw new AssertionError();
            }

            @Override
            public Optional<String> readOnlyReason() {
                return Optional.empty();
            }

            @Override
            public String user() {
                return "ana";
            }
        };
        AlertsViewModel broken = new AlertsViewModel(
                failing, DisplayFormat.of(Locale.US, "USD"), Clock.systemUTC(), Runnable::run, Runnable::run);
        broken.refresh();
        assertThat(broken.errorProperty().get()).isEqualTo("Cannot read the alerts: PostgreSQL at jdbc:x: refused");
        assertThat(vm.errorProperty().get()).isEmpty();
        source.log = List.of();
        vm.refresh();
        assertThat(vm.shown()).isEmpty();
    }

    @Test
    void exportsTheListedAlertsAsCsvWithFreeTextQuoted() throws Exception {
        AlertsViewModel vm = model();
        vm.filterProperty().set(AlertsViewModel.StateFilter.OPEN);
        Path file = temp.resolve("alerts.csv");
        vm.exportCsv(file).get(5, TimeUnit.SECONDS);
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "alert_id,state,severity,region,rule_id,rule_name,message,fired_at,fired_value,threshold,"
                                + "resolved_at,resolved_value,acknowledged_by,acknowledged_at,note",
                        "a|NA-EAST|1,FIRING,CRITICAL,NA-EAST,a,rule a,\"NA-EAST orders 1,204 above 1,000\","
                                + "2026-12-02T14:00:00Z,1204,1000,,,,,",
                        "b|EU-WEST|1,ACKNOWLEDGED,CRITICAL,EU-WEST,b,rule b,\"EU-WEST revenue \"\"low\"\"\","
                                + "2026-12-02T14:00:00Z,1204,1000,,,ana,2026-12-02T14:02:00Z,\"on it, ana\"");
        assertThat(vm.messageProperty().get()).isEqualTo("Exported 2 alert(s) to " + file);
        assertThat(vm.value(new BigDecimal("1204"))).isEqualTo("1,204");
        assertThat(vm.value(new BigDecimal("12400.50"))).isEqualTo("12,400.50");
    }

    private static LoggedAlert alert(String id, LoggedAlert.State state, String region, String message, String note) {
        boolean acknowledged = state == LoggedAlert.State.ACKNOWLEDGED;
        boolean resolved = state == LoggedAlert.State.RESOLVED;
        String rule = id.substring(0, id.indexOf('|'));
        return new LoggedAlert(
                id,
                rule,
                "rule " + rule,
                region,
                Optional.of(AlertRule.Severity.CRITICAL),
                state,
                message,
                Instant.parse("2026-12-02T14:00:00Z"),
                Optional.of(new BigDecimal("1204")),
                Optional.of(new BigDecimal("1000")),
                resolved ? Optional.of(Instant.parse("2026-12-02T14:04:00Z")) : Optional.empty(),
                resolved ? Optional.of(new BigDecimal("3")) : Optional.empty(),
                acknowledged ? Optional.of("ana") : Optional.empty(),
                acknowledged ? Optional.of(Instant.parse("2026-12-02T14:02:00Z")) : Optional.empty(),
                note);
    }
}
