package io.pulseboard.history.duckdb;

import java.util.List;

/**
 * The DDL and SQL of {@link DuckDbHistoryStore}, kept apart so the store class reads as lifecycle and
 * mapping. Times are {@code BIGINT} UTC epoch milliseconds so that neither the JVM default time zone
 * nor DuckDB's ICU extension (which must not be auto-loaded) takes part in any comparison or bucketing.
 */
final class DuckDbSchema {

    /** Scale of every money column; the Appender insists on exactly this scale. */
    static final int MONEY_SCALE = 4;

    static final long DAY_MS = 86_400_000L;

    static final String SALES = "sales";
    static final String WINDOWS = "sales_windows";
    static final String WINDOWS_STAGING = "sales_windows_staging";
    static final String BREAKDOWNS = "sales_breakdowns";
    static final String BREAKDOWNS_STAGING = "sales_breakdowns_staging";
    static final String TARGETS = "region_targets";
    static final String TARGETS_STAGING = "region_targets_staging";

    /** Column list of the sales table, shared with the benchmark's plain table. */
    static final String SALES_COLUMNS = "event_id VARCHAR NOT NULL, event_ms BIGINT NOT NULL, region VARCHAR NOT NULL,"
            + " product_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, quantity INTEGER NOT NULL,"
            + " unit_price DECIMAL(18,4) NOT NULL, amount DECIMAL(18,4) NOT NULL, currency VARCHAR NOT NULL,"
            + " channel VARCHAR NOT NULL";

    private static final String WINDOWS_COLUMNS = "region VARCHAR NOT NULL, window_start_ms BIGINT NOT NULL,"
            + " window_end_ms BIGINT NOT NULL, sales_count BIGINT NOT NULL, revenue DECIMAL(18,4) NOT NULL,"
            + " units BIGINT NOT NULL, currency VARCHAR NOT NULL, last_event_ms BIGINT NOT NULL";

    private static final String BREAKDOWN_COLUMNS = "dimension VARCHAR NOT NULL, region VARCHAR NOT NULL,"
            + " value VARCHAR NOT NULL, window_start_ms BIGINT NOT NULL, window_end_ms BIGINT NOT NULL,"
            + " sales_count BIGINT NOT NULL, revenue DECIMAL(18,4) NOT NULL, units BIGINT NOT NULL,"
            + " currency VARCHAR NOT NULL, last_event_ms BIGINT NOT NULL";

    /** {@code target} is NULL when the reference data had no such region. */
    private static final String TARGET_COLUMNS = "region VARCHAR NOT NULL, period VARCHAR NOT NULL,"
            + " window_start_ms BIGINT NOT NULL, window_end_ms BIGINT NOT NULL, sales_count BIGINT NOT NULL,"
            + " revenue DECIMAL(18,4) NOT NULL, currency VARCHAR NOT NULL, target DECIMAL(18,4),"
            + " last_event_ms BIGINT NOT NULL";

