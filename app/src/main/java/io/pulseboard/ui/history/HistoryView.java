package io.pulseboard.ui.history;

import io.pulseboard.ui.history.HistoryViewModel.CompareChoice;
import io.pulseboard.ui.history.HistoryViewModel.Point;
import io.pulseboard.ui.history.HistoryViewModel.RangeChoice;
import io.pulseboard.ui.history.HistoryViewModel.Row;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** History: range, regions and comparison on top; the revenue chart and the table below. */
public final class HistoryView {

    private final HistoryViewModel vm;
    private final BorderPane root = new BorderPane();
    private final XYChart.Series<String, Number> currentSeries = new XYChart.Series<>();
    private final XYChart.Series<String, Number> previousSeries = new XYChart.Series<>();
    /** The last complete bucket joined to the one still filling, drawn dashed. */
    private final XYChart.Series<String, Number> partialSeries = new XYChart.Series<>();

    public HistoryView(HistoryViewModel vm, Runnable backToLive) {
        this.vm = vm;
        Button back = new Button("Live dashboard", new FontIcon("mdi2v-view-dashboard-outline"));
        back.setId("liveButton");
        back.setOnAction(e -> backToLive.run());
        ChoiceBox<RangeChoice> range = new ChoiceBox<>();
        range.setId("rangeChoice");
        range.getItems().setAll(RangeChoice.values());
        range.valueProperty().bindBidirectional(vm.rangeProperty());
        DatePicker from = new DatePicker(LocalDate.now().minusDays(1));
        DatePicker to = new DatePicker(LocalDate.now().plusDays(1));
        from.setPrefWidth(130);
        to.setPrefWidth(130);
        HBox custom = new HBox(6, new Label("from"), from, new Label("to"), to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(vm.rangeProperty().isEqualTo(RangeChoice.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());
        Runnable applyDates = () -> {
            ZoneId zone = vm.zoneProperty().get();
            if (from.getValue() != null && to.getValue() != null) {
                vm.customFromProperty().set(from.getValue().atStartOfDay(zone).toInstant());
                vm.customToProperty().set(to.getValue().atStartOfDay(zone).toInstant());
            }
        };
        from.valueProperty().addListener((obs, was, now) -> applyDates.run());
        to.valueProperty().addListener((obs, was, now) -> applyDates.run());
        applyDates.run();

        CheckComboBox<String> regions = new CheckComboBox<>(vm.knownRegions());
        regions.setId("regionFilter");
        regions.setTitle("All regions");
        regions.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) change -> {
            vm.selectedRegions().clear();
            vm.selectedRegions().addAll(regions.getCheckModel().getCheckedItems());
            regions.setTitle(vm.selectedRegions().isEmpty() ? "All regions" : null);
        });
        ChoiceBox<CompareChoice> compare = new ChoiceBox<>();
        compare.setId("compareChoice");
        compare.getItems().setAll(CompareChoice.values());
        compare.valueProperty().bindBidirectional(vm.compareProperty());
        Button refresh = new Button("Show", new FontIcon("mdi2r-refresh"));
        refresh.setId("showButton");
        refresh.setOnAction(e -> vm.refresh());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.loadingProperty());
        Button csv = new Button("CSV", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("historyCsvButton");
        csv.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("pulseboard-history.csv");
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                vm.exportCsv(file.toPath());
            }
        });
        Label error = new Label();
        error.getStyleClass().add("problem");
        error.textProperty().bind(vm.errorProperty());
        Label summary = new Label();
        summary.getStyleClass().add("mode-label");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setId("historySummary");
        Label heading = new Label("History");
        heading.getStyleClass().add("app-title");
        HBox bar = new HBox(10, back, heading, range, custom, regions, compare, refresh, progress, csv);
        // Controls keep their size (never "Live dash…"); the summary and the error get the line below.
        bar.getChildren().forEach(node -> {
            if (node instanceof javafx.scene.control.Control control) {
                control.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        bar.setAlignment(Pos.CENTER_LEFT);
        error.setWrapText(true);
        summary.setWrapText(true);
        HBox status = new HBox(16, summary, error);
        status.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, bar, status);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("toolbar");

        CategoryAxis time = new CategoryAxis();
        time.labelProperty().bind(vm.timeHeadingProperty());
        NumberAxis revenueAxis = new NumberAxis();
        // The tick labels carry the currency (DisplayFormat.moneyWhole), so the axis needs no unit.
        revenueAxis.setLabel("Revenue");
        revenueAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number value) {
                return vm.formatProperty().get() == null
                        ? String.valueOf(value)
                        : vm.formatProperty().get().moneyWhole(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
        LineChart<String, Number> chart = new LineChart<>(time, revenueAxis);
        chart.setAnimated(false);
        // Symbols mark each bucket: a range with one complete bucket still shows it.
        chart.setCreateSymbols(true);
        chart.getStyleClass().addAll("trend-chart", "history-chart");
        chart.setId("historyChart");
        currentSeries.setName("Revenue");
        previousSeries.setName("Comparison");
        partialSeries.setName("Still filling");
        // Series order fixes the colours (default-color0, 1, 2) that the stylesheet gives line and legend alike.
        chart.getData().addAll(currentSeries, previousSeries, partialSeries);
        vm.current().addListener((ListChangeListener<Point>) c -> showCurrent());
        vm.previous().addListener((ListChangeListener<Point>)
                c -> previousSeries.getData().setAll(points(vm.previous())));

        TableView<Row> table = new TableView<>(vm.rows());
        table.setId("historyTable");
        TableColumn<Row, String> bucketColumn = column("", Row::bucket);
        bucketColumn.textProperty().bind(vm.timeHeadingProperty());
        table.getColumns().add(bucketColumn);
        table.getColumns().add(column("Region", Row::region));
        TableColumn<Row, String> revenue =
                column("Revenue", r -> vm.formatProperty().get().money(r.revenue()));
        revenue.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> vm.formatProperty().get() == null
                                ? "Revenue"
                                : "Revenue (" + vm.formatProperty().get().currencyCode() + ")",
                        vm.formatProperty()));
        revenue.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(revenue);
        TableColumn<Row, String> orders =
                column("Orders", r -> vm.formatProperty().get().count(r.orders()));
        orders.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(orders);
        TableColumn<Row, String> units =
                column("Units", r -> vm.formatProperty().get().count(r.units()));
        units.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(units);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SplitPane split = new SplitPane(chart, table);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setTop(top);
        root.setCenter(split);
        root.setPadding(new Insets(0, 10, 10, 10));
    }

    /** Complete buckets as the solid line; the partial one dashed, from the last complete bucket. */
    private void showCurrent() {
        java.util.List<Point> all = vm.current();
        java.util.List<Point> complete = all.stream().filter(p -> !p.partial()).toList();
        currentSeries.getData().setAll(points(complete));
        java.util.List<Point> tail = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).partial()) {
                if (i > 0 && !all.get(i - 1).partial()) {
                    tail.add(all.get(i - 1));
                }
                tail.add(all.get(i));
            }
        }
        partialSeries.getData().setAll(points(tail));
    }

    private static java.util.List<XYChart.Data<String, Number>> points(java.util.List<Point> points) {
        return points.stream()
                .map(p ->
                        new XYChart.Data<String, Number>(p.label(), p.revenue().doubleValue()))
                .toList();
    }

    private static <T> TableColumn<Row, T> column(String title, java.util.function.Function<Row, T> value) {
        TableColumn<Row, T> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    public Parent root() {
        return root;
    }
}
