package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.dashboard.BusinessRows.RegionTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The "Target, this hour" tile's content: per region (by name) its hour against target, and the day's
 * beside it; more than {@value #ONE_COLUMN} regions are laid out in two groups side by side (down the
 * first, then the second), so six regions fit a tile a third of a 720-pixel screen high. A click on a
 * region, or its context menu, opens the region's drill-down. Rows are rebuilt only when the regions
 * change; their figures are updated in place.
 */
final class TargetPanel {

    /** Up to this many regions, one group. */
    static final int ONE_COLUMN = 3;

    private final GridPane grid = new GridPane();
    private final Consumer<String> open;
    private final Consumer<String> edit;
    private final List<String> regions = new ArrayList<>();
    private final List<TargetBar[]> bars = new ArrayList<>();
    private final Label empty = new Label("waiting for data");

    /**
     * @param open opens the drill-down of the region named
     * @param edit opens it with the target editor focused
     */
    TargetPanel(Consumer<String> open, Consumer<String> edit) {
        this.open = open;
        this.edit = edit;
        grid.setId("targetPanel");
        grid.setHgap(12);
        grid.setVgap(10);
        empty.getStyleClass().add("bar-name");
        grid.add(empty, 0, 0);
    }

    GridPane root() {
        return grid;
    }

    void show(List<RegionTargets> rows) {
        List<String> names = rows.stream().map(RegionTargets::region).toList();
        if (!names.equals(regions)) {
            rebuild(names);
        }
        for (int i = 0; i < rows.size(); i++) {
            bars.get(i)[0].show(rows.get(i).hour());
            bars.get(i)[1].show(rows.get(i).day());
        }
    }

    private void rebuild(List<String> names) {
        regions.clear();
        regions.addAll(names);
        bars.clear();
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        if (names.isEmpty()) {
            grid.add(empty, 0, 0);
            return;
        }
        int groups = names.size() > ONE_COLUMN ? 2 : 1;
        int perGroup = (names.size() + groups - 1) / groups;
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                ColumnConstraints gap = new ColumnConstraints(12);
                grid.getColumnConstraints().add(gap);
            }
            ColumnConstraints name = new ColumnConstraints();
            name.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints hour = new ColumnConstraints();
            hour.setHgrow(Priority.ALWAYS);
            ColumnConstraints day = new ColumnConstraints();
            day.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().addAll(name, hour, day);
            int column = g * 4;
            grid.add(header("Region"), column, 0);
            grid.add(header("This hour"), column + 1, 0);
            grid.add(header("Today"), column + 2, 0);
        }
        for (int i = 0; i < names.size(); i++) {
            int column = (i / perGroup) * 4;
            int row = 1 + i % perGroup;
            addRegion(names.get(i), column, row);
        }
    }

    private void addRegion(String region, int column, int row) {
        Label name = new Label(region);
        name.getStyleClass().add("target-region");
        name.setId("target-" + region);
        TargetBar hour = new TargetBar("targetHour-" + region, "no sales this hour yet");
        TargetBar day = new TargetBar("targetDay-" + region, "no sales today yet");
        bars.add(new TargetBar[] {hour, day});
        ContextMenu menu = new ContextMenu();
        MenuItem drill = new MenuItem("Open " + region + "'s categories, channels and products");
        drill.setOnAction(e -> open.accept(region));
        MenuItem editItem = new MenuItem("Edit " + region + "'s targets…");
        editItem.setOnAction(e -> edit.accept(region));
        menu.getItems().addAll(drill, editItem);
        for (Region node : List.of(name, hour.root(), day.root())) {
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    open.accept(region);
                }
            });
            node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
            Tooltip.install(
                    node, new Tooltip("Click for " + region + "'s drill-down; right-click to edit its targets"));
            GridPane.setValignment(node, VPos.TOP);
        }
        grid.add(name, column, row);
        grid.add(hour.root(), column + 1, row);
        grid.add(day.root(), column + 2, row);
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("target-header");
        return label;
    }

    /** The hour bar of {@code region}, for tests. */
    TargetBar hourOf(String region) {
        return bars.get(regions.indexOf(region))[0];
    }
}
