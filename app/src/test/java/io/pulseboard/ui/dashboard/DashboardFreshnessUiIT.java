package io.pulseboard.ui.dashboard;

import static io.pulseboard.ui.FxWait.await;
import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard view headless (Monocle) at 1280x720, fed by hand with a steady stream in six regions
 * and a wall clock the test moves: every region's figure inside the region tile, figures in de-DE
 * with the feed's currency (EUR), and the freshness badges turning stale, then stalled, with text,
 * once the feed stops.
 */
class DashboardFreshnessUiIT {

    private static final Locale GERMAN = Locale.forLanguageTag("de-DE");
    private static final Instant FIRST = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant NOW = FIRST.plusSeconds(900);

    private static final MovingClock clock = new MovingClock(NOW);
    private static DashboardViewModel vm;
    private static DashboardView view;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void show() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        vm = new DashboardViewModel(Optional.empty(), 0, clock, DisplayFormat.of(GERMAN, "USD"));
        vm.setZone(ZoneOffset.UTC);
        view = onFx(() -> {
            DashboardView v = new DashboardView(vm, "test", Runnable::run, () -> {}, () -> {}, () -> {});
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
    }

    @AfterAll
    static void hide() throws Exception {
        onFx(() -> {
            view.stop();
            stage.hide();
            return null;
        });
    }

    private static Map<String, BigDecimal> prices() {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("NA-EAST", new BigDecimal("3.00"));
        prices.put("APAC", new BigDecimal("1.50"));
        prices.put("EU-WEST", new BigDecimal("2.00"));
        prices.put("LATAM", new BigDecimal("0.50"));
        prices.put("NA-WEST", new BigDecimal("2.50"));
        prices.put("EU-CENTRAL", new BigDecimal("1000.00"));
        return prices;
    }

    private String text(String id) throws Exception {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void showsEveryRegionFormattedThenTurnsStaleAndStalledWhenTheFeedStops() throws Exception {
        PipelineSnapshot s = Snapshots.live(
                NOW,
                Snapshots.steady(FIRST, NOW, prices()),
                "RUNNING",
                1329.6,
                1329.6,
                2310,
                new PipelineSnapshot.LatencySummary(100, 1250, 4000, 1000),
                Map.of(),
                "EUR");
        vm.accept(s);
        await(
                Duration.ofSeconds(10),
                () -> onFx(() -> vm.appliedSnapshotsProperty().get() == 1),
                "applied");
        WaitForAsyncUtils.waitForFxEvents();

        // 300 sales per region in the complete window 12:10-12:15 (the newest sale at 12:15:00)
        assertThat(text("#revenueValue")).isEqualTo("302.850,00\u00a0€");
        assertThat(text("#ordersValue")).isEqualTo("1.800");
        assertThat(text("#revenueWindow")).isEqualTo("last complete window 12:10–12:15");
        assertThat(text("#revenueComparison")).isEqualTo("0,0\u00a0% vs 12:05–12:10");
        assertThat(text("#regionBars-LATAM")).isEqualTo("150,00\u00a0€");
        assertThat(text("#regionBars-EU-CENTRAL")).isEqualTo("300.000,00\u00a0€");
        assertThat(text("#latencyValue")).isEqualTo("1.250 ms");
        assertThat(text("#backlogValue")).isEqualTo("2.310");
        assertThat(text("#lagValue")).isEqualTo("1,7 s behind");
        assertThat(onFx(() ->
                        view.regionBars().stream().map(BarsPanel.Bar::name).toList()))
                .containsExactly("APAC", "EU-CENTRAL", "EU-WEST", "LATAM", "NA-EAST", "NA-WEST");
        Node tile = robot.lookup("#regionsTile").query();
        Bounds tileBounds = onFx(() -> tile.localToScene(tile.getBoundsInLocal()));
        for (String region : List.of("APAC", "EU-CENTRAL", "EU-WEST", "LATAM", "NA-EAST", "NA-WEST")) {
            Label value = robot.lookup("#regionBars-" + region).queryAs(Label.class);
            Bounds bounds = onFx(() -> value.localToScene(value.getBoundsInLocal()));
            assertThat(tileBounds.contains(bounds))
                    .as(region + "'s figure " + bounds + " lies inside the region tile " + tileBounds)
                    .isTrue();
        }
        assertThat(text("#revenueFreshness")).isEqualTo("live · 0,0 s");
        assertThat(text("#eventsInFreshness")).isEqualTo("live · 0,0 s");
        assertThat(text("#customersFreshness")).isEqualTo("live · 0,0 s");

        // The feed stops: no snapshot more; the wall clock goes on.
        clock.set(NOW.plus(Freshness.AMBER_AFTER).plusSeconds(1));
        await(Duration.ofSeconds(5), () -> text("#revenueFreshness").equals("stale · 11 s"), "stale badge");
        assertThat(text("#eventsInFreshness")).isEqualTo("stale · 11 s");
        assertThat(onFx(() -> robot.lookup("#revenueFreshness").query().getStyleClass()))
                .contains("freshness-stale");

        clock.set(NOW.plus(Freshness.RED_AFTER).plusSeconds(1));
        await(Duration.ofSeconds(5), () -> text("#revenueFreshness").equals("stalled · 1 min"), "stalled badge");
        assertThat(text("#healthFreshness")).isEqualTo("stalled · 1 min");
        assertThat(onFx(() -> robot.lookup("#revenueFreshness").query().getStyleClass()))
                .contains("freshness-stalled")
                .doesNotContain("freshness-stale");
    }
}
