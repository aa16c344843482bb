package io.pulseboard.runtime;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.SinkHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the output reader keeps of the reference-data metrics for the feed's {@link BusinessView}: per
 * dimension (category, channel, product) the windows of the last {@link #RECENT} before the newest
 * window start seen, each with the latest value per {@code region|value}; and per {@code region|PERIOD}
 * the newest hour's or day's revenue against its target.
 *
 * <p>Memory is bounded by the keys sold in the recent windows, not by how long the reader runs: a
 * window falls out once a window {@link #RECENT} newer arrived, and a record older than that is not
 * kept at all. Not thread-safe: {@link OutputCollector} calls it under its lock.
 */
final class BusinessMetrics {

    /**
     * How far back from the newest window start windows are kept: ten of the 1-minute steps, more than
     * the five between the newest window and the trailing one the feed shows.
     */
    static final Duration RECENT = Duration.ofMinutes(10);

    /** By dimension, by window start, by {@code region|value}: the latest value. */
    private final Map<String, TreeMap<Instant, Map<String, SalesBreakdownMetric>>> windows = new HashMap<>();

    /** By {@code region|PERIOD}: the newest window's latest value. */
    private final Map<String, TargetMetric> targets = new HashMap<>();

    /** Keeps a breakdown window's value (the latest for its key wins) unless it is older than kept. */
    void add(SalesBreakdownMetric metric) {
        TreeMap<Instant, Map<String, SalesBreakdownMetric>> byStart =
                windows.computeIfAbsent(metric.dimension(), d -> new TreeMap<>());
        Instant newest = byStart.isEmpty() || metric.windowStart().isAfter(byStart.lastKey())
                ? metric.windowStart()
                : byStart.lastKey();
        Instant dropUpTo = newest.minus(RECENT);
        if (!metric.windowStart().isAfter(dropUpTo)) {
            return;
        }
        byStart.computeIfAbsent(metric.windowStart(), s -> new HashMap<>())
                .put(metric.region() + "|" + metric.value(), metric);
        byStart.headMap(dropUpTo, true).clear();
    }

    /** Keeps a target metric if its window is the newest of its {@code region|PERIOD} (or as new). */
    void add(TargetMetric metric) {
        targets.merge(
                metric.region() + "|" + metric.period(),
                metric,
                (held, next) -> next.windowStart().isBefore(held.windowStart()) ? held : next);
    }

    /** The window starts held for a dimension, oldest first (for tests and diagnostics). */
    List<Instant> windowStarts(String dimension) {
        TreeMap<Instant, Map<String, SalesBreakdownMetric>> byStart = windows.get(dimension);
        return byStart == null ? List.of() : List.copyOf(byStart.keySet());
    }

    /**
     * Copies what a snapshot shows (cheap: one window per dimension, a few targets per region).
     *
     * @param trailingStart the start of the window to show ({@link
     *     io.pulseboard.feed.PipelineSnapshot#trailingWindowStart}); empty: no breakdowns
     */
    Copy copy(Optional<Instant> trailingStart) {
        return new Copy(
                window(SalesBreakdownMetric.CATEGORY, trailingStart),
                window(SalesBreakdownMetric.CHANNEL, trailingStart),
                window(SalesBreakdownMetric.PRODUCT, trailingStart),
                Map.copyOf(targets));
    }

    private Map<String, SalesBreakdownMetric> window(String dimension, Optional<Instant> start) {
        TreeMap<Instant, Map<String, SalesBreakdownMetric>> byStart = windows.get(dimension);
        if (byStart == null || start.isEmpty()) {
            return Map.of();
        }
        return Map.copyOf(byStart.getOrDefault(start.get(), Map.of()));
    }

    /** One snapshot's copy: the trailing window of each dimension by {@code region|value}, and the targets. */
    record Copy(
            Map<String, SalesBreakdownMetric> categories,
            Map<String, SalesBreakdownMetric> channels,
            Map<String, SalesBreakdownMetric> products,
            Map<String, TargetMetric> targets) {}

    /** Highest revenue first; equal revenues by product id. */
    static final Comparator<SalesBreakdownMetric> BY_REVENUE = Comparator.comparing(
                    SalesBreakdownMetric::revenue, Comparator.reverseOrder())
            .thenComparing(SalesBreakdownMetric::value);

    /**
     * The view of a copy: its breakdowns as they are, and per region its products ranked {@link
     * #BY_REVENUE}, at most {@code topProducts}. Runs outside the reader's lock.
     */
    static BusinessView view(Copy copy, int topProducts, SinkHealth reference) {
        return view(copy, topProducts, reference, Map.of());
    }

    /** As {@link #view(Copy, int, SinkHealth)}, with the product names of the reference data. */
    static BusinessView view(Copy copy, int topProducts, SinkHealth reference, Map<String, String> productNames) {
        Map<String, List<SalesBreakdownMetric>> byRegion = new TreeMap<>();
        copy.products()
                .values()
                .forEach(p -> byRegion.computeIfAbsent(p.region(), r -> new ArrayList<>())
                        .add(p));
        Map<String, List<SalesBreakdownMetric>> top = new TreeMap<>();
        byRegion.forEach((region, products) -> top.put(
                region, products.stream().sorted(BY_REVENUE).limit(topProducts).toList()));
        return new BusinessView(copy.categories(), copy.channels(), top, copy.targets(), reference, productNames);
    }
}
