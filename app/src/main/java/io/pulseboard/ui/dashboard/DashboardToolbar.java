package io.pulseboard.ui.dashboard;

import java.io.File;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ObservableMap;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The dashboard's controls: pause, generator rate, time zone, theme, export, history, alerts, help; and its
 * status line. When the window is too narrow for the buttons' labels, the buttons show only their
 * icons (the tooltips name them and their shortcuts), so no label is ever cut to "Pa…". The {@link
 * DashboardShortcut}s are installed on the scene while the dashboard is shown.
 */
final class DashboardToolbar {

    /** What the zone box offers first; any other zone id can be typed. */
    static final String LOCAL = "Local time";

    private final HBox root = new HBox(10);
    private final Label status = new Label();
    /** How long a message stands where "updated HH:mm:ss" stands before the clock is shown again. */
    private final PauseTransition messageShown = new PauseTransition(javafx.util.Duration.seconds(8));

    private final List<ButtonBase> buttons = new ArrayList<>();
    private final Map<DashboardShortcut, Runnable> actions = new EnumMap<>(DashboardShortcut.class);
    private final ShortcutHelp help = new ShortcutHelp();
    private final ComboBox<String> zone = new ComboBox<>();
    private boolean compact;
    /** The toolbar's preferred width with labels, measured while they were shown. */
    private double fullWidth;

    private final Button business = new Button("Business", new FontIcon("mdi2b-briefcase-outline"));
    /** Goes back from a page (the drill-down) on Esc; false when there is nowhere to go back to. */
    private final java.util.function.BooleanSupplier back;

