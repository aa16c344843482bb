package io.pulseboard.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.skins.BarChartItem;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.export.CsvFile;
import io.pulseboard.ui.tiles.TileItems;
import io.pulseboard.ui.tiles.TileStyle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * The live dashboard: TilesFX tiles bound to a {@link DashboardViewModel}. It owns the UI cadence
 * (a {@link Timeline} at {@value #CADENCE_MS} ms calling {@link DashboardViewModel#pulse()}), so the
 * pipeline never schedules work on the FX thread.
 */
public final class DashboardView {

    static final int CADENCE_MS = 200;

    private final DashboardViewModel vm;
    private final Executor io;
    private final BorderPane root = new BorderPane();
    /** The dashboard with the shortcut help laid over it. */
    private final StackPane layers = new StackPane(root);

    private final GridPane grid = new GridPane();
    private final DashboardToolbar toolbar;
    private final HealthPanel health;
    private final Timeline cadence;
    private final Tile eventsIn = TileStyle.tile(Tile.SkinType.SPARK_LINE, "Events in")
            .maxValue(TileStyle.UNBOUNDED)
            .unit("/s")
            .decimals(0)
            .build();
    private final Tile eventsOut = TileStyle.tile(Tile.SkinType.SPARK_LINE, "Metric updates out")
            .maxValue(TileStyle.UNBOUNDED)
            .unit("/s")
            .decimals(0)
            .build();
    private final Tile revenue = TileStyle.tile(Tile.SkinType.NUMBER, "Revenue, last 5 min")
            .maxValue(TileStyle.UNBOUNDED)
            .unit("USD")
            .decimals(2)
            .build();
    private final Tile orders = TileStyle.tile(Tile.SkinType.NUMBER, "Orders, last 5 min")
            .maxValue(TileStyle.UNBOUNDED)
            .decimals(0)
            .build();
    private final Tile healthTile;
    private final Tile regions = TileStyle.tile(Tile.SkinType.BAR_CHART, "Sales by region")
            .decimals(0)
            .build();
    private final TrendChart trendChart = new TrendChart();
    private final TopCustomersPanel topCustomers;
    private final Tile trend;
    private final Tile customers;
    private final Tile distribution = TileStyle.tile(Tile.SkinType.BAR_CHART, "Engagement score distribution")
            .decimals(0)
            .build();
    private final Tile deadLetters = TileStyle.tile(Tile.SkinType.NUMBER, "Dead letters")
            .maxValue(TileStyle.UNBOUNDED)
            .decimals(0)
            .build();
    private final Tile reasons = TileStyle.tile(Tile.SkinType.BAR_CHART, "Dead letters by reason")
            .decimals(0)
            .build();

    private final TileItems regionItems = new TileItems(regions, TileStyle.ACCENT);
    private final TileItems distributionItems = new TileItems(distribution, TileStyle.ACCENT);
    private final TileItems reasonItems = new TileItems(reasons, TileStyle.WARN);

    public DashboardView(DashboardViewModel vm, String mode, Executor io, Runnable toggleTheme, Runnable openHistory) {
        this.vm = vm;
        this.io = io;
        trend = TileStyle.tile(Tile.SkinType.CUSTOM, "Revenue trend, last hour (all regions, per 5-minute window)")
                .graphic(trendChart.node())
                .build();
        topCustomers = new TopCustomersPanel(vm);
        customers = TileStyle.tile(Tile.SkinType.CUSTOM, "Most engaged customers, this hour")
                .graphic(topCustomers.root())
                .build();
        health = new HealthPanel(vm);
        healthTile = TileStyle.tile(Tile.SkinType.CUSTOM, "Pipeline health")
                .graphic(health.root())
                .build();
        toolbar = new DashboardToolbar(vm, mode, toggleTheme, openHistory, this);
        layout();
        bind();
        cadence = new Timeline(new KeyFrame(Duration.millis(CADENCE_MS), e -> vm.pulse()));
        cadence.setCycleCount(Timeline.INDEFINITE);
    }

    private void layout() {
        grid.getStyleClass().add("dashboard-grid");
        grid.setHgap(10);
        grid.setVgap(10);
        for (int c = 0; c < 5; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(20);
            column.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(column);
        }
        for (int r = 0; r < 3; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100 / 3.0);
            row.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(row);
        }
        for (Tile t : tiles()) {
            t.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            t.setMinSize(120, 120);
        }
        grid.add(eventsIn, 0, 0);
        grid.add(eventsOut, 1, 0);
        grid.add(revenue, 2, 0);
        grid.add(orders, 3, 0);
        grid.add(healthTile, 4, 0);
        grid.add(regions, 0, 1, 2, 1);
        grid.add(trend, 2, 1, 3, 1);
        grid.add(customers, 0, 2);
        grid.add(distribution, 1, 2);
        grid.add(deadLetters, 2, 2);
        grid.add(reasons, 3, 2, 2, 1);
        eventsIn.setId("eventsInTile");
        revenue.setId("revenueTile");
        orders.setId("ordersTile");
        regions.setId("regionsTile");
        trend.setId("trendTile");
        root.setTop(toolbar.root());
        root.setCenter(grid);
        root.getStyleClass().add("dashboard");
        layers.getChildren().add(toolbar.help().root());
    }

    private void bind() {
        vm.appliedSnapshotsProperty().addListener((obs, old, now) -> refresh());
        vm.zoneProperty().addListener((obs, old, now) -> refresh());
    }

    /** Pushes the view model's values into the tiles; once per applied snapshot. */
    private void refresh() {
        eventsIn.setValue(vm.eventsInProperty().get());
        eventsOut.setValue(vm.eventsOutProperty().get());
        revenue.setValue(vm.windowRevenueProperty().get().doubleValue());
        revenue.setText(changeText(vm.revenueChangePercentProperty().get()) + " · "
                + vm.windowLabelProperty().get());
        orders.setValue(vm.windowOrdersProperty().get());
        orders.setText(changeText(vm.ordersChangePercentProperty().get()) + " · "
                + vm.windowLabelProperty().get());
        trendChart.show(vm.revenueTrend());
        topCustomers.refresh();
        LinkedHashMap<String, Double> buckets = new LinkedHashMap<>();
        vm.scoreDistribution().forEach(b -> buckets.put(b.label() + " points", (double) b.customers()));
        distributionItems.bars(buckets);
        deadLetters.setValue(vm.deadLettersProperty().get());
        deadLetters.setText(String.format(
                Locale.ROOT,
                "late %,d · %.1f/s now",
                vm.lateRecordsProperty().get(),
                vm.deadLetterRateProperty().get()));
        LinkedHashMap<String, Double> reasonCounts = new LinkedHashMap<>();
        vm.deadLetterReasons().forEach(r -> reasonCounts.put(r.reason(), (double) r.count()));
        reasonItems.bars(reasonCounts);
        reasons.setText(reasonCounts.isEmpty() ? "no rejected records" : "");
        refreshRegions();
        health.refresh();
    }

    private void refreshRegions() {
        LinkedHashMap<String, Double> bars = new LinkedHashMap<>();
        vm.regions().forEach(r -> bars.put(r.region(), r.revenue().doubleValue()));
        regionItems.bars(bars);
        regions.setText("revenue (USD), window " + vm.windowLabelProperty().get());
    }

    private static String changeText(double percent) {
        return Double.isNaN(percent) ? "first window" : String.format(Locale.ROOT, "%+.1f%% vs previous", percent);
    }

    private List<Tile> tiles() {
        return List.of(
                eventsIn,
                eventsOut,
                revenue,
                orders,
                healthTile,
                regions,
                trend,
                customers,
                distribution,
                deadLetters,
                reasons);
    }

    public void applyTheme(Theme theme) {
        tiles().forEach(t -> TileStyle.apply(t, theme));
        health.applyTheme(theme);
    }

    public Parent root() {
        return layers;
    }

    /** Runs a keyboard shortcut's action (as its keys do), for tests and the tour. */
    public void run(DashboardShortcut shortcut) {
        toolbar.run(shortcut);
    }

    /** Whether the toolbar shows its buttons as icons only (the window is too narrow for labels). */
    public boolean toolbarCompact() {
        return toolbar.compact();
    }

    /** Whether the keyboard shortcut help is shown. */
    public boolean shortcutHelpShown() {
        return toolbar.help().showing();
    }

    public void start() {
        cadence.play();
    }

    public void stop() {
        cadence.stop();
    }

    /** Snapshots the dashboard (FX thread) and writes the PNG off the FX thread. */
    public CompletableFuture<Path> exportPng(Path file) {
        WritableImage image = root.snapshot(null, null);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
                            throw new IllegalStateException("No PNG writer available");
                        }
                        return file;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("Cannot write " + file, e);
                    }
                },
                io);
    }

    /** Writes the visible series as CSV off the FX thread (the rows are copied on the FX thread). */
    public CompletableFuture<Path> exportCsv(Path file) {
        List<String> rows = vm.csvRows();
        return CompletableFuture.supplyAsync(
                () -> {
                    CsvFile.write(file, rows);
                    return file;
                },
                io);
    }

    /** The trend chart's data as drawn, for tests. */
    public List<XYChart.Data<String, Number>> trendData() {
        return trendChart.data();
    }

    /** The region bars as drawn, for tests. */
    public List<BarChartItem> regionBars() {
        return List.copyOf(regions.getBarChartItems());
    }

    public Tile revenueTile() {
        return revenue;
    }

    public Tile eventsInTile() {
        return eventsIn;
    }
}
