package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.tiles.TileStyle;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * Horizontal bars drawn by the app inside a tile: name, bar, formatted value, in the order given
 * (never re-sorted by value). The rows share the tile's height, so every bar is visible however many
 * there are (TilesFX's bar-chart tile shows five and hides the rest behind a scroll, and sorts by value).
 */
final class BarsPanel {

    /** One bar: its name, its length (relative to the longest), the figure written beside it. */
    record Bar(String name, double value, String text) {}

    private final GridPane grid = new GridPane();
    private final Color color;
    private final String emptyText;
    private List<Bar> shown = List.of();
    private java.util.function.Consumer<String> onClick;
    /** The bars' tooltip with {@code {}} for the bar's name. */
    private String tooltip = "";

    private boolean drawn;
    /** Names flagged with a bell in the colour given (e.g. a region with a firing alert). */
    private java.util.Map<String, Color> marks = java.util.Map.of();

    BarsPanel(String id, Color color, String emptyText) {
        this.color = color;
        this.emptyText = emptyText;
        grid.setId(id);
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        ColumnConstraints value = new ColumnConstraints();
        value.setMinWidth(Region.USE_PREF_SIZE);
        value.setHalignment(javafx.geometry.HPos.RIGHT);
        grid.getColumnConstraints().addAll(name, bar, value);
        grid.getStyleClass().add("bars-panel");
        show(List.of());
    }

    /** Makes each bar a link: a click on its name, bar or figure calls {@code open} with its name. */
    void onClick(java.util.function.Consumer<String> open, String tooltip) {
        onClick = open;
        this.tooltip = tooltip;
        drawn = false;
        show(shown);
    }

    /**
     * Draws a bell before each name in {@code marked}, in its colour, with a tooltip saying why; the
     * others lose theirs.
     */
    void mark(java.util.Map<String, Color> marked) {
        if (marked.equals(marks)) {
            return;
        }
        marks = java.util.Map.copyOf(marked);
        drawn = false;
        show(shown);
    }

    /** @return the names drawn with a bell, for tests */
    java.util.Set<String> marked() {
        return shown.stream().map(Bar::name).filter(marks::containsKey).collect(java.util.stream.Collectors.toSet());
    }

    GridPane root() {
        return grid;
    }

    void show(List<Bar> bars) {
        List<Bar> next = List.copyOf(bars);
        // Snapshots come up to ten a second and most leave a panel as it was: rebuilding its nodes each
        // time would lay out and repaint it for nothing.
        if (drawn && next.equals(shown)) {
            return;
        }
        drawn = true;
        shown = next;
        grid.getChildren().clear();
        grid.getRowConstraints().clear();
        if (bars.isEmpty()) {
            Label empty = label(emptyText, "bar-name");
            grid.add(empty, 0, 0, 3, 1);
            return;
        }
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int row = 0;
        for (Bar b : bars) {
            RowConstraints constraints = new RowConstraints();
            constraints.setPercentHeight(100.0 / bars.size());
            constraints.setValignment(javafx.geometry.VPos.CENTER);
            grid.getRowConstraints().add(constraints);
            Region fill = new Region();
            fill.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                    color, new javafx.scene.layout.CornerRadii(3), javafx.geometry.Insets.EMPTY)));
            StackPane track = new StackPane(fill);
            track.getStyleClass().add("bar-track");
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinHeight(6);
            track.setPrefHeight(12);
            track.setMaxHeight(14);
            double fraction = max > 0 ? Math.max(0, b.value()) / max : 0;
            fill.maxWidthProperty().bind(track.widthProperty().multiply(fraction));
            fill.setMinWidth(0);
            Label name = label(b.name(), "bar-name");
            Color mark = marks.get(b.name());
            if (mark != null) {
                org.kordamp.ikonli.javafx.FontIcon bell = new org.kordamp.ikonli.javafx.FontIcon("mdi2b-bell-ring");
                // A style, not setIconColor: the stylesheet's icon colour would win over the property.
                // Added to the icon's own style, which names its font.
                bell.setStyle(bell.getStyle() + "-fx-icon-color: " + TileStyle.web(mark) + ";");
                name.setGraphic(bell);
                name.getStyleClass().add("bar-alerting");
                name.setId(grid.getId() + "-alert-" + b.name());
            }
            Label value = label(b.text(), "bar-value");
            value.setId(grid.getId() + "-" + b.name());
            if (onClick != null) {
                for (Region node : List.of(name, track, value)) {
                    node.setCursor(javafx.scene.Cursor.HAND);
                    node.setOnMouseClicked(e -> onClick.accept(b.name()));
                    javafx.scene.control.Tooltip.install(
                            node, new javafx.scene.control.Tooltip(tooltip.replace("{}", b.name())));
                }
            }
            grid.addRow(row++, name, track, value);
        }
    }

    /** The bars as drawn, for tests. */
    List<Bar> shown() {
        return shown;
    }

    private static Label label(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