    DashboardToolbar(
            DashboardViewModel vm,
            String mode,
            Runnable toggleTheme,
            Runnable openHistory,
            Runnable openAlerts,
            Runnable toggleBusiness,
            java.util.function.BooleanSupplier back,
            DashboardView view) {
        this.back = back;
        Label title = new Label("Pulseboard");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label modeLabel = new Label(mode);
        modeLabel.getStyleClass().add("mode-label");
        modeLabel.setMinWidth(Region.USE_PREF_SIZE);

        ToggleButton pause = new ToggleButton("Pause", new FontIcon("mdi2p-pause"));
        pause.setId("pauseButton");
        pause.selectedProperty().addListener((obs, was, now) -> {
            vm.setPaused(now);
            pause.setText(now ? "Resume" : "Pause");
            pause.setGraphic(new FontIcon(now ? "mdi2p-play" : "mdi2p-pause"));
            tooltip(pause, now ? "Resume the live tiles" : "Pause the live tiles", DashboardShortcut.PAUSE);
        });
        register(pause, "Pause the live tiles", DashboardShortcut.PAUSE, () -> pause.setSelected(!pause.isSelected()));

        Label rateLabel = new Label();
        rateLabel.setId("rateLabel");
        rateLabel.setMinWidth(Region.USE_PREF_SIZE);
        rateLabel.textProperty().bind(vm.generatorRateTextProperty());
        Slider rate = new Slider(100, 20_000, vm.generatorRateProperty().get());
        rate.setId("rateSlider");
        rate.setPrefWidth(140);
        rate.setMinWidth(80);
        rate.setTooltip(new Tooltip("Generator rate (local demo)"));
        rate.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                vm.setGeneratorRate((int) rate.getValue());
            }
        });
        rate.setOnMouseReleased(e -> vm.setGeneratorRate((int) rate.getValue()));
        vm.generatorRateProperty().addListener((obs, was, now) -> {
            if (!rate.isValueChanging()) {
                rate.setValue(now.doubleValue());
            }
        });
        HBox rateBox = new HBox(6, new FontIcon("mdi2s-speedometer"), rate, rateLabel);
        rateBox.setAlignment(Pos.CENTER_LEFT);
        rateBox.setVisible(vm.rateAdjustable());
        rateBox.setManaged(vm.rateAdjustable());

        zone.setId("zoneChoice");
        zone.setEditable(true);
        zone.setPrefWidth(150);
        zone.setMinWidth(Region.USE_PREF_SIZE);
        zone.setTooltip(new Tooltip("Time zone of every time shown: pick one or type a zone id, e.g. Europe/Berlin"));
        zone.getItems().add(LOCAL);
        zone.getItems().add("UTC");
        ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
                .sorted()
                .forEach(zone.getItems()::add);
        zone.setValue(label(vm.zoneProperty().get()));
        zone.valueProperty()
                .addListener((obs, was, now) -> parse(now).ifPresentOrElse(vm::setZone, () -> {
                    // Not a zone: keep the one in use and say what is expected.
                    zone.setValue(label(vm.zoneProperty().get()));
                    say("'" + now + "' is not a time zone; type e.g. UTC or Europe/Berlin");
                }));
        vm.zoneProperty().addListener((obs, was, now) -> zone.setValue(label(now)));

        // Theme and Keys are icons only at every width: their icons say what they do, their tooltips
        // name them, and the labels of the others (Alerts included) then fit a 1600 px window.
        Button theme = new Button("", new FontIcon("mdi2t-theme-light-dark"));
        theme.setId("themeButton");
        theme.setAccessibleText("Theme");
        register(theme, "Switch the theme", DashboardShortcut.THEME, toggleTheme);

        Button png = new Button("PNG", new FontIcon("mdi2i-image-outline"));
        png.setId("exportPngButton");
        register(
                png,
                "Export the dashboard as a PNG image",
                DashboardShortcut.EXPORT_PNG,
                () -> choose("pulseboard-dashboard.png", "PNG image", "*.png")
                        .ifPresent(file -> report(view.exportPng(file), "PNG")));
        Button csv = new Button("CSV", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("exportCsvButton");
        register(
                csv,
                "Export the visible series as CSV",
                DashboardShortcut.EXPORT_CSV,
                () -> choose("pulseboard-series.csv", "CSV file", "*.csv")
                        .ifPresent(file -> report(view.exportCsv(file), "CSV")));

        business.setId("businessButton");
        register(
                business,
                "Targets, categories and channels; a region's drill-down",
                DashboardShortcut.BUSINESS,
                toggleBusiness);

        Button history = new Button("History", new FontIcon("mdi2c-chart-timeline-variant"));
        history.setId("historyButton");
        register(history, "Query the stored history, compare periods", DashboardShortcut.HISTORY, openHistory);

        Button alerts = new Button("Alerts", new FontIcon("mdi2b-bell-outline"));
        alerts.setId("alertsButton");
        register(
                alerts,
                "Alerts: firing, acknowledged, resolved; acknowledge, export",
                DashboardShortcut.ALERTS,
                openAlerts);

        Button helpButton = new Button("", new FontIcon("mdi2k-keyboard-outline"));
        helpButton.setId("helpButton");
        helpButton.setAccessibleText("Keyboard shortcuts");
        register(helpButton, "Keyboard shortcuts", DashboardShortcut.HELP, help::toggle);
        actions.put(DashboardShortcut.HELP_QUESTION_MARK, help::toggle);
        actions.put(DashboardShortcut.FULL_SCREEN, this::toggleFullScreen);

        status.setId("lastUpdated");
        status.textProperty().bind(vm.lastUpdatedProperty());
        messageShown.setOnFinished(e -> status.textProperty().bind(vm.lastUpdatedProperty()));
        status.setMinWidth(Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setId("dashboardProblem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(vm.problemProperty());
        Tooltip problemTip = new Tooltip();
        problemTip.textProperty().bind(vm.problemProperty());
        problem.setTooltip(problemTip);
        problem.setMinWidth(0);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root.getChildren()
                .addAll(
                        title,
                        modeLabel,
                        pause,
                        rateBox,
                        zone,
                        theme,
                        png,
                        csv,
                        business,
                        history,
                        alerts,
                        helpButton,
                        spacer,
                        problem,
                        status);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(8, 12, 8, 12));
        root.getStyleClass().add("toolbar");
        root.widthProperty().addListener((obs, was, now) -> adapt());
        root.sceneProperty().addListener((obs, was, now) -> {
            if (was != null) {
                uninstall(was);
            }
            if (now != null) {
                install(now);
                Platform.runLater(this::adapt);
            }
        });
    }

    HBox root() {
        return root;
    }

    /** The help overlay, to lay over the dashboard. */
    ShortcutHelp help() {
        return help;
    }

    /** Whether the buttons show only their icons. */
    boolean compact() {
        return compact;
    }

    /** Runs a shortcut's action, as its keys do. */
    void run(DashboardShortcut shortcut) {
        actions.get(shortcut).run();
    }

    private void register(ButtonBase button, String what, DashboardShortcut shortcut, Runnable action) {
        button.setMinWidth(Region.USE_PREF_SIZE);
        tooltip(button, what, shortcut);
        if (!(button instanceof ToggleButton)) {
            button.setOnAction(e -> action.run());
        }
        buttons.add(button);
        actions.put(shortcut, action);
    }

    private static void tooltip(ButtonBase button, String what, DashboardShortcut shortcut) {
        button.setTooltip(new Tooltip(what + " (" + shortcut.keyText() + ")"));
        button.setAccessibleHelp(what);
    }

    /** Labels when there is room for them, icons only when there is not. */
    private void adapt() {
        if (root.getScene() == null || root.getWidth() <= 0) {
            return;
        }
        if (!compact) {
            fullWidth = root.prefWidth(-1);
        }
        boolean narrow = root.getWidth() < fullWidth;
        if (narrow != compact) {
            compact = narrow;
            buttons.forEach(b -> b.setContentDisplay(narrow ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT));
        }
    }

    // One instance: each `this::escapeClosesHelp` is a new object, and removing a new one removed
    // nothing, so every visit to the dashboard left a filter (and the whole dashboard) on the scene.
    private final EventHandler<KeyEvent> escapeFilter = this::escapeClosesHelp;

    private void install(Scene scene) {
        ObservableMap<KeyCombination, Runnable> accelerators = scene.getAccelerators();
        actions.forEach((shortcut, action) -> accelerators.put(shortcut.keys(), action));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, escapeFilter);
    }

    private void uninstall(Scene scene) {
        actions.keySet().forEach(shortcut -> scene.getAccelerators().remove(shortcut.keys()));
        scene.removeEventFilter(KeyEvent.KEY_PRESSED, escapeFilter);
        help.hide();
    }

    private void escapeClosesHelp(KeyEvent event) {
        if (event.getCode() != KeyCode.ESCAPE) {
            return;
        }
        if (help.showing()) {
            help.hide();
            event.consume();
        } else if (back.getAsBoolean()) {
            event.consume();
        }
    }

    /** Names the page the Business button leads to: the live page while the business page is shown. */
    void businessShown(boolean shown) {
        business.setText(shown ? "Live" : "Business");
        business.setGraphic(new FontIcon(shown ? "mdi2v-view-dashboard-outline" : "mdi2b-briefcase-outline"));
    }

    private void toggleFullScreen() {
        Window window = root.getScene() == null ? null : root.getScene().getWindow();
        if (window instanceof Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }

    /** {@value #LOCAL} for the system's zone, else the zone's id. */
    private static String label(ZoneId zoneId) {
        if (zoneId.equals(ZoneId.systemDefault())) {
            return LOCAL;
        }
        return zoneId.equals(ZoneOffset.UTC) ? "UTC" : zoneId.getId();
    }

    private static Optional<ZoneId> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.strip().equals(LOCAL)) {
            return Optional.of(ZoneId.systemDefault());
        }
        try {
            return Optional.of(ZoneId.of(text.strip()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> choose(String name, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }

    private void report(CompletableFuture<Path> export, String what) {
        export.whenComplete((file, error) -> Platform.runLater(() ->
                say(error == null ? what + " written to " + file : what + " export failed: " + error.getMessage())));
    }

    /**
     * Shows a message in place of "updated HH:mm:ss" for a few seconds, then the clock again (the
     * status used to stay unbound after the first message, its clock frozen for good).
     */
    private void say(String message) {
        status.textProperty().unbind();
        status.setText(message);
        messageShown.playFromStart();
    }
}
