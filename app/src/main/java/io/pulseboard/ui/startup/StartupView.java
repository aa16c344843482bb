package io.pulseboard.ui.startup;

import io.pulseboard.session.PartState;
import io.pulseboard.ui.startup.StartupViewModel.PartRow;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** One row per part with a spinner or a status icon and its message; Cancel, or Back after a failure. */
public final class StartupView {

    private final StartupViewModel vm;
    private final GridPane rows = new GridPane();
    private final VBox root = new VBox(18);

    public StartupView(StartupViewModel vm, Runnable back) {
        this.vm = vm;
        Label title = new Label();
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("startup-title");
        rows.setHgap(14);
        rows.setVgap(12);
        rows.setId("startupParts");
        Label failure = new Label();
        failure.setId("startupFailure");
        failure.getStyleClass().add("problem");
        failure.setWrapText(true);
        failure.textProperty().bind(vm.failureProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.cancellingProperty());
        Button backButton = new Button("Back");
        backButton.setId("backButton");
        backButton.setOnAction(e -> back.run());
        backButton.visibleProperty().bind(vm.failureProperty().isNotEmpty());
        cancel.visibleProperty().bind(vm.failureProperty().isEmpty());
        StackPane buttons = new StackPane(cancel, backButton);
        root.getChildren().addAll(title, rows, failure, buttons);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(40));
        root.setMaxWidth(640);
        root.getStyleClass().add("startup");
        vm.parts().addListener((ListChangeListener<PartRow>) change -> render());
        render();
    }

    private void render() {
        rows.getChildren().clear();
        int r = 0;
        for (PartRow row : vm.parts()) {
            Label name = new Label(row.part().label());
            name.getStyleClass().add("startup-part");
            Label state = new Label(row.state().name().toLowerCase(java.util.Locale.ROOT));
            state.getStyleClass()
                    .addAll("startup-state", "state-" + row.state().name().toLowerCase(java.util.Locale.ROOT));
            // The part and its state keep their width; a long message is what gets cut.
            name.setMinWidth(Region.USE_PREF_SIZE);
            state.setMinWidth(Region.USE_PREF_SIZE);
            Label message = new Label(row.message());
            message.getStyleClass().add("startup-message");
            rows.addRow(r++, indicator(row.state()), name, state, message);
        }
    }

    private static Node indicator(PartState state) {
        return switch (state) {
            case STARTING -> {
                ProgressIndicator spinner = new ProgressIndicator();
                spinner.setPrefSize(20, 20);
                yield spinner;
            }
            case READY -> icon("mdi2c-check-circle", "icon-ok");
            case FAILED -> icon("mdi2a-alert-circle", "icon-failed");
            case RESTARTING -> icon("mdi2r-restart", "icon-failed");
            case STOPPED -> icon("mdi2s-stop-circle-outline", "icon-off");
            case WAITING -> icon("mdi2c-circle-outline", "icon-off");
        };
    }

    private static Node icon(String code, String styleClass) {
        FontIcon icon = new FontIcon(code);
        icon.setIconSize(20);
        icon.getStyleClass().add(styleClass);
        return icon;
    }

    public Parent root() {
        StackPane centered = new StackPane(root);
        centered.getStyleClass().add("startup-page");
        return centered;
    }
}
