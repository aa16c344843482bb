package io.pulseboard.history;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Analytical history of sales: raw events and window aggregates (per region; per region's category,
 * channel and product; per region's hour and day against target), queried by time bucket.
 *
 * <p>Semantics every implementation keeps (checked by {@code HistoryStoreContract}):
 * <ul>
 *   <li>Appends are at-least-once safe: appending the same events (same {@code eventId}) or the same
 *       window (same region and window start; same dimension, region, value and window start; same region,
 *       period and window start) again changes no query result.
 *   <li>Ranges are half-open {@code [from, to)} on event time; buckets are aligned on UTC epoch
 *       multiples of their length (a 1-hour bucket starts at a full UTC hour).
 *   <li>Retention drops whole UTC days older than the cut-off and keeps the rest.
 * </ul>
 * Implementations are thread-safe; calls block on I/O (never call them on the UI thread) and fail
 * with {@link HistoryStoreException} naming the store and the cause.
 */
public interface HistoryStore extends AutoCloseable {

    /** A short name for logs and the UI, e.g. {@code clickhouse} or {@code duckdb}. */
    String name();

    /** Appends sales events (a batch). */
    void appendSales(List<SalesEvent> events);

    /** Appends window aggregates (a batch); a later value for the same window replaces the earlier one. */
    void appendWindows(List<SalesWindowMetric> windows);

    /**
     * Appends breakdown windows ({@code sales-by-category}, {@code -channel}, {@code -product}; a batch); a
     * later value for the same (dimension, region, value, window start) replaces the earlier one.
     */
    void appendBreakdowns(List<SalesBreakdownMetric> breakdowns);

    /**
     * Appends hours and days against target ({@code region-targets}; a batch); a later value for the same
     * (region, period, window start) replaces the earlier one.
     */
    void appendTargets(List<TargetMetric> targets);

    /**
     * Revenue, orders and units per region per bucket over {@code range}, from the raw events,
     * ordered by bucket start then region. Empty buckets are absent.
     *
     * @param regions only these regions; empty means all
     */
    List<BucketRow> salesByBucket(TimeRange range, Bucket bucket, Set<String> regions);

    /** The best-selling products by revenue in {@code range}, highest first, at most {@code limit}. */
    List<ProductRow> topProducts(TimeRange range, int limit);

    /** The latest stored window aggregates whose window starts in {@code range}, by start then region. */
    List<SalesWindowMetric> windows(TimeRange range, Set<String> regions);

    /**
     * The latest stored breakdown windows of one dimension whose window starts in {@code range}, by start,
     * then region, then value.
     *
     * @param dimension {@code category}, {@code channel} or {@code product}
     * @param regions only these regions; empty means all
     */
    List<SalesBreakdownMetric> breakdowns(TimeRange range, String dimension, Set<String> regions);

    /**
     * The latest stored hours and days against target whose start is in {@code range}, by start, then
     * region, then period.
     *
     * @param regions only these regions; empty means all
     */
    List<TargetMetric> targets(TimeRange range, Set<String> regions);

    /**
     * Drops every UTC day that ends before {@code now - maxAge}.
     *
     * @return the days dropped (UTC dates as yyyy-MM-dd), oldest first
     */
    List<String> applyRetention(Duration maxAge, Instant now);

    /** The same query over the range and over the range shifted back by {@code shift}. */
    default Comparison compare(TimeRange range, Bucket bucket, Set<String> regions, Duration shift) {
        return new Comparison(
                salesByBucket(range, bucket, regions), salesByBucket(range.shiftBack(shift), bucket, regions));
    }

    @Override
    void close();

    /** Bucket lengths. */
    enum Bucket {
        MINUTE(Duration.ofMinutes(1)),
        FIVE_MINUTES(Duration.ofMinutes(5)),
        HOUR(Duration.ofHours(1));

        private final Duration length;

        Bucket(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        /** The start of the bucket containing {@code t} (UTC epoch aligned). */
        public Instant startOf(Instant t) {
            long ms = length.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
        }
    }

    /** Half-open time range {@code [from, to)}. */
    record TimeRange(Instant from, Instant to) {
        public TimeRange {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from " + from + " must be before to " + to);
            }
        }

        public TimeRange shiftBack(Duration shift) {
            return new TimeRange(from.minus(shift), to.minus(shift));
        }
    }

    /** One region's sums in one bucket. */
    record BucketRow(Instant bucketStart, String region, java.math.BigDecimal revenue, long orders, long units) {}

    /** One product's sums over a range. */
    record ProductRow(String productId, java.math.BigDecimal revenue, long orders, long units) {}

    /** A range and the same range shifted back. */
    record Comparison(List<BucketRow> current, List<BucketRow> previous) {}
}
