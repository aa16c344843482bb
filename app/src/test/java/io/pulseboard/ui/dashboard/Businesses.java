package io.pulseboard.ui.dashboard;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.SinkHealth;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Business views with chosen figures, in USD, for the trailing window 12:59–13:04 of {@link
 * Snapshots#of} (its newest sale is at 13:03:20) and the hour 13:00–14:00 and the UTC day of
 * 2026-11-28.
 */
final class Businesses {

    static final Instant WINDOW = Snapshots.T.minusSeconds(60);
    static final Instant HOUR = Snapshots.T;
    static final Instant DAY = Instant.parse("2026-11-28T00:00:00Z");
    static final Instant NEWEST = Snapshots.T.plusSeconds(200);

    private Businesses() {}

    static SalesBreakdownMetric sale(String dimension, String region, String value, String revenue, long count) {
        return sale(dimension, region, value, revenue, count, Duration.ZERO);
    }

    /** A sale of the trailing window {@code later} than 12:59–13:04. */
    static SalesBreakdownMetric sale(
            String dimension, String region, String value, String revenue, long count, Duration later) {
        return new SalesBreakdownMetric(
                dimension,
                region,
                value,
                WINDOW.plus(later),
                WINDOW.plus(later).plusSeconds(300),
                count,
                new BigDecimal(revenue),
                count * 2,
                "USD",
                NEWEST.plus(later));
    }

    static TargetMetric hour(String region, String revenue, String target) {
        return hour(region, revenue, target, Duration.ZERO);
    }

    static TargetMetric hour(String region, String revenue, String target, Duration later) {
        return new TargetMetric(
                region,
                "HOUR",
                HOUR,
                HOUR.plusSeconds(3600),
                7,
                new BigDecimal(revenue),
                "USD",
                target == null ? null : new BigDecimal(target),
                NEWEST.plus(later));
    }

    static TargetMetric day(String region, String revenue, String target) {
        return day(region, revenue, target, Duration.ZERO);
    }

    static TargetMetric day(String region, String revenue, String target, Duration later) {
        return new TargetMetric(
                region,
                "DAY",
                DAY,
                DAY.plusSeconds(86_400),
                70,
                new BigDecimal(revenue),
                "USD",
                target == null ? null : new BigDecimal(target),
                NEWEST.plus(later));
    }

    /**
     * EU-WEST and APAC with categories, channels, products and targets; LATAM in the reference data
     * without a target.
     */
    static BusinessView sample(SinkHealth reference) {
        return sample(reference, Duration.ZERO);
    }

    /** {@link #sample(SinkHealth)} with the trailing window and the newest sales {@code later}; the same hour and day. */
    static BusinessView sample(SinkHealth reference, Duration later) {
        Map<String, SalesBreakdownMetric> categories = new HashMap<>();
        for (SalesBreakdownMetric m : List.of(
                sale("category", "EU-WEST", "Electronics", "100.10", 2, later),
                sale("category", "EU-WEST", "Books", "20.00", 3, later),
                sale("category", "APAC", "Electronics", "50.05", 1, later),
                sale("category", "APAC", SalesBreakdownMetric.UNKNOWN_CATEGORY, "5.00", 1, later),
                sale("category", "APAC", "Apparel", "30.00", 1, later))) {
            categories.put(m.region() + "|" + m.value(), m);
        }
        Map<String, SalesBreakdownMetric> channels = new HashMap<>();
        for (SalesBreakdownMetric m : List.of(
                sale("channel", "EU-WEST", "web", "90.10", 4, later),
                sale("channel", "EU-WEST", "store", "30.00", 1, later),
                sale("channel", "APAC", "web", "60.05", 2, later),
                sale("channel", "APAC", "mobile", "25.00", 1, later))) {
            channels.put(m.region() + "|" + m.value(), m);
        }
        Map<String, List<SalesBreakdownMetric>> products = Map.of(
                "EU-WEST",
                List.of(
                        sale("product", "EU-WEST", "P-0007", "70.10", 1, later),
                        sale("product", "EU-WEST", "P-0003", "30.00", 1, later),
                        sale("product", "EU-WEST", "P-0012", "20.00", 3, later)),
                "APAC",
                List.of(sale("product", "APAC", "P-0001", "85.05", 3, later)));
        Map<String, TargetMetric> targets = new HashMap<>();
        for (TargetMetric t : List.of(
                hour("EU-WEST", "8412.00", "10000.00", later),
                day("EU-WEST", "120000.00", "240000.00", later),
                hour("APAC", "3000.00", "5000.00", later),
                day("APAC", "60000.00", "100000.00", later),
                hour("LATAM", "950.50", null, later),
                day("LATAM", "9000.00", null, later))) {
            targets.put(t.region() + "|" + t.period(), t);
        }
        return new BusinessView(categories, channels, products, targets, reference);
    }

    static SinkHealth referenceUp() {
        return new SinkHealth("reference", SinkHealth.State.UP, 12, 0, 0, 0, 0, Optional.empty(), Snapshots.T);
    }
}
