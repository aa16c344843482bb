package io.pulseboard.ui.tiles;

import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.chart.ChartData;
import eu.hansolo.tilesfx.skins.BarChartItem;
import eu.hansolo.tilesfx.skins.LeaderBoardItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A bar or leaderboard line shows the figure it was given, at once and throughout: no frame of an
 * animation between the old and the new figure (the dashboard once read 307.67 for a 458.67 window).
 */
class TileItemsIT {

    /** More frames than TilesFX's item animation lasts (800 ms at 60 frames per second). */
    private static final int FRAMES = 90;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aBarKeepsExactlyTheValueItWasGivenWhileFramesPass() throws Exception {
        Tile tile = onFx(() -> TileStyle.tile(Tile.SkinType.BAR_CHART, "bars").build());
        TileItems items = new TileItems(tile, TileStyle.ACCENT);

        assertNoFrameBetween(
                () -> items.bars(values("EU-WEST", 100.0, "APAC", 20.0)),
                () -> chartData(tile.getBarChartItems(), BarChartItem::getName, BarChartItem::getChartData, "EU-WEST"),
                () -> items.bars(values("EU-WEST", 458.67, "APAC", 29.75)),
                458.67);
    }

    @Test
    void aLeaderboardLineKeepsExactlyTheValueItWasGivenWhileFramesPass() throws Exception {
        Tile tile =
                onFx(() -> TileStyle.tile(Tile.SkinType.LEADER_BOARD, "leaders").build());
        TileItems items = new TileItems(tile, TileStyle.ACCENT);

        assertNoFrameBetween(
                () -> items.leaders(values("c-1", 10.0, "c-2", 5.0)),
                () -> chartData(
                        tile.getLeaderBoardItems(), LeaderBoardItem::getName, LeaderBoardItem::getChartData, "c-1"),
                () -> items.leaders(values("c-1", 42.0, "c-2", 5.0)),
                42.0);
    }

    /**
     * Shows a first figure, then a second, and checks over {@link #FRAMES} frames that the item's
     * value is the second at once and passes through nothing on its way.
     */
    private static void assertNoFrameBetween(
            Runnable showFirst, Callable<ChartData> item, Runnable showSecond, double second) throws Exception {
        onFx(() -> {
            showFirst.run();
            return null;
        });
        ChartData data = onFx(item);
        List<Double> seen = new CopyOnWriteArrayList<>();
        onFx(() -> {
            data.currentValueProperty().addListener((o, a, b) -> seen.add(b.doubleValue()));
            showSecond.run();
            return null;
        });
        assertThat(onFx(data::getValue)).isEqualTo(second);

        awaitFrames(FRAMES);

        assertThat(onFx(data::getValue)).isEqualTo(second);
        assertThat(seen).as("values the item passed through").isEmpty();
    }

    private static <I> ChartData chartData(
            List<I> items, Function<I, String> name, Function<I, ChartData> data, String wanted) {
        return items.stream()
                .filter(i -> name.apply(i).equals(wanted))
                .findFirst()
                .map(data)
                .orElseThrow();
    }

    private static LinkedHashMap<String, Double> values(String a, double va, String b, double vb) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        values.put(a, va);
        values.put(b, vb);
        return values;
    }

    private static void awaitFrames(int frames) throws Exception {
        AtomicInteger count = new AtomicInteger();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                count.incrementAndGet();
            }
        };
        onFx(() -> {
            timer.start();
            return null;
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count.get() < frames) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + count.get() + " of " + frames + " frames in 20 s");
            }
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        onFx(() -> {
            timer.stop();
            return null;
        });
    }
}
