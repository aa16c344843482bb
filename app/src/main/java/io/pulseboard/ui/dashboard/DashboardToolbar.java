package io.pulseboard.ui.dashboard;

import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/** The dashboard's controls: pause, generator rate, time zone, theme, export; and its status line. */
final class DashboardToolbar {

    private final HBox root = new HBox(10);
    private final Label status = new Label();

    DashboardToolbar(
            DashboardViewModel vm, String mode, Runnable toggleTheme, Runnable openHistory, DashboardView view) {
        Label title = new Label("Pulseboard");
        title.getStyleClass().add("app-title");
        Label modeLabel = new Label(mode);
        modeLabel.getStyleClass().add("mode-label");

        ToggleButton pause = new ToggleButton("Pause", new FontIcon("mdi2p-pause"));
        pause.setId("pauseButton");
        pause.selectedProperty().addListener((obs, was, now) -> {
            vm.setPaused(now);
            pause.setText(now ? "Resume" : "Pause");
            pause.setGraphic(new FontIcon(now ? "mdi2p-play" : "mdi2p-pause"));
        });

        Label rateLabel = new Label();
        rateLabel.textProperty().bind(vm.generatorRateTextProperty());
        Slider rate = new Slider(100, 20_000, vm.generatorRateProperty().get());
        rate.setId("rateSlider");
        rate.setPrefWidth(160);
        rate.setTooltip(new Tooltip("Generator rate (local demo)"));
        rate.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                vm.setGeneratorRate((int) rate.getValue());
            }
        });
        rate.setOnMouseReleased(e -> vm.setGeneratorRate((int) rate.getValue()));
        HBox rateBox = new HBox(6, new FontIcon("mdi2s-speedometer"), rate, rateLabel);
        rateBox.setAlignment(Pos.CENTER_LEFT);
        rateBox.setVisible(vm.rateAdjustable());
        rateBox.setManaged(vm.rateAdjustable());

        ChoiceBox<String> zone = new ChoiceBox<>();
        zone.setId("zoneChoice");
        zone.getItems().addAll("Local time", "UTC");
        zone.setValue("Local time");
        zone.valueProperty()
                .addListener(
                        (obs, was, now) -> vm.setZone(now.equals("UTC") ? ZoneOffset.UTC : ZoneId.systemDefault()));

        Button theme = new Button("Theme", new FontIcon("mdi2t-theme-light-dark"));
        theme.setId("themeButton");
        theme.setOnAction(e -> toggleTheme.run());

        Button png = new Button("PNG", new FontIcon("mdi2i-image-outline"));
        png.setId("exportPngButton");
        png.setTooltip(new Tooltip("Export the dashboard as a PNG image"));
        png.setOnAction(e -> choose("pulseboard-dashboard.png", "PNG image", "*.png")
                .ifPresent(file -> report(view.exportPng(file), "PNG")));
        Button csv = new Button("CSV", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("exportCsvButton");
        csv.setTooltip(new Tooltip("Export the visible series as CSV"));
        csv.setOnAction(e -> choose("pulseboard-series.csv", "CSV file", "*.csv")
                .ifPresent(file -> report(view.exportCsv(file), "CSV")));

        Button history = new Button("History", new FontIcon("mdi2c-chart-timeline-variant"));
        history.setId("historyButton");
        history.setTooltip(new Tooltip("Query the stored history, compare periods"));
        history.setOnAction(e -> openHistory.run());

        status.setId("lastUpdated");
        status.textProperty().bind(vm.lastUpdatedProperty());
        Label problem = new Label();
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(vm.problemProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren()
                .addAll(title, modeLabel, pause, rateBox, zone, theme, png, csv, history, spacer, problem, status);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(8, 12, 8, 12));
        root.getStyleClass().add("toolbar");
    }

    HBox root() {
        return root;
    }

    private java.util.Optional<Path> choose(String name, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        return java.util.Optional.ofNullable(file).map(File::toPath);
    }

    private void report(CompletableFuture<Path> export, String what) {
        export.whenComplete((file, error) -> Platform.runLater(() -> {
            status.textProperty().unbind();
            status.setText(
                    error == null ? what + " written to " + file : what + " export failed: " + error.getMessage());
        }));
    }
}
