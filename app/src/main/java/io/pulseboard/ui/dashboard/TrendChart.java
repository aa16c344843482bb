package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.format.DisplayFormat;
import java.util.List;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * The revenue trend as a plain JavaFX line chart (styled by the theme's CSS): one point per
 * window start, the series replaced with {@code setAll} once per applied snapshot.
 */
final class TrendChart {

    private final XYChart.Series<String, Number> series = new XYChart.Series<>();
    private final LineChart<String, Number> chart;
    private final NumberAxis y = new NumberAxis();
    private DisplayFormat format;

    TrendChart() {
        CategoryAxis x = new CategoryAxis();
        y.setForceZeroInRange(true);
        chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        x.setAnimated(false);
        y.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getData().add(series);
        chart.getStyleClass().add("trend-chart");
        chart.setId("trendChart");
    }

    LineChart<String, Number> node() {
        return chart;
    }

    /** Writes the axis in the locale and reporting currency of {@code newFormat}. */
    void format(DisplayFormat newFormat) {
        if (newFormat.equals(format)) {
            return;
        }
        format = newFormat;
        y.setLabel(newFormat.currencyCode() + " per 5 min");
        y.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number value) {
                return newFormat.moneyWhole(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
    }

    /** The label of the value axis, for tests. */
    String axisLabel() {
        return y.getLabel();
    }

    void show(List<DashboardRows.TrendPoint> points) {
        // The trend ends at the last complete window: it changes about once a minute, snapshots come
        // up to ten a second, and new data points make the chart lay out again.
        if (points.equals(drawn)) {
            return;
        }
        drawn = List.copyOf(points);
        series.getData()
                .setAll(points.stream()
                        .map(p -> new XYChart.Data<String, Number>(
                                p.label(), p.revenue().doubleValue()))
                        .toList());
    }

    private List<DashboardRows.TrendPoint> drawn;

    List<XYChart.Data<String, Number>> data() {
        return List.copyOf(series.getData());
    }
}
