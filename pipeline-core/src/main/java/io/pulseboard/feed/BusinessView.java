package io.pulseboard.feed;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.TargetMetric;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics that need reference data, as of one snapshot: sales by category, channel and product in
 * the trailing 5-minute window (the window {@link PipelineSnapshot#trailingWindowByRegion()} shows),
 * and each region's hour and day against its targets. Immutable.
 *
 * @param byCategory per {@code region|category}, that window's sales; never null
 * @param byChannel per {@code region|channel}, that window's sales; never null
 * @param topProducts per region, that window's products by revenue, highest first, at most {@link
 *     #TOP_PRODUCTS}; never null
 * @param targets per {@code region|HOUR} and {@code region|DAY}, the newest hour's and day's revenue
 *     against the target; never null
 * @param reference the reference-data publisher's health (DISABLED without a PostgreSQL database)
 * @param productNames product names by id, from the reference data ({@code reference-products}); a
 *     product it does not list is absent (show its id); never null
 * @param alerts the newest event of each recent alert ({@code alerts} topic), newest first; never null
 */
public record BusinessView(
        Map<String, SalesBreakdownMetric> byCategory,
        Map<String, SalesBreakdownMetric> byChannel,
        Map<String, List<SalesBreakdownMetric>> topProducts,
        Map<String, TargetMetric> targets,
        SinkHealth reference,
        Map<String, String> productNames,
        List<AlertEvent> alerts) {

    /** How many products per region {@link #topProducts()} keeps. */
    public static final int TOP_PRODUCTS = 10;

    public static final BusinessView EMPTY = new BusinessView(
            Map.of(), Map.of(), Map.of(), Map.of(), SinkHealth.disabled("reference"), Map.of(), List.of());

    /** A view without alerts. */
    public BusinessView(
            Map<String, SalesBreakdownMetric> byCategory,
            Map<String, SalesBreakdownMetric> byChannel,
            Map<String, List<SalesBreakdownMetric>> topProducts,
            Map<String, TargetMetric> targets,
            SinkHealth reference,
            Map<String, String> productNames) {
        this(byCategory, byChannel, topProducts, targets, reference, productNames, List.of());
    }

    /** @return this view with {@code newestFirst} as its alerts */
    public BusinessView withAlerts(List<AlertEvent> newestFirst) {
        return new BusinessView(byCategory, byChannel, topProducts, targets, reference, productNames, newestFirst);
    }

    /** A view without product names. */
    public BusinessView(
            Map<String, SalesBreakdownMetric> byCategory,
            Map<String, SalesBreakdownMetric> byChannel,
            Map<String, List<SalesBreakdownMetric>> topProducts,
            Map<String, TargetMetric> targets,
            SinkHealth reference) {
        this(byCategory, byChannel, topProducts, targets, reference, Map.of());
    }

    /** @return the product's name, or its id when the reference data does not list it */
    public String productName(String productId) {
        return productNames.getOrDefault(productId, productId);
    }

    public BusinessView {
        byCategory = Map.copyOf(byCategory);
        byChannel = Map.copyOf(byChannel);
        topProducts = Map.copyOf(topProducts);
        targets = Map.copyOf(targets);
        Objects.requireNonNull(reference, "reference");
        productNames = Map.copyOf(productNames);
        alerts = List.copyOf(alerts);
    }
}
