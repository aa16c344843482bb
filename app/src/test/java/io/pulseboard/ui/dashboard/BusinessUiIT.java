package io.pulseboard.ui.dashboard;

import static io.pulseboard.ui.FxWait.await;
import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.alert.AlertRule;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.fx.SceneShots;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The business page, the region drill-down and the target editor, headless (Monocle) at 1280x720 in
 * en-US, fed by hand with a snapshot at 13:45:30 UTC and a fake {@link TargetEditor} whose writes the
 * test completes. Pictures for a look (not compared): target/ui-shots/business-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessUiIT {

    private static final Instant FIRST = Instant.parse("2026-11-28T12:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-28T13:45:30Z");
    private static final Path SHOTS = Path.of("target", "ui-shots").toAbsolutePath();

    /** One write the fake port was asked for; the test completes it. */
    private record Write(String region, BigDecimal perHour, BigDecimal perDay, CompletableFuture<Void> done) {}

    private static final List<Write> writes = new CopyOnWriteArrayList<>();
    private static final MovingClock clock = new MovingClock(NOW);
    private static DashboardViewModel vm;
    private static DashboardView view;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();
    /** How often the dashboard asked for the Alerts screen. */
    private static final java.util.concurrent.atomic.AtomicInteger alertsOpened =
            new java.util.concurrent.atomic.AtomicInteger();

    @BeforeAll
    static void show() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        TargetEditor fake = (region, perHour, perDay) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            writes.add(new Write(region, perHour, perDay, done));
            return done;
        };
        view = onFx(() -> {
            vm = new DashboardViewModel(
                    Optional.empty(),
                    0,
                    clock,
                    io.pulseboard.ui.format.DisplayFormat.of(Locale.US, "USD"),
                    Optional.of(fake),
                    javafx.application.Platform::runLater);
            vm.setZone(ZoneOffset.UTC);
            DashboardView v =
                    new DashboardView(vm, "test", Runnable::run, () -> {}, () -> {}, alertsOpened::incrementAndGet);
            Scene scene = new Scene(v.root(), 1280, 720);
            scene.getStylesheets()
                    .add(DashboardView.class
                            .getResource("/io/pulseboard/app.css")
                            .toExternalForm());
            v.root().getStyleClass().add(Theme.DARK.styleClass());
            v.applyTheme(Theme.DARK);
            stage.setScene(scene);
            stage.show();
            v.start();
            return v;
        });
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("APAC", new BigDecimal("1.50"));
        prices.put("EU-WEST", new BigDecimal("2.00"));
        prices.put("LATAM", new BigDecimal("0.50"));
        prices.put("NA-EAST", new BigDecimal("3.00"));
        prices.put("EU-CENTRAL", new BigDecimal("1.00"));
        prices.put("NA-WEST", new BigDecimal("2.50"));
        PipelineSnapshot live = Snapshots.steadyAt(FIRST, NOW, prices);
        // the trailing window 13:41-13:46, newest sale 13:45:20: 42 minutes after the fixture's
        vm.accept(
                Snapshots.withBusiness(live, NOW, Businesses.sample(Businesses.referenceUp(), Duration.ofMinutes(42))));
        await(
                Duration.ofSeconds(10),
                () -> onFx(() -> vm.appliedSnapshotsProperty().get() == 1),
                "applied");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void hide() throws Exception {
        onFx(() -> {
            view.stop();
            stage.hide();
            return null;
        });
    }

    private String text(String id) throws Exception {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private boolean visible(String id) throws Exception {
        return onFx(() -> {
            Node node = robot.lookup(id).query();
            return node != null && node.isVisible() && node.getScene() != null;
        });
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> SceneShots.write(stage.getScene(), SHOTS.resolve(name)));
    }

    @Test
    @Order(1)
    void showsTargetsCategoriesAndChannelsOnTheBusinessPageAndThePostgresqlLightOnTheLivePage() throws Exception {
        assertThat(text("#referenceLightState")).isEqualTo("OK");
        assertThat(visible("#referenceLight")).isTrue();

        robot.push(KeyCode.CONTROL, KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.BUSINESS);
        // 13:45:30: 45.5 of 60 minutes gone, 10,000 * 45.5 / 60 = 7,583.33 expected
        assertThat(text("#targetHour-EU-WEST-amount")).isEqualTo("$8,412.00 of $10,000.00");
        assertThat(text("#targetHour-EU-WEST-percent")).isEqualTo("84.1%");
        assertThat(text("#targetHour-EU-WEST-detail")).isEqualTo("13:00–14:00 · on pace ($7,583.33 expected by 13:45)");
        assertThat(text("#targetHour-APAC-detail")).isEqualTo("13:00–14:00 · behind: $3,791.67 expected by 13:45");
        assertThat(onFx(() -> robot.lookup("#targetHour-APAC-percent")
                        .query()
                        .getParent()
                        .getParent()
                        .getStyleClass()))
                .contains("pace-behind");
        assertThat(text("#targetDay-EU-WEST-amount")).isEqualTo("$120,000.00 of $240,000.00");
        assertThat(text("#targetDay-EU-WEST-percent")).isEqualTo("50.0%");
        assertThat(text("#targetHour-LATAM-detail"))
                .isEqualTo("13:00–14:00 · no target: region not in the reference data");
        assertThat(text("#targetHour-NA-EAST-amount")).isEqualTo("no sales this hour yet");
        assertThat(onFx(() -> view.categoryBars().stream()
                        .map(b -> b.name() + "=" + b.text())
                        .toList()))
                .containsExactly("Apparel=$30.00", "Books=$20.00", "Electronics=$150.15", "(unlisted product)=$5.00");
        assertThat(onFx(() -> view.channelBars().stream()
                        .map(b -> b.name() + "=" + b.text())
                        .toList()))
                .containsExactly("mobile=$25.00", "store=$30.00", "web=$150.15");
        assertThat(text("#categoriesFreshness")).isEqualTo("live · 10 s");
        shot("business-dark.png");
    }

    @Test
    @Order(2)
    void drillsIntoARegionFromItsTargetAndGoesBackWithEscape() throws Exception {
        robot.clickOn("#target-EU-WEST");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.REGION);
        assertThat(text("#drillTitle")).isEqualTo("EU-WEST");
        assertThat(text("#drillCaption")).isEqualTo("Last 5 min 13:41–13:46 (open), in USD · Esc to go back");
        assertThat(text("#drillHour-percent")).isEqualTo("84.1%");
        assertThat(text("#drillDay-detail")).isEqualTo("2026-11-28 (UTC day) · behind: $137,583.33 expected by 13:45");
        assertThat(onFx(() -> view.drillCategoryBars().stream()
                        .map(b -> b.name() + "=" + b.text())
                        .toList()))
                .containsExactly("Books=$20.00", "Electronics=$100.10");
        assertThat(onFx(() -> view.drillChannelBars().stream()
                        .map(b -> b.name() + "=" + b.text())
                        .toList()))
                .containsExactly("store=$30.00", "web=$90.10");
        assertThat(text("#drillProduct-P-0007")).isEqualTo("$70.10");
        assertThat(text("#drillProduct-P-0012")).isEqualTo("$20.00");
        assertThat(onFx(() ->
                        robot.lookup("#perHourField").queryAs(TextField.class).getText()))
                .isEqualTo("10,000.00");
        shot("business-drill-dark.png");

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.BUSINESS);

        // The region picker: every region of the figures, by name.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> picker =
                robot.lookup("#regionPicker").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(onFx(() -> List.copyOf(picker.getItems())))
                .containsExactly("APAC", "EU-CENTRAL", "EU-WEST", "LATAM", "NA-EAST", "NA-WEST");
        onFx(() -> {
            picker.getSelectionModel().select("LATAM");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#drillTitle")).isEqualTo("LATAM");
        assertThat(text("#drillHour-detail")).isEqualTo("13:00–14:00 · no target: region not in the reference data");
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.BUSINESS);
        assertThat(onFx(picker::getValue)).isNull();

        // From the live page: a click on a region's bar in "Sales by region"; Esc returns there.
        robot.push(KeyCode.CONTROL, KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.LIVE);
        robot.clickOn("#regionBars-APAC");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.REGION);
        assertThat(text("#drillTitle")).isEqualTo("APAC");
        assertThat(text("#drillProduct-P-0001")).isEqualTo("$85.05");
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.LIVE);
    }

    @Test
    @Order(3)
    void editsARegionsTargetsWithValidationProgressAndTheOutcome() throws Exception {
        onFx(() -> {
            view.editTargets("EU-WEST");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#perHourField").query().isFocused()))
                .isTrue();

        robot.write("-5");
        robot.clickOn("#saveTargets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#perHourError")).isEqualTo("Target per hour must not be negative: '-5'");
        assertThat(visible("#perHourError")).isTrue();
        assertThat(writes).isEmpty();
        shot("business-edit-invalid-dark.png");

        onFx(() -> {
            robot.lookup("#perHourField").queryAs(TextField.class).setText("12,500.50");
            robot.lookup("#perDayField").queryAs(TextField.class).setText("300000");
            return null;
        });
        robot.clickOn("#saveTargets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).region()).isEqualTo("EU-WEST");
        assertThat(writes.get(0).perHour()).isEqualTo(new BigDecimal("12500.50"));
        assertThat(writes.get(0).perDay()).isEqualTo(new BigDecimal("300000"));
        assertThat(text("#targetStatus")).isEqualTo("Saving the targets of EU-WEST…");
        assertThat(visible("#savingTargets")).isTrue();
        assertThat(onFx(() -> robot.lookup("#saveTargets").query().isDisabled()))
                .isTrue();
        assertThat(visible("#perHourError")).isFalse();

        writes.get(0).done().complete(null);
        await(
                Duration.ofSeconds(5),
                () -> text("#targetStatus").equals("Saved; the tile follows within seconds"),
                "saved");
        assertThat(visible("#savingTargets")).isFalse();
        shot("business-edit-saved-dark.png");

        robot.clickOn("#saveTargets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(writes).hasSize(2);
        writes.get(1)
                .done()
                .completeExceptionally(new IllegalStateException("Region EU-WEST is not in the reference data"));
        await(
                Duration.ofSeconds(5),
                () -> text("#targetStatus")
                        .equals("Saving the targets of EU-WEST failed: Region EU-WEST is not in the reference data"),
                "failure shown");
        assertThat(onFx(() -> robot.lookup("#saveTargets").query().isDisabled()))
                .isFalse();
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.LIVE);
    }

    @Test
    @Order(4)
    void withoutAReferenceDatabaseTheEditorIsDisabledAndSaysWhy() throws Exception {
        DashboardViewModel viewer = onFx(() -> new DashboardViewModel(
                Optional.empty(), 0, clock, io.pulseboard.ui.format.DisplayFormat.of(Locale.US, "USD")));
        DashboardView other = onFx(() -> {
            DashboardView v = new DashboardView(viewer, "viewer", Runnable::run, () -> {}, () -> {}, () -> {});
            v.root().getStyleClass().add(Theme.LIGHT.styleClass());
            v.applyTheme(Theme.LIGHT);
            stage.getScene().setRoot(v.root());
            return v;
        });
        onFx(() -> {
            viewer.setZone(ZoneOffset.UTC);
            viewer.accept(vm.shownSnapshot().orElseThrow());
            viewer.pulse();
            other.openRegion("APAC");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text("#targetsUnavailable"))
                .isEqualTo("Editing targets needs the PostgreSQL reference database, and this session has none"
                        + " (a viewer, or a remote profile without PostgreSQL)");
        assertThat(onFx(() -> robot.lookup("#perHourField").query().isDisabled()))
                .isTrue();
        assertThat(onFx(() -> robot.lookup("#saveTargets").query().isDisabled()))
                .isTrue();
        shot("business-drill-viewer-light.png");
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(other::page)).isEqualTo(DashboardView.Page.LIVE);
        assertThat(text("#referenceLightState")).isEqualTo("OK");
        shot("business-live-light.png");
        onFx(() -> {
            other.toggleBusiness();
            return null;
        });
        assertThat(onFx(other::page)).isEqualTo(DashboardView.Page.BUSINESS);
        shot("business-light.png");
        onFx(() -> {
            stage.getScene().setRoot(view.root());
            return null;
        });
    }

    @Test
    @Order(5)
    void aNewFiringAlertIsAnnouncedBadgedOnTheRegionTileAndListedFirstOnTheBusinessPage() throws Exception {
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.LIVE);
        assertThat(onFx(view::regionsAlertBadgeText))
                .as("no badge before an alert")
                .isEmpty();
        assertThat(onFx(view::alertToastShowing))
                .as("the first snapshot's alerts are not news")
                .isFalse();
        long applied = onFx(() -> vm.appliedSnapshotsProperty().get());
        AlertEvent resolved = alert(
                "eu-low|EU-WEST|2026-11-28T13:20:00Z",
                AlertEvent.State.RESOLVED,
                AlertRule.Severity.WARNING,
                "EU-WEST",
                "EU-WEST revenue back to 120.00 (above 100.00) (EU-WEST revenue low)",
                NOW.minusSeconds(900));
        AlertEvent firing = alert(
                "na-busy|NA-EAST|2026-11-28T13:41:00Z",
                AlertEvent.State.FIRING,
                AlertRule.Severity.CRITICAL,
                "NA-EAST",
                "NA-EAST orders 1,204 above 1,000 in 1 window(s) of 5 minutes (NA-EAST busy)",
                NOW.minusSeconds(10));
        PipelineSnapshot shown = onFx(() -> vm.shownSnapshot().orElseThrow());
        onFx(() -> {
            vm.accept(Snapshots.withBusiness(shown, NOW, shown.business().withAlerts(List.of(resolved, firing))));
            return null;
        });
        await(
                Duration.ofSeconds(10),
                () -> onFx(() -> vm.appliedSnapshotsProperty().get() > applied),
                "applied");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(view::alertToastShowing)).isTrue();
        assertThat(onFx(() ->
                        robot.lookup(".alert-toast-text").queryAs(Label.class).getText()))
                .isEqualTo("Alert: CRITICAL NA-EAST orders 1,204 above 1,000 in 1 window(s) of 5 minutes (NA-EAST"
                        + " busy) (firing since 13:45). Click to open the alerts.");
        assertThat(onFx(view::regionsAlertBadgeText))
                .as("the region tile's badge names the firing region only, not the resolved one")
                .isEqualTo("Alert firing: NA-EAST");
        assertThat(onFx(view::alertingRegionBars)).containsExactly("NA-EAST");
        assertThat(onFx(() ->
                        robot.lookup("#regionsAlertBadge").queryAs(Label.class).getStyle()))
                .as("in the critical colour")
                .contains("#e74c3c");
        shot("alert-toast-dark.png");

        int opened = alertsOpened.get();
        robot.clickOn("#alertToast");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(alertsOpened.get())
                .as("the notification opens the Alerts screen")
                .isEqualTo(opened + 1);
        assertThat(onFx(view::alertToastShowing)).isFalse();
        robot.clickOn("#regionsAlertBadge");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(alertsOpened.get()).as("so does the badge").isEqualTo(opened + 2);

        robot.push(KeyCode.CONTROL, KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::page)).isEqualTo(DashboardView.Page.BUSINESS);
        assertThat(onFx(() -> view.alertRows().stream()
                        .map(r -> (r.firing() ? "firing " : "resolved ") + r.region() + " " + r.when())
                        .toList()))
                .as("firing first")
                .containsExactly("firing NA-EAST firing since 13:45", "resolved EU-WEST resolved 13:30");
        assertThat(onFx(() -> robot.lookup("#alertsTile")
                        .queryAs(eu.hansolo.tilesfx.Tile.class)
                        .getTitle()))
                .isEqualTo("Alerts, 1 firing");
        shot("business-alerts-dark.png");

        long again = onFx(() -> vm.appliedSnapshotsProperty().get());
        onFx(() -> {
            vm.accept(Snapshots.withBusiness(
                    shown, NOW.plusSeconds(1), shown.business().withAlerts(List.of(resolved, firing))));
            return null;
        });
        await(
                Duration.ofSeconds(10),
                () -> onFx(() -> vm.appliedSnapshotsProperty().get() > again),
                "applied again");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(view::alertToastShowing))
                .as("an alert is announced once")
                .isFalse();
        robot.push(KeyCode.CONTROL, KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static AlertEvent alert(
            String id, AlertEvent.State state, AlertRule.Severity severity, String region, String message, Instant at) {
        return new AlertEvent(
                id,
                state,
                id.substring(0, id.indexOf('|')),
                "rule",
                severity,
                AlertRule.Metric.REGION_ORDERS,
                region,
                AlertRule.Condition.ABOVE,
                new BigDecimal("1000"),
                new BigDecimal("1204"),
                at.minusSeconds(240),
                at.plusSeconds(60),
                at,
                message);
    }
}