    /**
     * Persistent tables, created when absent. {@code sales} has no key on purpose: an ART index on
     * {@code event_id} more than halved the insert rate (see {@link DuckDbHistoryStore}); the single
     * writer removes duplicates instead with {@link #COUNT_DUPLICATES} and {@link #DELETE_DUPLICATES}.
     */
    static final List<String> CREATE_TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS " + SALES + " (" + SALES_COLUMNS + ")",
            "CREATE TABLE IF NOT EXISTS " + WINDOWS + " (" + WINDOWS_COLUMNS
                    + ", PRIMARY KEY (region, window_start_ms))",
            "CREATE TABLE IF NOT EXISTS " + BREAKDOWNS + " (" + BREAKDOWN_COLUMNS
                    + ", PRIMARY KEY (dimension, region, value, window_start_ms))",
            "CREATE TABLE IF NOT EXISTS " + TARGETS + " (" + TARGET_COLUMNS
                    + ", PRIMARY KEY (region, period, window_start_ms))");

    /**
     * Per-connection staging table for window batches (TEMP: in memory, never in the WAL), so the
     * Appender can take a batch that repeats a key; {@link #MERGE_WINDOWS} reduces it.
     */
    static final String CREATE_WINDOWS_STAGING =
            "CREATE TEMP TABLE IF NOT EXISTS " + WINDOWS_STAGING + " (" + WINDOWS_COLUMNS + ", seq BIGINT NOT NULL)";

    /** The staging tables of breakdown and target batches, as {@link #CREATE_WINDOWS_STAGING}. */
    static final List<String> CREATE_OTHER_STAGING = List.of(
            "CREATE TEMP TABLE IF NOT EXISTS " + BREAKDOWNS_STAGING + " (" + BREAKDOWN_COLUMNS
                    + ", seq BIGINT NOT NULL)",
            "CREATE TEMP TABLE IF NOT EXISTS " + TARGETS_STAGING + " (" + TARGET_COLUMNS + ", seq BIGINT NOT NULL)");

    /**
     * Parameters: the batch's min and max event ms. Event ids stored more than once within that span
     * (a zone-map-pruned scan of two columns). A redelivered event has the same id and event time as
     * the original, so its copies always fall within the span of the batch that brought it.
     */
    static final String COUNT_DUPLICATES = "SELECT count(*) FROM (SELECT event_id FROM " + SALES
            + " WHERE event_ms BETWEEN ? AND ? GROUP BY event_id HAVING count(*) > 1)";

    /** Parameters as {@link #COUNT_DUPLICATES}: keeps the first-stored copy of each event id. */
    static final String DELETE_DUPLICATES = "DELETE FROM " + SALES + " WHERE rowid IN (SELECT rowid FROM " + SALES
            + " WHERE event_ms BETWEEN ? AND ?"
            + " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY rowid) > 1)";

    /**
     * Replaces stored windows by the batch's last value per key. {@code INSERT OR REPLACE} refuses to
     * touch one key twice in a statement, so the batch is first reduced to its latest row per key.
     */
    static final String MERGE_WINDOWS = "INSERT OR REPLACE INTO " + WINDOWS
            + " SELECT region, window_start_ms, window_end_ms, sales_count, revenue, units, currency, last_event_ms"
            + " FROM " + WINDOWS_STAGING
            + " QUALIFY row_number() OVER (PARTITION BY region, window_start_ms ORDER BY seq DESC) = 1";

    /** As {@link #MERGE_WINDOWS}, for breakdown windows. */
    static final String MERGE_BREAKDOWNS = "INSERT OR REPLACE INTO " + BREAKDOWNS
            + " SELECT dimension, region, value, window_start_ms, window_end_ms, sales_count, revenue, units,"
            + " currency, last_event_ms FROM " + BREAKDOWNS_STAGING
            + " QUALIFY row_number() OVER (PARTITION BY dimension, region, value, window_start_ms ORDER BY seq DESC)"
            + " = 1";

    /** As {@link #MERGE_WINDOWS}, for hours and days against target. */
    static final String MERGE_TARGETS = "INSERT OR REPLACE INTO " + TARGETS
            + " SELECT region, period, window_start_ms, window_end_ms, sales_count, revenue, currency, target,"
            + " last_event_ms FROM " + TARGETS_STAGING
            + " QUALIFY row_number() OVER (PARTITION BY region, period, window_start_ms ORDER BY seq DESC) = 1";

    /**
     * Parameters: origin (a bucket boundary at or before {@code from}), bucket ms, origin, from, to.
     * {@code event_ms - origin} is never negative, so integer division truncating toward zero is floor.
     */
    static final String SALES_BY_BUCKET = "SELECT ? + (event_ms - ?) // ? * ? AS bucket_ms, region,"
            + " sum(amount) AS revenue, count(*) AS orders, CAST(sum(quantity) AS BIGINT) AS units"
            + " FROM " + SALES + " WHERE event_ms >= ? AND event_ms < ?%s"
            + " GROUP BY bucket_ms, region ORDER BY bucket_ms, region";

    static final String TOP_PRODUCTS = "SELECT product_id, sum(amount) AS revenue, count(*) AS orders,"
            + " CAST(sum(quantity) AS BIGINT) AS units FROM " + SALES + " WHERE event_ms >= ? AND event_ms < ?"
            + " GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT ?";

    static final String WINDOWS_IN_RANGE =
            "SELECT region, window_start_ms, window_end_ms, sales_count, revenue, units, currency, last_event_ms"
                    + " FROM " + WINDOWS + " WHERE window_start_ms >= ? AND window_start_ms < ?%s"
                    + " ORDER BY window_start_ms, region";

    /** Parameters: dimension, from, to, then the regions. */
    static final String BREAKDOWNS_IN_RANGE = "SELECT dimension, region, value, window_start_ms, window_end_ms,"
            + " sales_count, revenue, units, currency, last_event_ms FROM " + BREAKDOWNS
            + " WHERE dimension = ? AND window_start_ms >= ? AND window_start_ms < ?%s"
            + " ORDER BY window_start_ms, region, value";

    /** Parameters: from, to, then the regions. */
    static final String TARGETS_IN_RANGE = "SELECT region, period, window_start_ms, window_end_ms, sales_count,"
            + " revenue, currency, target, last_event_ms FROM " + TARGETS
            + " WHERE window_start_ms >= ? AND window_start_ms < ?%s ORDER BY window_start_ms, region, period";

    /** Floor division by a day for possibly negative epoch ms (DuckDB's {@code //} truncates). */
    private static String epochDay(String column) {
        return "(" + column + " // " + DAY_MS + " - CASE WHEN " + column + " % " + DAY_MS + " < 0 THEN 1 ELSE 0 END)";
    }

    /** Parameters: cut-off ms four times. Epoch days, ascending, that have rows before the cut-off. */
    static final String DAYS_BEFORE = "SELECT DISTINCT day FROM (SELECT " + epochDay("event_ms") + " AS day FROM "
            + SALES + " WHERE event_ms < ? UNION ALL SELECT " + epochDay("window_start_ms") + " FROM " + WINDOWS
            + " WHERE window_start_ms < ? UNION ALL SELECT " + epochDay("window_start_ms") + " FROM " + BREAKDOWNS
            + " WHERE window_start_ms < ? UNION ALL SELECT " + epochDay("window_start_ms") + " FROM " + TARGETS
            + " WHERE window_start_ms < ?) ORDER BY day";

    static final String DELETE_SALES_BEFORE = "DELETE FROM " + SALES + " WHERE event_ms < ?";
    static final String DELETE_WINDOWS_BEFORE = "DELETE FROM " + WINDOWS + " WHERE window_start_ms < ?";
    static final String DELETE_BREAKDOWNS_BEFORE = "DELETE FROM " + BREAKDOWNS + " WHERE window_start_ms < ?";
    static final String DELETE_TARGETS_BEFORE = "DELETE FROM " + TARGETS + " WHERE window_start_ms < ?";

    /** {@code " AND region IN (?, ?)"} for {@code n} regions, or nothing for none (all regions). */
    static String regionFilter(int n) {
        return n == 0 ? "" : " AND region IN (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
    }

    private DuckDbSchema() {}
}
