package io.pulseboard.ui.alerts;

import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.ui.tiles.TileStyle;
import java.io.File;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Alerts: state filter, search, acknowledge with a note and CSV on top; the table of alerts below,
 * open ones first. While shown it reads the log every {@value #REFRESH_SECONDS} s, so an alert that
 * fires, or is acknowledged on another desktop, appears without a click.
 */
public final class AlertsView {

    static final int REFRESH_SECONDS = 2;

    private final AlertsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TableView<LoggedAlert> table = new TableView<>();
    private final TextField note = new TextField();
    private final Timeline refresh;

    public AlertsView(AlertsViewModel vm, Runnable backToLive) {
        this.vm = vm;
        Button back = new Button("Live dashboard", new FontIcon("mdi2v-view-dashboard-outline"));
        back.setId("liveButton");
        back.setOnAction(e -> backToLive.run());
        Label heading = new Label("Alerts");
        heading.getStyleClass().add("app-title");
        ChoiceBox<AlertsViewModel.StateFilter> states = new ChoiceBox<>();
        states.setId("alertStateFilter");
        states.getItems().setAll(AlertsViewModel.StateFilter.values());
        states.valueProperty().bindBidirectional(vm.filterProperty());
        TextField search = new TextField();
        search.setId("alertSearch");
        search.setPromptText("Filter: rule, region, text");
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(vm.searchProperty());
        Button reload = new Button("Refresh", new FontIcon("mdi2r-refresh"));
        reload.setId("alertsRefreshButton");
        reload.setOnAction(e -> vm.refresh());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.loadingProperty());

        note.setId("acknowledgeNote");
        note.setPromptText("Note (optional)");
        note.setPrefColumnCount(18);
        Button acknowledge = new Button("Acknowledge", new FontIcon("mdi2c-check-circle-outline"));
        acknowledge.setId("acknowledgeButton");
        acknowledge.setOnAction(e -> acknowledgeSelected());
        note.setOnAction(e -> acknowledgeSelected());
        // Enabled for a firing alert only; the tooltip says why not otherwise.
        var refusal = Bindings.createObjectBinding(
                () -> vm.acknowledgeRefusal(table.getSelectionModel().getSelectedItem()),
                table.getSelectionModel().selectedItemProperty(),
                vm.shown());
        acknowledge
                .disableProperty()
                .bind(Bindings.createBooleanBinding(() -> refusal.get().isPresent(), refusal));
        note.disableProperty().bind(acknowledge.disableProperty());
        Tooltip why = new Tooltip();
        why.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> refusal.get().orElse("Acknowledge the selected alert as " + vm.user()), refusal));
        acknowledge.setTooltip(why);
        Button csv = new Button("CSV", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("alertsCsvButton");
        csv.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("pulseboard-alerts.csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV file", "*.csv"));
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                vm.exportCsv(file.toPath());
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, back, heading, states, search, reload, progress, spacer, note, acknowledge, csv);
        bar.getChildren().forEach(node -> {
            if (node instanceof javafx.scene.control.Control control && node != search && node != note) {
                control.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        bar.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("alertsSummary");
        summary.getStyleClass().add("mode-label");
        summary.textProperty().bind(vm.summaryProperty());
        Label message = new Label();
        message.setId("alertsMessage");
        message.getStyleClass().add("mode-label");
        message.textProperty().bind(vm.messageProperty());
        Label error = new Label();
        error.setId("alertsError");
        error.getStyleClass().add("problem");
        error.textProperty().bind(vm.errorProperty());
        error.setWrapText(true);
        Label readOnly = new Label(vm.readOnlyReason().orElse(""));
        readOnly.getStyleClass().add("mode-label");
        readOnly.setWrapText(true);
        readOnly.setVisible(vm.readOnlyReason().isPresent());
        readOnly.setManaged(vm.readOnlyReason().isPresent());
        HBox status = new HBox(16, summary, message, error);
        status.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, bar, status, readOnly);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("toolbar");

        table.setId("alertsTable");
        table.setItems(vm.shown());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label(
                vm.readOnlyReason().isPresent()
                        ? "No alert since the app opened."
                        : "No alerts. Rules live in PostgreSQL's alert_rules (README, \"Alerts\")."));
        table.getColumns().add(stateColumn());
        table.getColumns().add(text("Region", 90, LoggedAlert::region));
        table.getColumns().add(text("Rule", 150, LoggedAlert::ruleName));
        TableColumn<LoggedAlert, String> what = text("What", 320, LoggedAlert::message);
        table.getColumns().add(what);
        table.getColumns().add(text("Fired", 155, a -> vm.time(a.firedAt())));
        table.getColumns()
                .add(text("Value", 80, a -> a.firedValue().map(vm::value).orElse("")));
        table.getColumns()
                .add(text("Resolved", 155, a -> a.resolvedAt().map(vm::time).orElse("")));
        table.getColumns()
                .add(text(
                        "Acknowledged",
                        220,
                        a -> a.acknowledgedBy()
                                .map(by -> by
                                        + a.acknowledgedAt()
                                                .map(t -> ", " + vm.time(t))
                                                .orElse("")
                                        + (a.note().isEmpty() ? "" : ": " + a.note()))
                                .orElse("")));
        BorderPane.setMargin(table, new Insets(8, 12, 12, 12));
        root.setTop(top);
        root.setCenter(table);

        refresh = new Timeline(new KeyFrame(Duration.seconds(REFRESH_SECONDS), e -> vm.refresh()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        // A changed zone redraws the times.
        vm.zoneProperty().addListener((obs, was, now) -> table.refresh());
    }

    private void acknowledgeSelected() {
        LoggedAlert selected = table.getSelectionModel().getSelectedItem();
        if (vm.acknowledgeRefusal(selected).isPresent()) {
            return;
        }
        String text = note.getText();
        vm.acknowledge(selected, text).thenAccept(line -> {
            if (line.startsWith("Acknowledged")) {
                note.clear();
            }
        });
    }

    private TableColumn<LoggedAlert, LoggedAlert> stateColumn() {
        TableColumn<LoggedAlert, LoggedAlert> column = new TableColumn<>("State");
        column.setPrefWidth(190);
        column.setMinWidth(190);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LoggedAlert alert, boolean empty) {
                super.updateItem(alert, empty);
                if (empty || alert == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                // The words say the state and severity; the dot's colour only repeats the severity.
                Color color = alert.state() == LoggedAlert.State.RESOLVED
                        ? TileStyle.OFF
                        : TileStyle.severity(alert.severity().orElse(null));
                setGraphic(new Circle(5, color));
                setText(alert.state().name()
                        + alert.severity().map(s -> " · " + s.name()).orElse(""));
            }
        });
        return column;
    }

    private static TableColumn<LoggedAlert, String> text(
            String title, double width, Function<LoggedAlert, String> value) {
        TableColumn<LoggedAlert, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        // Times and short fields keep their width; the free text columns give way.
        if (width <= 160) {
            column.setMinWidth(width);
        }
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    /** Reads the alerts now and then every {@value #REFRESH_SECONDS} s. */
    public void start() {
        vm.refresh();
        refresh.play();
    }

    /** Stops the periodic reading. */
    public void stop() {
        refresh.stop();
    }

    public Parent root() {
        return root;
    }

    /** Selects the alert with {@code alertId} if listed, for the tour and tests. */
    public Optional<LoggedAlert> select(String alertId) {
        Optional<LoggedAlert> alert =
                vm.shown().stream().filter(a -> a.alertId().equals(alertId)).findFirst();
        alert.ifPresent(a -> table.getSelectionModel().select(a));
        return alert;
    }

    /** Types a note and presses Acknowledge, as a user does; for tests. */
    public void acknowledgeSelected(String text) {
        note.setText(text);
        acknowledgeSelected();
    }
}
