package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.format.DisplayFormat;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The fields of a {@link TargetForm}: per-hour and per-day targets, each with its problem below it,
 * Save (or Enter) with a spinner while saving, and the outcome. Without a reference database the
 * fields are disabled and a line (and tooltip) says why.
 */
final class TargetFormPanel {

    private final TargetForm form;
    private final VBox root = new VBox(4);
    private final TextField perHour = new TextField();
    private final TextField perDay = new TextField();

    TargetFormPanel(TargetForm form, ReadOnlyObjectProperty<DisplayFormat> format) {
        this.form = form;
        perHour.setId("perHourField");
        perDay.setId("perDayField");
        perHour.textProperty().bindBidirectional(form.perHourTextProperty());
        perDay.textProperty().bindBidirectional(form.perDayTextProperty());
        perHour.setPrefColumnCount(10);
        perDay.setPrefColumnCount(10);
        Label hourError = error("perHourError");
        hourError.textProperty().bind(form.perHourErrorProperty());
        Label dayError = error("perDayError");
        dayError.textProperty().bind(form.perDayErrorProperty());
        GridPane fields = new GridPane();
        fields.setHgap(8);
        fields.setVgap(2);
        fields.addRow(0, fieldName(TargetForm.HOUR_FIELD, format), perHour);
        fields.add(hourError, 0, 1, 2, 1);
        fields.addRow(2, fieldName(TargetForm.DAY_FIELD, format), perDay);
        fields.add(dayError, 0, 3, 2, 1);
        GridPane.setHgrow(perHour, Priority.ALWAYS);
        GridPane.setHgrow(perDay, Priority.ALWAYS);

        Button save = new Button("Save");
        save.setId("saveTargets");
        save.setOnAction(e -> form.save());
        perHour.setOnAction(e -> form.save());
        perDay.setOnAction(e -> form.save());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("savingTargets");
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        spinner.visibleProperty().bind(form.savingProperty());
        spinner.managedProperty().bind(form.savingProperty());
        Label status = new Label();
        status.setId("targetStatus");
        status.setWrapText(true);
        status.setMinWidth(0);
        status.textProperty().bind(form.statusTextProperty());
        status.getStyleClass().add("target-status");
        form.statusProperty().addListener((obs, was, now) -> {
            status.getStyleClass().removeIf(c -> c.startsWith("status-"));
            status.getStyleClass().add("status-" + now.name().toLowerCase(java.util.Locale.ROOT));
        });
        HBox actions = new HBox(8, save, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(fields, actions, status);
        if (!form.editable()) {
            fields.setDisable(true);
            save.setDisable(true);
            Label why = new Label(form.unavailableReason());
            why.setId("targetsUnavailable");
            why.setWrapText(true);
            why.setMinWidth(0);
            why.getStyleClass().add("target-detail");
            root.getChildren().add(why);
            // Disabled controls show no tooltip: the box around them does.
            Tooltip.install(root, new Tooltip(form.unavailableReason()));
        } else {
            save.disableProperty().bind(form.savingProperty());
        }
    }

    VBox root() {
        return root;
    }

    void focus() {
        perHour.requestFocus();
        perHour.selectAll();
    }

    private static Label fieldName(String name, ReadOnlyObjectProperty<DisplayFormat> format) {
        Label label = new Label();
        label.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> name + " (" + format.get().currencyCode() + ")", format));
        label.getStyleClass().add("health-name");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private static Label error(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setMinWidth(0);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }
}
