package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.Theme;
import io.pulseboard.ui.tiles.TileStyle;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;

/** Streams state, lag, latency and one status light per stack part, inside the health tile. */
final class HealthPanel {

    private static final double TREND_WIDTH = 60;
    private static final double TREND_HEIGHT = 14;
    private final DashboardViewModel vm;
    private final VBox root = new VBox(6);
    private final Label state = value("state");
    private final Label lag = value("lag");
    private final Label backlog = value("backlog");
    private final Polyline lagTrend = new Polyline();
    private final Label latency = value("latency");
    private final Light kafka = new Light("Kafka", "kafkaLight");
    private final Light redis = new Light("Redis", "redisLight");
    private final Light history = new Light("History", "historyLight");
    private final Light reference = new Light("PostgreSQL", "referenceLight");

    HealthPanel(DashboardViewModel vm) {
        this.vm = vm;
        GridPane figures = new GridPane();
        figures.setHgap(8);
        figures.setVgap(2);
        figures.addRow(0, name("Streams"), state);
        figures.addRow(1, name("Lag"), lag);
        lag.setTooltip(new Tooltip(
                "How far processing is behind the input, as time; while catching up, when it will have caught up"));
        lag.setWrapText(true);
        Pane trend = new Pane(lagTrend);
        trend.setId("lagTrend");
        trend.setPrefSize(TREND_WIDTH, TREND_HEIGHT);
        trend.setMinSize(TREND_WIDTH, TREND_HEIGHT);
        trend.setMaxSize(TREND_WIDTH, TREND_HEIGHT);
        lagTrend.getStyleClass().add("lag-sparkline");
        HBox backlogBox = new HBox(6, backlog, trend);
        backlogBox.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        backlog.setTooltip(new Tooltip("Input records not yet processed; the line beside it is their recent trend"));
        figures.addRow(2, name("Records"), backlogBox);
        latency.setTooltip(new Tooltip("Event-to-dashboard latency, 99th percentile"));
        figures.addRow(3, name("p99"), latency);
        FlowPane lights = new FlowPane(12, 4, kafka.box, redis.box, history.box, reference.box);
        reference.box.setVisible(false);
        reference.box.setManaged(false);
        root.getChildren().addAll(figures, lights);
        root.getStyleClass().add("health-panel");
    }

    VBox root() {
        return root;
    }

    void refresh() {
        state.setText(vm.streamsStateProperty().get());
        lag.setText(vm.lagTextProperty().get());
        backlog.setText(vm.lagRecordsTextProperty().get());
        drawTrend(vm.lagHistory());
        latency.setText(vm.latencyTextProperty().get());
        kafka.show(vm.kafkaLightProperty());
        redis.show(vm.redisLightProperty());
        history.show(vm.historyLightProperty());
        reference.show(vm.referenceLightProperty());
        // Only a session with a reference database has this light (not configured is not news).
        boolean referenceShown = vm.referenceLightProperty().get().level() != StatusLight.Level.OFF;
        reference.box.setVisible(referenceShown);
        reference.box.setManaged(referenceShown);
    }

    /** The backlog's recent points as a line, scaled to its own range (zero at the bottom). */
    private void drawTrend(List<Double> points) {
        double max = points.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Double> xy = new java.util.ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double x = points.size() == 1 ? TREND_WIDTH : i * TREND_WIDTH / (points.size() - 1);
            double y = max > 0 ? TREND_HEIGHT - points.get(i) / max * TREND_HEIGHT : TREND_HEIGHT;
            xy.add(x);
            xy.add(y);
        }
        if (!lagTrend.getPoints().equals(xy)) {
            lagTrend.getPoints().setAll(xy);
        }
    }

    void applyTheme(Theme theme) {
        root.getStyleClass().removeAll(Theme.DARK.styleClass(), Theme.LIGHT.styleClass());
        root.getStyleClass().add(theme.styleClass());
    }

    private static Label name(String text) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.getStyleClass().add("health-name");
        return label;
    }

    private static Label value(String id) {
        Label label = new Label(DashboardViewModel.PLACEHOLDER);
        label.setId(id + "Value");
        label.getStyleClass().add("health-value");
        return label;
    }

    /**
     * A coloured dot, the part's name and its state in words ("Redis down"), so that the state does not
     * rest on colour alone; the detail as tooltip and accessible text.
     */
    private static final class Light {
        final Circle dot = new Circle(6);
        final String name;
        final Label label;
        final Label state = new Label();
        final Tooltip tooltip = new Tooltip();
        final HBox box;

        Light(String text, String id) {
            name = text;
            label = new Label(text);
            label.getStyleClass().add("health-name");
            state.getStyleClass().add("light-state");
            state.setId(id + "State");
            box = new HBox(4, dot, label, state);
            box.setId(id);
            Tooltip.install(box, tooltip);
            dot.setFill(TileStyle.OFF);
        }

        void show(ReadOnlyObjectProperty<StatusLight> light) {
            dot.setFill(colorOf(light.get().level()));
            state.setText(wordFor(light.get().level()));
            tooltip.setText(light.get().text());
            box.setAccessibleText(name + " " + wordFor(light.get().level()) + ": "
                    + light.get().text());
        }

        static String wordFor(StatusLight.Level level) {
            return switch (level) {
                case OK -> "OK";
                case WARNING -> "warning";
                case FAILED -> "down";
                case OFF -> "off";
            };
        }

        private static Color colorOf(StatusLight.Level level) {
            return switch (level) {
                case OK -> TileStyle.GOOD;
                case WARNING -> TileStyle.WARN;
                case FAILED -> TileStyle.BAD;
                case OFF -> TileStyle.OFF;
            };
        }
    }
}
