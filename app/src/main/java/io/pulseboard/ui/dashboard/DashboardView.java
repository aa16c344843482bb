package io.pulseboard.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import io.pulseboard.feed.Coalescer;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.export.CsvFile;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.tiles.TileStyle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
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
 * (ADR 0007): a snapshot's arrival asks for a {@link DashboardViewModel#pulse()} on the FX thread,
 * coalesced to at most one every {@value #MIN_PULSE_GAP_MS} ms with never more than one waiting
 * ({@link Coalescer}), and a {@link Timeline} asks every {@value #CADENCE_MS} ms as well, so that what
 * is shown keeps ageing when nothing arrives. The pipeline never schedules work on the FX thread.
 *
 * <p>Every number is written by the view model's {@link DisplayFormat}; headline figures and bars are
 * drawn by the app ({@link KpiPanel}, {@link BarsPanel}) so that they can show a placeholder and keep
 * a fixed order. Each live tile carries a freshness badge ({@link Freshness}) at its top right.
 *
 * <p>Below the toolbar it shows one of three {@link Page}s: the live tiles, the business page
 * (targets, categories, channels; {@link DashboardShortcut#BUSINESS}) and a region's drill-down,
 * opened from a region on either page and left with Back or Esc.
 */
public final class DashboardView {

    /** The re-ageing tick: a pulse at least this often, also without snapshots. */
    static final int CADENCE_MS = 200;
    /** The least time between two pulses: at most 20 a second, whatever arrives. */
    static final int MIN_PULSE_GAP_MS = 50;
    /** The smallest range of a rate tile's axis, per second. */
    private static final double RATE_FLOOR = 10;

    private final DashboardViewModel vm;
    private final Executor io;
    private final BorderPane root = new BorderPane();
    /** The dashboard with the shortcut help laid over it. */
    private final StackPane layers = new StackPane(root);

    private final AlertToast alertToast;
    /** On the region tile while a region's alert fires: how many, which; a click opens the Alerts screen. */
    private final Label regionsAlertBadge = new Label();

    private final GridPane grid = new GridPane();
    private final DashboardToolbar toolbar;
    private final HealthPanel health;
    private final Timeline cadence;
    private final Coalescer pulses;
    // A rate tile's range follows its figures (rate()); TilesFX draws the axis up to the maximum while
    // all points are equal, so an unbounded one read "8000000000000000" at start-up.
    private final Tile eventsIn = TileStyle.tile(Tile.SkinType.SPARK_LINE, "Events in")
            .maxValue(RATE_FLOOR)
            .unit("/s")
            .decimals(0)
            .build();
    private final Tile eventsOut = TileStyle.tile(Tile.SkinType.SPARK_LINE, "Metric updates out")
            .maxValue(RATE_FLOOR)
            .unit("/s")
            .decimals(0)
            .build();
    private final KpiPanel revenuePanel;
    private final KpiPanel ordersPanel;
    private final Tile revenue;
    private final Tile orders;
    private final Tile healthTile;
    private final BarsPanel regionBars = new BarsPanel("regionBars", TileStyle.ACCENT, "waiting for data");
    private final BarsPanel distributionBars =
            new BarsPanel("distributionBars", TileStyle.ACCENT, "no customer activity yet");
    private final BarsPanel reasonBars = new BarsPanel("reasonBars", TileStyle.WARN, "no rejected records");
    private final Tile regions = TileStyle.tile(Tile.SkinType.CUSTOM, "Sales by region")
            .graphic(regionBars.root())
            .build();
    private final TrendChart trendChart = new TrendChart();
    private final TopCustomersPanel topCustomers;
    private final Tile trend;
    private final Tile customers;
    private final Tile distribution = TileStyle.tile(Tile.SkinType.CUSTOM, "Customers by score")
            .graphic(distributionBars.root())
            .build();
    private final Tile deadLetters = TileStyle.tile(Tile.SkinType.NUMBER, "Dead letters")
            .maxValue(TileStyle.UNBOUNDED)
            .decimals(0)
            .build();
    private final Tile reasons = TileStyle.tile(Tile.SkinType.CUSTOM, "Dead letters by reason")
            .graphic(reasonBars.root())
            .build();

    /** The pages the dashboard's centre shows, below the toolbar. */
    public enum Page {
        LIVE,
        BUSINESS,
        /** A region's drill-down, opened from either page. */
        REGION
    }

    private final BusinessPage businessPage;
    private final RegionDrillPage drillPage;
    private Page page = Page.LIVE;
    /** The page the drill-down returns to. */
    private Page beforeDrill = Page.LIVE;

    /**
     * @param openHistory opens the History screen
     * @param openAlerts opens the Alerts screen (the toolbar's button, the notification, the tile badge)
     */
    public DashboardView(
            DashboardViewModel vm,
            String mode,
            Executor io,
            Runnable toggleTheme,
            Runnable openHistory,
            Runnable openAlerts) {
        this.vm = vm;
        this.io = io;
        alertToast = new AlertToast(openAlerts);
        regionsAlertBadge.setOnMouseClicked(e -> openAlerts.run());
        businessPage = new BusinessPage(vm, this::openRegion, this::editTargets);
        drillPage = new RegionDrillPage(vm, this::closeRegion);
        regionBars.onClick(this::openRegion, "Click for {}'s categories, channels, top products and targets");
        revenuePanel = new KpiPanel(
                "revenue", vm.revenueTextProperty(), vm.revenueComparisonProperty(), vm.windowCaptionProperty());
        ordersPanel = new KpiPanel(
                "orders", vm.ordersTextProperty(), vm.ordersComparisonProperty(), vm.windowCaptionProperty());
        revenue = TileStyle.tile(Tile.SkinType.CUSTOM, "Revenue, last 5 min")
                .graphic(revenuePanel.root())
                .build();
        orders = TileStyle.tile(Tile.SkinType.CUSTOM, "Orders, last 5 min")
                .graphic(ordersPanel.root())
                .build();
        trend = TileStyle.tile(Tile.SkinType.CUSTOM, "Revenue trend, last hour (all regions, per 5-minute window)")
                .graphic(trendChart.node())
                .build();
        topCustomers = new TopCustomersPanel(vm);
        customers = TileStyle.tile(Tile.SkinType.CUSTOM, "Top customers (1 h)")
                .graphic(topCustomers.root())
                .build();
        health = new HealthPanel(vm);
        healthTile = TileStyle.tile(Tile.SkinType.CUSTOM, "Pipeline health")
                .graphic(health.root())
                .build();
        toolbar = new DashboardToolbar(
                vm, mode, toggleTheme, openHistory, openAlerts, this::toggleBusiness, this::back, this);
        layout();
        bind();
        pulses = new Coalescer(
                java.time.Duration.ofMillis(MIN_PULSE_GAP_MS), System::nanoTime, DashboardView::onFxThread, vm::pulse);
        cadence = new Timeline(new KeyFrame(Duration.millis(CADENCE_MS), e -> pulses.changed()));
        cadence.setCycleCount(Timeline.INDEFINITE);
        // Resumed: show the snapshot kept while paused now, not at the next tick.
        vm.pausedProperty().addListener((obs, was, paused) -> {
            if (!paused) {
                pulses.changed();
            }
        });
    }

    /**
     * Runs {@code task} on the FX thread after {@code delay}: one {@code runLater}, and for a delay a
     * {@link PauseTransition} (whose end runs in a pulse's animation phase, so that pulse lays the
     * applied values out).
     */
    private static void onFxThread(Runnable task, java.time.Duration delay) {
        Platform.runLater(() -> {
            if (delay.isZero()) {
                task.run();
            } else {
                PauseTransition wait = new PauseTransition(Duration.millis(delay.toNanos() / 1e6));
                wait.setOnFinished(e -> task.run());
                wait.play();
            }
        });
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
        grid.add(fresh(eventsIn, vm.feedFreshnessProperty(), "eventsIn"), 0, 0);
        grid.add(fresh(eventsOut, vm.feedFreshnessProperty(), "eventsOut"), 1, 0);
        grid.add(fresh(revenue, vm.salesFreshnessProperty(), "revenue"), 2, 0);
        grid.add(fresh(orders, vm.salesFreshnessProperty(), "orders"), 3, 0);
        grid.add(fresh(healthTile, vm.feedFreshnessProperty(), "health"), 4, 0);
        StackPane regionsBox = fresh(regions, vm.salesFreshnessProperty(), "regions");
        regionsBox.getChildren().add(regionsAlertBadge);
        StackPane.setAlignment(regionsAlertBadge, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(regionsAlertBadge, new Insets(0, 8, 6, 0));
        grid.add(regionsBox, 0, 1, 2, 1);
        grid.add(fresh(trend, vm.salesFreshnessProperty(), "trend"), 2, 1, 3, 1);
        grid.add(fresh(customers, vm.engagementFreshnessProperty(), "customers"), 0, 2);
        grid.add(fresh(distribution, vm.engagementFreshnessProperty(), "distribution"), 1, 2);
        grid.add(fresh(deadLetters, vm.feedFreshnessProperty(), "deadLetters"), 2, 2);
        grid.add(fresh(reasons, vm.feedFreshnessProperty(), "reasons"), 3, 2, 2, 1);
        eventsIn.setId("eventsInTile");
        revenue.setId("revenueTile");
        orders.setId("ordersTile");
        regions.setId("regionsTile");
        trend.setId("trendTile");
        root.setTop(toolbar.root());
        root.setCenter(grid);
        root.getStyleClass().add("dashboard");
        layers.getChildren().add(toolbar.help().root());
        layers.getChildren().add(alertToast.root());
        vm.business().newAlertProperty().addListener((obs, before, now) -> now.ifPresent(alertToast::show));
        regionsAlertBadge.setId("regionsAlertBadge");
        regionsAlertBadge.getStyleClass().add("alert-badge");
        regionsAlertBadge.setCursor(javafx.scene.Cursor.HAND);
        regionsAlertBadge.setTooltip(new javafx.scene.control.Tooltip("Open the alerts"));
        showAlerting(vm.business().alertingRegionsProperty().get());
        vm.business().alertingRegionsProperty().addListener((obs, before, now) -> showAlerting(now));
    }

    /** The bells on the region bars and the region tile's badge, for the regions with a firing alert. */
    private void showAlerting(java.util.Map<String, io.pulseboard.alert.AlertRule.Severity> alerting) {
        java.util.Map<String, javafx.scene.paint.Color> marks = new java.util.HashMap<>();
        alerting.forEach((region, severity) -> marks.put(region, TileStyle.severity(severity)));
        regionBars.mark(marks);
        boolean any = !alerting.isEmpty();
        regionsAlertBadge.setVisible(any);
        // Room below the last bar, so the badge never covers its figure.
        regionBars.root().setPadding(new Insets(0, 0, any ? 24 : 0, 0));
        if (!any) {
            regionsAlertBadge.setText("");
            return;
        }
        io.pulseboard.alert.AlertRule.Severity worst = java.util.Collections.max(alerting.values());
        org.kordamp.ikonli.javafx.FontIcon bell = new org.kordamp.ikonli.javafx.FontIcon("mdi2b-bell-ring");
        bell.setStyle(bell.getStyle() + "-fx-icon-color: white;");
        regionsAlertBadge.setGraphic(bell);
        regionsAlertBadge.setText((alerting.size() == 1 ? "Alert firing: " : alerting.size() + " regions alerting: ")
                + String.join(", ", alerting.keySet()));
        regionsAlertBadge.setStyle("-fx-background-color: " + TileStyle.web(TileStyle.severity(worst)) + ";");
    }

    /** The tile with its freshness badge at the top right (id {@code <name>Freshness}). */
    private static StackPane fresh(Tile tile, ReadOnlyObjectProperty<Freshness> freshness, String name) {
        return FreshnessBadge.on(tile, freshness, name);
    }

    private void bind() {
        vm.appliedSnapshotsProperty().addListener((obs, old, now) -> refresh());
        vm.zoneProperty().addListener((obs, old, now) -> refresh());
        vm.formatProperty().addListener((obs, old, now) -> applyFormat(now));
        applyFormat(vm.formatProperty().get());
    }

    private void applyFormat(DisplayFormat format) {
        for (Tile t : List.of(eventsIn, eventsOut, deadLetters)) {
            t.setCustomDecimalFormat(format.wholeNumberFormat());
            t.setCustomDecimalFormatEnabled(true);
            t.setLocale(format.locale());
        }
        trendChart.format(format);
    }

    /** Pushes the view model's values into the tiles; once per applied snapshot. */
    private void refresh() {
        DisplayFormat format = vm.formatProperty().get();
        rate(eventsIn, vm.eventsInProperty().get(), vm.eventsInHistory());
        eventsIn.setText(vm.rateAdjustable() ? vm.generatorRateTextProperty().get() : "");
        rate(
                eventsOut,
                vm.eventsOutProperty().get(),
                List.of(vm.eventsOutProperty().get()));
        trendChart.show(vm.revenueTrend());
        topCustomers.refresh();
        distributionBars.show(vm.scoreDistribution().stream()
                .map(b -> new BarsPanel.Bar(b.label(), b.customers(), format.count(b.customers())))
                .toList());
        deadLetters.setMaxValue(Math.max(1, vm.deadLettersProperty().get() * 2.0));
        deadLetters.setValue(vm.deadLettersProperty().get());
        deadLetters.setText("late " + format.count(vm.lateRecordsProperty().get()) + " · "
                + format.decimal(vm.deadLetterRateProperty().get(), 1) + "/s now");
        reasonBars.show(vm.deadLetterReasons().stream()
                .map(r -> new BarsPanel.Bar(r.reason(), r.count(), format.count(r.count())))
                .toList());
        regionBars.show(vm.regions().stream()
                .map(r -> new BarsPanel.Bar(r.region(), r.revenue().doubleValue(), format.money(r.revenue())))
                .toList());
        // In the title: the tile's bottom text would lie over the last bar.
        regions.setTitle(
                vm.windowLabelProperty().get().isEmpty()
                        ? "Sales by region"
                        : "Sales by region (" + format.currencyCode() + "), "
                                + vm.windowLabelProperty().get());
        health.refresh();
        switch (page) {
            case BUSINESS -> businessPage.refresh();
            case REGION -> drillPage.refresh();
            case LIVE -> {}
        }
    }

    /** Shows the business page, or from it (or a drill-down) the live page again: the toolbar's Business button. */
    public void toggleBusiness() {
        if (page == Page.REGION) {
            vm.closeRegion();
        }
        show(page == Page.LIVE ? Page.BUSINESS : Page.LIVE);
    }

    /** Opens the drill-down of {@code region}; Back or Esc returns to the page shown now. */
    public void openRegion(String region) {
        if (page != Page.REGION) {
            beforeDrill = page;
        }
        vm.openRegion(region);
        show(Page.REGION);
    }

    /** Opens the drill-down of {@code region} with its per-hour target field focused. */
    public void editTargets(String region) {
        openRegion(region);
        drillPage.focusEditor();
    }

    /** Leaves the drill-down for the page it was opened from. */
    public void closeRegion() {
        vm.closeRegion();
        show(beforeDrill);
    }

    /** Esc: leaves the drill-down. @return whether there was one to leave */
    private boolean back() {
        if (page != Page.REGION) {
            return false;
        }
        closeRegion();
        return true;
    }

    private void show(Page next) {
        page = next;
        switch (next) {
            case LIVE -> root.setCenter(grid);
            case BUSINESS -> {
                businessPage.resetPicker();
                businessPage.refresh();
                root.setCenter(businessPage.root());
            }
            case REGION -> {
                drillPage.refresh();
                root.setCenter(drillPage.root());
            }
        }
        toolbar.businessShown(next != Page.LIVE);
    }

    /** The page shown below the toolbar. */
    public Page page() {
        return page;
    }

    /**
     * A rate tile's value with a range that fits its recent figures (TilesFX draws its axis up to the
     * tile's maximum: an unbounded one reads "8000000000000000" before the first figures).
     */
    private static void rate(Tile tile, double value, List<Double> recent) {
        double max = recent.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        tile.setMaxValue(Math.max(RATE_FLOOR, Math.max(max, value) * 1.25));
        tile.setValue(value);
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
        businessPage.tiles().forEach(t -> TileStyle.apply(t, theme));
        drillPage.tiles().forEach(t -> TileStyle.apply(t, theme));
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

    /** Starts the cadence: pulses after arrivals, and the re-ageing tick. */
    public void start() {
        vm.onArrival(pulses::changed);
        cadence.play();
    }

    /** Stops the cadence; snapshots are still kept, not applied. */
    public void stop() {
        vm.onArrival(() -> {});
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

    /** The region bars as drawn (name, length, text), for tests. */
    public List<BarsPanel.Bar> regionBars() {
        return regionBars.shown();
    }

    /** The score-distribution bars as drawn, for tests. */
    public List<BarsPanel.Bar> distributionBars() {
        return distributionBars.shown();
    }

    /** The headline revenue as written on its tile, for tests. */
    public String revenueText() {
        return revenuePanel.valueText();
    }

    /** What the headline revenue is compared with, as written on its tile, for tests. */
    public String revenueComparisonText() {
        return revenuePanel.comparisonText();
    }

    /** The trend's value-axis label, for tests. */
    public String trendAxisLabel() {
        return trendChart.axisLabel();
    }

    /** The business page's alert rows as drawn, for tests. */
    public List<AlertRow> alertRows() {
        return businessPage.alertRows();
    }

    /** The region tile's alert badge as written (empty when none fires), for tests. */
    public String regionsAlertBadgeText() {
        return regionsAlertBadge.isVisible() ? regionsAlertBadge.getText() : "";
    }

    /** The region bars drawn with a bell, for tests. */
    public java.util.Set<String> alertingRegionBars() {
        return regionBars.marked();
    }

    /** Whether the new-alert notification is shown, for tests. */
    public boolean alertToastShowing() {
        return alertToast.isShowing();
    }

    /** The category bars of the business page as drawn, for tests. */
    public List<BarsPanel.Bar> categoryBars() {
        return businessPage.categoryBars();
    }

    /** The channel bars of the business page as drawn, for tests. */
    public List<BarsPanel.Bar> channelBars() {
        return businessPage.channelBars();
    }

    /** The drill-down's category bars as drawn, for tests. */
    public List<BarsPanel.Bar> drillCategoryBars() {
        return drillPage.categoryBars();
    }

    /** The drill-down's channel bars as drawn, for tests. */
    public List<BarsPanel.Bar> drillChannelBars() {
        return drillPage.channelBars();
    }

    public Tile eventsInTile() {
        return eventsIn;
    }
}
