package io.pulseboard.ui.alerts;

import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.postgres.AlertLog;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.fx.SceneShots;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Alerts screen headless (Monocle) at 1280x720 over a log held in memory: open alerts first,
 * Acknowledge enabled for a firing one only, an acknowledgement with its note sent and shown.
 */
class AlertsViewUiIT {

    private static final Path SHOTS = Path.of("target", "ui-shots").toAbsolutePath();
    private static final Instant AT = Instant.parse("2026-12-02T13:45:00Z");

    private final FakeAlertSource source = new FakeAlertSource(List.of(
            alert(
                    "na|NA-EAST|1",
                    LoggedAlert.State.FIRING,
                    "NA-EAST",
                    "NA-EAST orders 1,204 above 1,000 in 1 window(s)"),
            alert("eu|EU-WEST|1", LoggedAlert.State.RESOLVED, "EU-WEST", "EU-WEST revenue 80.00 below 100.00")));
    private final FxRobot robot = new FxRobot();

    @Test
    void listsOpenAlertsFirstAndAcknowledgesTheSelectedFiringOneWithItsNote() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        source.onAcknowledge = (id, note) -> {
            source.log = List.of(acknowledged(source.log.get(0), note), source.log.get(1));
            return AlertLog.Outcome.ACKNOWLEDGED;
        };
        AlertsView view = onFx(() -> {
            AlertsViewModel vm = new AlertsViewModel(
                    source,
                    DisplayFormat.of(Locale.US, "USD"),
                    Clock.fixed(AT.plusSeconds(30), ZoneOffset.UTC),
                    Runnable::run,
                    javafx.application.Platform::runLater);
            vm.zoneProperty().set(ZoneOffset.UTC);
            AlertsView v = new AlertsView(vm, () -> {});
            Scene scene = new Scene(v.root(), 1280, 720);
            scene.getStylesheets()
                    .add(AlertsView.class.getResource("/io/pulseboard/app.css").toExternalForm());
            v.root().getStyleClass().add(Theme.DARK.styleClass());
            stage.setScene(scene);
            stage.show();
            v.start();
            return v;
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            assertThat(onFx(() ->
                            robot.lookup("#alertsSummary").queryAs(Label.class).getText()))
                    .isEqualTo("1 firing · 0 acknowledged · 1 resolved; read 2026-12-02 13:45:30");
            assertThat(onFx(() -> robot.lookup("#acknowledgeButton")
                            .queryAs(Button.class)
                            .isDisabled()))
                    .as("nothing selected")
                    .isTrue();
            assertThat(onFx(() -> view.select("na|NA-EAST|1"))).isPresent();
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(onFx(() -> robot.lookup("#acknowledgeButton")
                            .queryAs(Button.class)
                            .isDisabled()))
                    .isFalse();
            robot.clickOn("#acknowledgeNote").write("checking the NA-EAST feed");
            robot.clickOn("#acknowledgeButton");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(source.sent).containsExactly("na|NA-EAST|1: checking the NA-EAST feed");
            org.testfx.util.WaitForAsyncUtils.waitFor(
                    10,
                    java.util.concurrent.TimeUnit.SECONDS,
                    () -> onFx(() -> robot.lookup("#alertsSummary")
                                    .queryAs(Label.class)
                                    .getText())
                            .startsWith("0 firing · 1 acknowledged"));
            assertThat(onFx(() ->
                            robot.lookup("#alertsMessage").queryAs(Label.class).getText()))
                    .isEqualTo("Acknowledged rule na in NA-EAST as ana");
            @SuppressWarnings("unchecked")
            TableView<LoggedAlert> table = onFx(
                    () -> (TableView<LoggedAlert>) robot.lookup("#alertsTable").query());
            assertThat(onFx(() -> table.getItems().stream()
                            .map(a -> a.state() + " " + a.region())
                            .toList()))
                    .containsExactly("ACKNOWLEDGED NA-EAST", "RESOLVED EU-WEST");
            onFx(() -> SceneShots.write(stage.getScene(), SHOTS.resolve("alerts-dark.png")));
        } finally {
            onFx(() -> {
                view.stop();
                stage.hide();
                return null;
            });
        }
    }

    private static LoggedAlert alert(String id, LoggedAlert.State state, String region, String message) {
        boolean resolved = state == LoggedAlert.State.RESOLVED;
        String rule = id.substring(0, id.indexOf('|'));
        return new LoggedAlert(
                id,
                rule,
                "rule " + rule,
                region,
                Optional.of(resolved ? AlertRule.Severity.WARNING : AlertRule.Severity.CRITICAL),
                state,
                message,
                AT,
                Optional.of(new BigDecimal(resolved ? "80.00" : "1204")),
                Optional.of(new BigDecimal(resolved ? "100.00" : "1000")),
                resolved ? Optional.of(AT.plusSeconds(20)) : Optional.empty(),
                resolved ? Optional.of(new BigDecimal("120.00")) : Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "");
    }

    private static LoggedAlert acknowledged(LoggedAlert a, String note) {
        return new LoggedAlert(
                a.alertId(),
                a.ruleId(),
                a.ruleName(),
                a.region(),
                a.severity(),
                LoggedAlert.State.ACKNOWLEDGED,
                a.message(),
                a.firedAt(),
                a.firedValue(),
                a.threshold(),
                a.resolvedAt(),
                a.resolvedValue(),
                Optional.of("ana"),
                Optional.of(AT.plusSeconds(25)),
                note);
    }
}
