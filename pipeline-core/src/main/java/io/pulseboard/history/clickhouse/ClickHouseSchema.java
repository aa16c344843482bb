package io.pulseboard.history.clickhouse;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tables of a {@link ClickHouseHistoryStore} and the RowBinary encoding of their rows. The DDL uses
 * only what ClickHouse 18.16 already has (no TTL, no DateTime64), so it runs on old and current servers.
 *
 * <ul>
 *   <li>{@value #SALES}: one row per received copy of a sale. {@code ReplacingMergeTree} on {@code
 *       (region, event_time, event_id)}, partitioned by UTC day. {@code event_time} ({@code
 *       DateTime('UTC')}, seconds) drives the partitions and the primary index; {@code event_ms} (epoch
 *       milliseconds) makes ranges and buckets exact to the millisecond.
 *   <li>{@value #WINDOWS}: one row per received value of a window. {@code ReplacingMergeTree(version)}
 *       on {@code (region, window_start_ms)}, partitioned by the UTC day of the window start.
 *   <li>{@value #BREAKDOWNS}: the same for the windows of a region's categories, channels and products,
 *       on {@code (dimension, region, value, window_start_ms)}.
 *   <li>{@value #TARGETS}: the same for a region's hours and days against target, on {@code (region,
 *       period, window_start_ms)}. The target is a plain column with {@code has_target} next to it, not
 *       a {@code Nullable}: {@code argMax} skips NULL arguments, so the newest value's "no target"
 *       would read as an older row's target.
 * </ul>
 * Amounts are {@code Decimal(18,4)} (revenue of a window {@code Decimal(38,4)}) with the scale the value
 * arrived with in a {@code UInt8} next to it, so that sums come back with the scale {@link
 * BigDecimal#add} would give them ({@code 2.00 + 4.00 = 6.00}, not {@code 6.0000}).
 */
final class ClickHouseSchema {
    static final String SALES = "sales";
    static final String WINDOWS = "sales_windows";
    static final String BREAKDOWNS = "sales_breakdowns";
    static final String TARGETS = "region_targets";
    /** Decimal places kept for amounts; an amount with more non-zero decimals is refused. */
    static final int SCALE = 4;

    static final List<String> SALES_COLUMNS = List.of(
            "event_id",
            "event_time",
            "event_ms",
            "region",
            "product_id",
            "customer_id",
            "quantity",
            "unit_price",
            "amount",
            "amount_scale",
            "currency",
            "channel");

    static final List<String> WINDOW_COLUMNS = List.of(
            "region",
            "window_start",
            "window_start_ms",
            "window_end_ms",
            "order_count",
            "revenue",
            "revenue_scale",
            "units",
            "currency",
            "last_event_ms",
            "version");

    static final List<String> BREAKDOWN_COLUMNS = List.of(
            "dimension",
            "region",
            "value",
            "window_start",
            "window_start_ms",
            "window_end_ms",
            "order_count",
            "revenue",
            "revenue_scale",
            "units",
            "currency",
            "last_event_ms",
            "version");

    static final List<String> TARGET_COLUMNS = List.of(
            "region",
            "period",
            "window_start",
            "window_start_ms",
            "window_end_ms",
            "order_count",
            "revenue",
            "revenue_scale",
            "currency",
            "has_target",
            "target",
            "target_scale",
            "last_event_ms",
            "version");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private ClickHouseSchema() {}

    /** @throws IllegalArgumentException unless {@code database} is a plain identifier (no quoting needed) */
    static String checkDatabase(String database) {
        if (database == null || !IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "ClickHouse database name must match " + IDENTIFIER.pattern() + ", was '" + database + "'");
        }
        return database;
    }

    static List<String> ddl(String db) {
        return List.of(
                "CREATE DATABASE IF NOT EXISTS " + db,
                "CREATE TABLE IF NOT EXISTS " + db + "." + SALES + " ("
                        + "event_id String, event_time DateTime('UTC'), event_ms Int64, region String,"
                        + " product_id String, customer_id String, quantity Int32, unit_price Decimal(18, 4),"
                        + " amount Decimal(18, 4), amount_scale UInt8, currency String, channel String)"
                        + " ENGINE = ReplacingMergeTree"
                        + " PARTITION BY toDate(event_time) ORDER BY (region, event_time, event_id)",
                "CREATE TABLE IF NOT EXISTS " + db + "." + WINDOWS + " ("
                        + "region String, window_start DateTime('UTC'), window_start_ms Int64, window_end_ms Int64,"
                        + " order_count Int64, revenue Decimal(38, 4), revenue_scale UInt8, units Int64,"
                        + " currency String, last_event_ms Int64, version UInt64)"
                        + " ENGINE = ReplacingMergeTree(version)"
                        + " PARTITION BY toDate(window_start) ORDER BY (region, window_start_ms)",
                "CREATE TABLE IF NOT EXISTS " + db + "." + BREAKDOWNS + " ("
                        + "dimension String, region String, value String, window_start DateTime('UTC'),"
                        + " window_start_ms Int64, window_end_ms Int64, order_count Int64, revenue Decimal(38, 4),"
                        + " revenue_scale UInt8, units Int64, currency String, last_event_ms Int64, version UInt64)"
                        + " ENGINE = ReplacingMergeTree(version)"
                        + " PARTITION BY toDate(window_start) ORDER BY (dimension, region, value, window_start_ms)",
                "CREATE TABLE IF NOT EXISTS " + db + "." + TARGETS + " ("
                        + "region String, period String, window_start DateTime('UTC'), window_start_ms Int64,"
                        + " window_end_ms Int64, order_count Int64, revenue Decimal(38, 4), revenue_scale UInt8,"
                        + " currency String, has_target UInt8, target Decimal(38, 4), target_scale UInt8,"
                        + " last_event_ms Int64, version UInt64)"
                        + " ENGINE = ReplacingMergeTree(version)"
                        + " PARTITION BY toDate(window_start) ORDER BY (region, period, window_start_ms)");
    }

    static void encodeSale(SalesEvent e, RowBinaryWriter out) {
        long ms = e.timestamp().toEpochMilli();
        out.string(e.eventId())
                .uint32(Math.floorDiv(ms, 1000))
                .int64(ms)
                .string(e.region())
                .string(e.productId())
                .string(e.customerId())
                .int32(e.quantity())
                .decimal64(e.unitPrice(), SCALE)
                .decimal64(e.amount(), SCALE)
                .uint8(keptScale(e.amount()))
                .string(e.currency())
                .string(e.channel());
    }

    static void encodeWindow(SalesWindowMetric w, long version, RowBinaryWriter out) {
        long startMs = w.windowStart().toEpochMilli();
        out.string(w.region())
                .uint32(Math.floorDiv(startMs, 1000))
                .int64(startMs)
                .int64(w.windowEnd().toEpochMilli())
                .int64(w.count())
                .decimal128(w.revenue(), SCALE)
                .uint8(keptScale(w.revenue()))
                .int64(w.units())
                .string(w.currency())
                .int64(w.lastEventTime().toEpochMilli())
                .int64(version);
    }

    static void encodeBreakdown(SalesBreakdownMetric b, long version, RowBinaryWriter out) {
        long startMs = b.windowStart().toEpochMilli();
        out.string(b.dimension())
                .string(b.region())
                .string(b.value())
                .uint32(Math.floorDiv(startMs, 1000))
                .int64(startMs)
                .int64(b.windowEnd().toEpochMilli())
                .int64(b.count())
                .decimal128(b.revenue(), SCALE)
                .uint8(keptScale(b.revenue()))
                .int64(b.units())
                .string(b.currency())
                .int64(b.lastEventTime().toEpochMilli())
                .int64(version);
    }

    static void encodeTarget(TargetMetric t, long version, RowBinaryWriter out) {
        long startMs = t.windowStart().toEpochMilli();
        BigDecimal target = t.target() == null ? BigDecimal.ZERO : t.target();
        out.string(t.region())
                .string(t.period())
                .uint32(Math.floorDiv(startMs, 1000))
                .int64(startMs)
                .int64(t.windowEnd().toEpochMilli())
                .int64(t.count())
                .decimal128(t.revenue(), SCALE)
                .uint8(keptScale(t.revenue()))
                .string(t.currency())
                .uint8(t.target() == null ? 0 : 1)
                .decimal128(target, SCALE)
                .uint8(keptScale(target))
                .int64(t.lastEventTime().toEpochMilli())
                .int64(version);
    }

    private static int keptScale(BigDecimal value) {
        return Math.max(0, Math.min(SCALE, value.scale()));
    }

    /** A ClickHouse string literal. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
