package io.pulseboard.ui.dashboard;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A headline figure inside its tile: the value (or a placeholder), what it is compared with, its window. */
final class KpiPanel {

    private final VBox root = new VBox(4);
    private final Label value = new Label();
    private final Label comparison = new Label();
    private final Label window = new Label();

    KpiPanel(
            String id,
            ObservableStringValue valueText,
            ObservableStringValue comparisonText,
            ObservableStringValue windowText) {
        value.setId(id + "Value");
        value.getStyleClass().add("kpi-value");
        value.textProperty().bind(valueText);
        value.setMinWidth(Region.USE_PREF_SIZE);
        comparison.setId(id + "Comparison");
        comparison.getStyleClass().add("kpi-comparison");
        comparison.textProperty().bind(comparisonText);
        comparison.setWrapText(true);
        window.setId(id + "Window");
        window.getStyleClass().add("kpi-window");
        window.textProperty().bind(windowText);
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        root.getChildren().addAll(spacer, value, comparison, window);
    }

    VBox root() {
        return root;
    }

    String valueText() {
        return value.getText();
    }

    String comparisonText() {
        return comparison.getText();
    }
}
