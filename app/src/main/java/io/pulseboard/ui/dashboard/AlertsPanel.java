package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.tiles.TileStyle;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The alerts inside a tile: one row per alert, a dot in its severity's colour (grey once resolved), its
 * line and since when; firing ones first. The words carry the meaning, the colour only repeats it.
 */
final class AlertsPanel {

    private final VBox rows = new VBox(4);
    private List<AlertRow> shown;

    AlertsPanel() {
        rows.setId("alertsPanel");
        rows.getStyleClass().add("bars-panel");
        show(List.of());
    }

    VBox root() {
        return rows;
    }

    void show(List<AlertRow> alerts) {
        if (alerts.equals(shown)) {
            return;
        }
        shown = List.copyOf(alerts);
        rows.getChildren().clear();
        if (alerts.isEmpty()) {
            rows.getChildren()
                    .add(label("No alerts. Rules live in PostgreSQL's alert_rules (README, \"Alerts\").", "bar-name"));
            return;
        }
        for (AlertRow alert : alerts) {
            Circle dot = new Circle(5, alert.firing() ? TileStyle.severity(alert.severity()) : TileStyle.OFF);
            Label line = label(alert.headline(), "bar-value");
            line.setWrapText(true);
            line.setMaxWidth(Double.MAX_VALUE);
            line.setTooltip(new Tooltip(alert.alertId()));
            HBox.setHgrow(line, Priority.ALWAYS);
            Label when = label(alert.when(), "bar-name");
            when.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox row = new HBox(8, dot, line, when);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add(alert.firing() ? "alert-firing" : "alert-resolved");
            rows.getChildren().add(row);
        }
    }

    List<AlertRow> shown() {
        return shown;
    }

    private static Label label(String text, String style) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        return label;
    }
}
