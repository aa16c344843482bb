package io.pulseboard.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.PulseboardAppAccess;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.stack.AppDirectories;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
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
 * One app for the class: start-up is the expensive part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardUiIT {

    @TempDir
    static Path temp;

    private static Application app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
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
    }

    private static DashboardViewModel vm() {
        return PulseboardAppAccess.dashboardModel(app).orElseThrow();
    }

    private static DashboardView view() {
        return PulseboardAppAccess.dashboard(app).orElseThrow();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    private static void await(Duration timeout, Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    @Order(1)
    void showsLiveNonZeroTilesThatAgreeWithTheMetricsFeed() throws Exception {
        await(
                Duration.ofSeconds(120),
                () -> PulseboardAppAccess.dashboardModel(app).isPresent(),
                "dashboard shown");
        await(
                Duration.ofSeconds(90),
                () -> onFx(() -> vm().regions().size() >= 3
                        && view().revenueTile().getValue() > 0
                        && view().eventsInTile().getValue() > 0),
                "tiles filled");

        robot.clickOn("#pauseButton");
        WaitForAsyncUtils.waitForFxEvents();
        PipelineSnapshot shown = onFx(() -> vm().shownSnapshot().orElseThrow());
        double revenueTile = onFx(() -> view().revenueTile().getValue());
        BigDecimal fromFeed = shown.trailingWindowByRegion().values().stream()
                .map(SalesWindowMetric::revenue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(fromFeed.signum()).isPositive();
        assertThat(revenueTile).isEqualTo(fromFeed.doubleValue());
        assertThat(onFx(() -> view().eventsInTile().getValue())).isEqualTo(shown.eventsInPerSecond());
        assertThat(PulseboardAppAccess.feed(app)
                        .orElseThrow()
                        .latest()
                        .orElseThrow()
                        .takenAt())
                .isAfterOrEqualTo(shown.takenAt());
        List<String> bars = onFx(() -> view().regionBars().stream()
                .map(b -> b.getName() + "=" + b.getValue())
                .toList());
        assertThat(bars)
                .containsExactlyInAnyOrderElementsOf(shown.trailingWindowByRegion().values().stream()
                        .map(m -> m.region() + "=" + m.revenue().doubleValue())
                        .toList());
    }

    @Test
    @Order(2)
    void pauseFreezesTheTilesWhileTheFeedMovesOn() throws Exception {
        long applied = onFx(() -> vm().appliedSnapshotsProperty().get());
        double revenue = onFx(() -> view().revenueTile().getValue());
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
        assertThat(onFx(() -> view().revenueTile().getValue())).isEqualTo(revenue);
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
        assertThat(rows.get(0)).isEqualTo("series,label,region,value");
        List<String> regionRows =
                rows.stream().filter(r -> r.startsWith("revenue_by_region,")).toList();
        List<String> trendRows =
                rows.stream().filter(r -> r.startsWith("revenue_trend,")).toList();
        List<String> drawnBars = onFx(() -> view().regionBars().stream()
                .map(b -> b.getName() + "=" + b.getValue())
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
}
