package io.pulseboard.ui.dashboard;

import static io.pulseboard.ui.FxWait.await;
import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.PulseboardAppAccess;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.ui.format.DisplayFormat;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app in local demo mode against the real embedded stack, headless (Monocle).
 * One app for the class: start-up is the expensive part. The JVM's formatting locale is de-DE for
 * the class, so the figures read back show that the user's locale (not a fixed one) writes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardUiIT {

    @TempDir
    static Path temp;

    private static final Locale GERMAN = Locale.forLanguageTag("de-DE");
    /** The demo generator's regions (pipeline-core's Catalog). */
    private static final List<String> REGIONS = List.of("APAC", "EU-CENTRAL", "EU-WEST", "LATAM", "NA-EAST", "NA-WEST");

    private static Application app;
    private static Locale formatLocale;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        formatLocale = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.Category.FORMAT, GERMAN);
        System.setProperty(
                AppDirectories.DATA_HOME_PROPERTY, temp.resolve("data").toString());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(io.pulseboard.PulseboardApp.class, "--local-demo");
    }

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty(AppDirectories.DATA_HOME_PROPERTY);
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
    }

    private static DashboardViewModel vm() {
        return PulseboardAppAccess.dashboardModel(app).orElseThrow();
    }

    private static DashboardView view() {
        return PulseboardAppAccess.dashboard(app).orElseThrow();
    }

    @Test
    @Order(1)
    void showsEveryRegionAndFormattedFiguresThatAgreeWithTheMetricsFeed() throws Exception {
        await(
                Duration.ofSeconds(120),
                () -> PulseboardAppAccess.dashboardModel(app).isPresent(),
                "dashboard shown");
        await(
                Duration.ofSeconds(90),
                () -> onFx(() -> vm().regions().size() == REGIONS.size()
                        && !view().revenueText().equals("—")
                        && view().eventsInTile().getValue() > 0),
                "tiles filled with every region");

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitForFxEvents();
        PipelineSnapshot shown = onFx(() -> vm().shownSnapshot().orElseThrow());
        HeadlineKpi.Result kpi = HeadlineKpi.of(shown);
        DisplayFormat format = DisplayFormat.of(GERMAN, "USD");

        assertThat(shown.reportingCurrency())
                .as("the topology's currency, through the feed")
                .isEqualTo("USD");
        assertThat(onFx(() -> vm().formatProperty().get())).isEqualTo(format);
        assertThat(kpi.revenue().signum()).isPositive();
        assertThat(onFx(() -> view().revenueText()))
                .isEqualTo(format.money(kpi.revenue()))
                .matches("[0-9]{1,3}(\\.[0-9]{3})*,[0-9]{2}\u00a0\\$");
        assertThat(onFx(() -> view().eventsInTile().getValue())).isEqualTo(shown.eventsInPerSecond());
        assertThat(PulseboardAppAccess.feed(app)
                        .orElseThrow()
                        .latest()
                        .orElseThrow()
                        .takenAt())
                .isAfterOrEqualTo(shown.takenAt());
        List<String> bars = onFx(() ->
                view().regionBars().stream().map(b -> b.name() + "=" + b.text()).toList());
        assertThat(bars)
                .as("every region, in a fixed order, with the headline's window, formatted")
                .containsExactlyElementsOf(kpi.byRegion().values().stream()
                        .map(m -> m.region() + "=" + format.money(m.revenue()))
                        .toList());
        assertThat(bars).extracting(b -> b.substring(0, b.indexOf('='))).containsExactlyElementsOf(REGIONS);
        Node tile = robot.lookup("#regionsTile").query();
        Bounds tileBounds = onFx(() -> tile.localToScene(tile.getBoundsInLocal()));
        for (String region : REGIONS) {
            Label value = robot.lookup("#regionBars-" + region).queryAs(Label.class);
            Bounds bounds = onFx(() -> value.localToScene(value.getBoundsInLocal()));
            assertThat(onFx(value::isVisible)).isTrue();
            assertThat(tileBounds.contains(bounds))
                    .as(region + "'s figure " + bounds + " lies inside the tile " + tileBounds)
                    .isTrue();
        }
        assertThat(onFx(() ->
                        robot.lookup("#revenueFreshness").queryAs(Label.class).getText()))
                .matches("(live|stale|stalled) · .+");
    }

    @Test
    @Order(2)
    void pauseFreezesTheTilesWhileTheFeedMovesOn() throws Exception {
        long applied = onFx(() -> vm().appliedSnapshotsProperty().get());
        String revenue = onFx(() -> view().revenueText());
        var before = PulseboardAppAccess.feed(app)
                .orElseThrow()
                .latest()
                .orElseThrow()
                .takenAt();

        await(
                Duration.ofSeconds(15),
                () -> PulseboardAppAccess.feed(app)
                        .orElseThrow()
                        .latest()
                        .orElseThrow()
                        .takenAt()
                        .isAfter(before.plusSeconds(2)),
                "two more feed snapshots");

        assertThat(onFx(() -> vm().appliedSnapshotsProperty().get())).isEqualTo(applied);
        assertThat(onFx(() -> view().revenueText())).isEqualTo(revenue);
    }

    @Test
    @Order(3)
    void exportsAPngThatDecodesAndACsvWhoseRowsMatchTheCharts() throws Exception {
        Path png = temp.resolve("dashboard.png");
        Path csv = temp.resolve("series.csv");

        onFx(() -> view().exportPng(png)).get(20, TimeUnit.SECONDS);
        onFx(() -> view().exportCsv(csv)).get(20, TimeUnit.SECONDS);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(800);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("series,label,region,revenue_USD");
        List<String> regionRows =
                rows.stream().filter(r -> r.startsWith("revenue_by_region,")).toList();
        List<String> trendRows =
                rows.stream().filter(r -> r.startsWith("revenue_trend,")).toList();
        List<String> drawnBars = onFx(() -> view().regionBars().stream()
                .map(b -> b.name() + "=" + b.value())
                .toList());
        List<String> drawnTrend = onFx(() -> view().trendData().stream()
                .map(d -> d.getXValue() + "=" + d.getYValue().doubleValue())
                .toList());
        assertThat(regionRows.stream()
                        .map(r -> r.split(","))
                        .map(c -> c[2] + "=" + Double.parseDouble(c[3]))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(drawnBars);
        assertThat(trendRows.stream()
                        .map(r -> r.split(","))
                        .map(c -> c[1] + "=" + Double.parseDouble(c[3]))
                        .toList())
                .containsExactlyElementsOf(drawnTrend);
        assertThat(trendRows).isNotEmpty();

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitForFxEvents();
        long applied = onFx(() -> vm().appliedSnapshotsProperty().get());
        await(
                Duration.ofSeconds(15),
                () -> onFx(() -> vm().appliedSnapshotsProperty().get()) > applied,
                "resumed");
        Platform.runLater(() -> {});
    }

    @Test
    @Order(4)
    void theBadgesReadLiveOnceCaughtUpAndStaleOnceTheScreenStopsTakingTheFeed() throws Exception {
        // Freshness (the newest event shown) and lag (committed offsets, read once a second) are two
        // readings; on a loaded machine the badges can turn live a reading before the lag does.
        await(
                Duration.ofSeconds(90),
                () -> text("#revenueFreshness").startsWith("live · ")
                        && text("#eventsInFreshness").startsWith("live · ")
                        && !onFx(() -> vm().catchingUpProperty().get()),
                "live badges once the pipeline has caught up");
        assertThat(text("#lagValue")).matches("(none, up to date|[0-9,.]+ s behind)");
        assertThat(text("#latencyValue")).matches("[0-9.]+ ms");

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitForFxEvents();
        await(
                Duration.ofSeconds(30),
                () -> text("#eventsInFreshness").startsWith("stale · "),
                "the frozen screen's badge turning stale");
        assertThat(onFx(() -> robot.lookup("#eventsInFreshness").query().getStyleClass()))
                .contains("freshness-stale");
        assertThat(text("#eventsInFreshness")).matches("stale · [0-9]{2} s");

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitForFxEvents();
        await(Duration.ofSeconds(10), () -> text("#eventsInFreshness").startsWith("live · "), "live again");
    }

    private String text(String id) throws Exception {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}
