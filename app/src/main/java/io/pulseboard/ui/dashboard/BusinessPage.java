package io.pulseboard.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import io.pulseboard.ui.dashboard.BusinessRows.Amount;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.tiles.TileStyle;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;

/**
 * The dashboard's second page ("Business"): each region's hour and day against its target, and
 * revenue by category and by channel in the trailing 5-minute window, all regions summed. A region
 * (click, context menu, or the picker) opens its drill-down. The live page has no room left for
 * these at 1280x720, hence a page of its own.
 */
final class BusinessPage {

    private final DashboardViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TargetPanel targetPanel;
    private final BarsPanel categoryBars = new BarsPanel("categoryBars", TileStyle.ACCENT, "waiting for data");
    private final BarsPanel channelBars = new BarsPanel("channelBars", TileStyle.ACCENT, "waiting for data");
    private final Tile targets;
    private final Tile categories = TileStyle.tile(Tile.SkinType.CUSTOM, "Revenue by category")
            .graphic(categoryBars.root())
            .build();
    private final Tile channels = TileStyle.tile(Tile.SkinType.CUSTOM, "Revenue by channel")
            .graphic(channelBars.root())
            .build();
    private final AlertsPanel alertsPanel = new AlertsPanel();
    private final Tile alerts = TileStyle.tile(Tile.SkinType.CUSTOM, "Alerts")
            .graphic(alertsPanel.root())
            .build();
    private final ComboBox<String> picker = new ComboBox<>();

    /**
     * @param open opens the drill-down of the region named
     * @param edit opens it with the target editor focused
     */
    BusinessPage(DashboardViewModel vm, Consumer<String> open, Consumer<String> edit) {
        this.vm = vm;
        targetPanel = new TargetPanel(open, edit);
        targets = TileStyle.tile(Tile.SkinType.CUSTOM, "Target, this hour (today beside it)")
                .graphic(targetPanel.root())
                .build();
        targets.setId("targetTile");
        categories.setId("categoryTile");
        channels.setId("channelTile");
        alerts.setId("alertsTile");

        Label hint = new Label("Click a region for its categories, channels and top products");
        hint.getStyleClass().add("mode-label");
        hint.setMinWidth(0);
        picker.setId("regionPicker");
        picker.setPromptText("Drill into a region…");
        picker.setItems(vm.business().regionNames());
        picker.setTooltip(new Tooltip("A region's categories, channels, top products and targets"));
        picker.setMinWidth(Region.USE_PREF_SIZE);
        picker.setOnAction(e -> {
            if (picker.getValue() != null) {
                open.accept(picker.getValue());
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, hint, spacer, picker);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 8, 0));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("dashboard-grid");
        grid.setHgap(10);
        grid.setVgap(10);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(column);
        }
        for (double percent : new double[] {55, 45}) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(percent);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        for (Tile t : tiles()) {
            t.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            t.setMinSize(120, 120);
            // TilesFX scales a title with the tile's smaller side: these tiles are larger than the live
            // page's, and their titles would be twice the size.
            t.setTextSize(Tile.TextSize.SMALLER);
        }
        grid.add(FreshnessBadge.on(targets, vm.businessFreshnessProperty(), "targets"), 0, 0, 3, 1);
        grid.add(FreshnessBadge.on(categories, vm.businessFreshnessProperty(), "categories"), 0, 1);
        grid.add(FreshnessBadge.on(channels, vm.businessFreshnessProperty(), "channels"), 1, 1);
        grid.add(alerts, 2, 1);
        root.setTop(header);
        root.setCenter(grid);
        root.setId("businessPage");
        root.getStyleClass().add("dashboard-grid");
    }

    BorderPane root() {
        return root;
    }

    /** Empties the region picker, so that choosing the region drilled into last opens it again. */
    void resetPicker() {
        picker.setValue(null);
    }

    List<Tile> tiles() {
        return List.of(targets, categories, channels, alerts);
    }

    /** Pushes the view model's figures into the tiles; once per applied snapshot. */
    void refresh() {
        DisplayFormat format = vm.formatProperty().get();
        targetPanel.show(vm.business().targets());
        categoryBars.show(bars(vm.business().categories(), format));
        channelBars.show(bars(vm.business().channels(), format));
        alertsPanel.show(vm.business().alerts());
        long firing = vm.business().alerts().stream().filter(AlertRow::firing).count();
        alerts.setTitle(firing == 0 ? "Alerts" : "Alerts, " + firing + " firing");
        String window = vm.business().windowLabelProperty().get();
        String suffix = " (" + format.currencyCode() + ")" + (window.isEmpty() ? "" : ", " + window);
        categories.setTitle("Revenue by category" + suffix);
        channels.setTitle("Revenue by channel" + suffix);
    }

    static List<BarsPanel.Bar> bars(List<Amount> amounts, DisplayFormat format) {
        return amounts.stream()
                .map(a -> new BarsPanel.Bar(a.name(), a.revenue().doubleValue(), format.money(a.revenue())))
                .toList();
    }

    /** The target tile's content, for tests. */
    TargetPanel targetPanel() {
        return targetPanel;
    }

    List<BarsPanel.Bar> categoryBars() {
        return categoryBars.shown();
    }

    List<AlertRow> alertRows() {
        return alertsPanel.shown();
    }

    List<BarsPanel.Bar> channelBars() {
        return channelBars.shown();
    }
}
