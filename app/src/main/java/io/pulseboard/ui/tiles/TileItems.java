package io.pulseboard.ui.tiles;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.skins.BarChartItem;
import eu.hansolo.tilesfx.skins.LeaderBoardItem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * Keeps a bar-chart or leaderboard tile's items in step with name/value pairs by updating the
 * existing items in place: replacing the item list on every pulse leaves stale cells in TilesFX's
 * list-based skins and costs a re-layout.
 *
 * <p>Items are not animated, like the tiles ({@link TileStyle}). An animated item's {@code ChartData}
 * writes each interpolated frame back into its value, so for half a second after an update the
 * bar's label and {@code getValue()} show a figure between the old and the new one, a number the
 * pipeline never produced.
 */
public final class TileItems {

    private final Tile tile;
    private final Color color;
    private final Map<String, BarChartItem> bars = new HashMap<>();
    private final Map<String, LeaderBoardItem> leaders = new HashMap<>();

    public TileItems(Tile tile, Color color) {
        this.tile = tile;
        this.color = color;
    }

    /** Bar chart: one bar per entry, in the given order of importance; bars of absent names go. */
    public void bars(LinkedHashMap<String, Double> values) {
        double max =
                values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        tile.setMaxValue(Math.max(1, max));
        bars.entrySet().removeIf(e -> {
            if (!values.containsKey(e.getKey())) {
                tile.removeBarChartItem(e.getValue());
                return true;
            }
            return false;
        });
        values.forEach((name, value) -> {
            BarChartItem item = bars.get(name);
            if (item == null) {
                item = new BarChartItem(name, value, color);
                item.getChartData().setAnimated(false);
                item.setMaxValue(Math.max(1, max));
                bars.put(name, item);
                tile.addBarChartItem(item);
            }
            item.setMaxValue(Math.max(1, max));
            item.setValue(value);
        });
    }

    /** Leaderboard: one line per entry; lines of absent names go. */
    public void leaders(LinkedHashMap<String, Double> values) {
        leaders.entrySet().removeIf(e -> {
            if (!values.containsKey(e.getKey())) {
                tile.removeLeaderBoardItem(e.getValue());
                return true;
            }
            return false;
        });
        values.forEach((name, value) -> {
            LeaderBoardItem item = leaders.get(name);
            if (item == null) {
                item = new LeaderBoardItem(name, value);
                item.getChartData().setAnimated(false);
                leaders.put(name, item);
                tile.addLeaderBoardItem(item);
            } else {
                item.setValue(value);
            }
        });
    }
}
