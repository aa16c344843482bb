package io.pulseboard.history.duckdb;

import static io.pulseboard.history.duckdb.DuckDbSchema.DAY_MS;
import static io.pulseboard.history.duckdb.DuckDbSchema.MONEY_SCALE;

import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStoreException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HistoryStore} in one embedded DuckDB database file, for a desktop or a single server
 * without a ClickHouse. The file and its parent directories are created when absent; DuckDB locks the
 * file, so one process at a time can open it.
 *
 * <p><b>Schema.</b> {@code sales} (one row per event, no key, see below) and {@code sales_windows}
 * ({@code PRIMARY KEY (region, window_start_ms)}), {@code sales_breakdowns} ({@code PRIMARY KEY
 * (dimension, region, value, window_start_ms)}) and {@code region_targets} ({@code PRIMARY KEY (region,
 * period, window_start_ms)}, {@code target} NULL when the region had none). Event and window times are {@code BIGINT} UTC
 * epoch milliseconds: ranges and buckets are plain integer arithmetic, exact to the millisecond and
 * independent of the JVM's and DuckDB's time zones (sub-millisecond parts of an {@link Instant} are
 * dropped). Money is {@code DECIMAL(18,4)}: amounts with more than four decimals are refused rather
 * than rounded. Sums come back with at least two decimals ({@code 6.00}, not {@code 6.0000}) and more
 * only where they are non-zero.
 *
 * <p><b>De-duplication.</b> A sales batch goes through the DuckDB Appender straight into {@code sales}
 * and then, in the same transaction, the writer looks for event ids stored twice within the batch's
 * event-time span and deletes the extra copies (a check that finds none in the usual case; DuckDB's
 * zone maps limit it to the rows of that span). This relies on a redelivered event carrying the same
 * id and event time as the original, which at-least-once delivery guarantees, and on a single writer
 * (the lock below; DuckDB's file lock keeps other processes out). The obvious alternative, a
 * {@code PRIMARY KEY (event_id)} with the Appender into a TEMP staging table and {@code INSERT OR
 * IGNORE INTO sales SELECT ...}, measured about 0.35 of a raw Appender's rate (maintaining the ART
 * index dominates), while this design keeps about 0.7 (see {@code DuckDbInsertBenchmark}). Windows
 * are few: they go through the Appender into a TEMP staging table, are reduced to the batch's last row
 * per key, and {@code INSERT OR REPLACE}, so a later append replaces an earlier one; breakdowns and
 * targets go the same way, each through its own staging table.
 *
 * <p><b>Threads.</b> Thread-safe. Writes are serialised on one writer connection (DuckDB would abort
 * one of two concurrent writers touching the same key); each query runs on its own
 * {@link DuckDBConnection#duplicate() duplicate} of the shared database, so reads run concurrently
 * with each other and with a write. Every call blocks on disk I/O. {@link #close()} waits for running
 * calls and then closes the database; calls after it throw {@link IllegalStateException}.
 *
 * <p><b>Offline.</b> Extension auto-install and auto-load are disabled, so DuckDB never reaches for
 * the network; nothing here needs an extension.
 */
public final class DuckDbHistoryStore implements HistoryStore {

    private static final Logger log = LoggerFactory.getLogger(DuckDbHistoryStore.class);

    private final Path file;
    private final String label;
    private final DuckDBConnection database;
    private final DuckDBConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Read-held by every call, write-held by {@link #close()}. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    /**
     * Opens (or creates) the database file and its schema.
     *
     * @param file the database file, e.g. {@code <app data>/history/history.duckdb}; not null
     * @throws HistoryStoreException if the directory or file cannot be created or opened (for
     *     example because another process holds it)
     */
    public DuckDbHistoryStore(Path file) {
        this.file = file.toAbsolutePath();
        this.label = "duckdb at " + this.file;
        DuckDBConnection db = null;
        DuckDBConnection w = null;
        try {
            Path parent = this.file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + this.file, offlineProperties());
            try (Statement s = db.createStatement()) {
                for (String ddl : DuckDbSchema.CREATE_TABLES) {
                    s.execute(ddl);
                }
            }
            w = db.duplicate();
            try (Statement s = w.createStatement()) {
                s.execute(DuckDbSchema.CREATE_WINDOWS_STAGING);
                for (String ddl : DuckDbSchema.CREATE_OTHER_STAGING) {
                    s.execute(ddl);
                }
            }
            w.setAutoCommit(false);
        } catch (SQLException | IOException | RuntimeException e) {
            HistoryStoreException failure = failure("open", e);
            closeQuietlyAfter(w, failure);
            closeQuietlyAfter(db, failure);
            throw failure;
        }
        this.database = db;
        this.writer = w;
        log.info("History store opened: {}", label);
    }

    /**
     * DuckDB's memory bound. Its default, 80 % of RAM, let the buffer pool keep every block of a
     * growing history in memory (docs/adr/0010).
     */
    static final String MEMORY_LIMIT = "64MB";

    /**
     * Connection properties that keep DuckDB offline and bound its memory; exposed for the
     * benchmark's raw connection.
     */
    static Properties offlineProperties() {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("memory_limit", MEMORY_LIMIT);
        return p;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public void appendSales(List<SalesEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        write("appendSales", () -> {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            try (DuckDBAppender a = writer.createAppender(DuckDbSchema.SALES)) {
                for (SalesEvent e : events) {
                    long ms = e.timestamp().toEpochMilli();
                    min = Math.min(min, ms);
                    max = Math.max(max, ms);
                    a.beginRow()
                            .append(e.eventId())
                            .append(ms)
                            .append(e.region())
                            .append(e.productId())
                            .append(e.customerId())
                            .append(e.quantity())
                            .append(money(e.unitPrice()))
                            .append(money(e.amount()))
                            .append(e.currency())
                            .append(e.channel())
                            .endRow();
                }
            }
            removeDuplicates(min, max);
        });
    }

    /** Deletes the extra copies of event ids within {@code [min, max]}; the usual batch has none. */
    private void removeDuplicates(long min, long max) throws SQLException {
        long duplicated;
        try (PreparedStatement count = writer.prepareStatement(DuckDbSchema.COUNT_DUPLICATES)) {
            bind(count, 1, min, max);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                duplicated = rs.getLong(1);
            }
        }
        if (duplicated > 0) {
            try (PreparedStatement delete = writer.prepareStatement(DuckDbSchema.DELETE_DUPLICATES)) {
                bind(delete, 1, min, max);
                log.debug("{}: dropped {} redelivered sales", label, delete.executeUpdate());
            }
        }
    }

    @Override
    public void appendWindows(List<SalesWindowMetric> windows) {
        if (windows.isEmpty()) {
            return;
        }
        write("appendWindows", () -> {
            try (DuckDBAppender a = writer.createAppender("temp", "main", DuckDbSchema.WINDOWS_STAGING)) {
                long seq = 0;
                for (SalesWindowMetric w : windows) {
                    a.beginRow()
                            .append(w.region())
                            .append(w.windowStart().toEpochMilli())
                            .append(w.windowEnd().toEpochMilli())
                            .append(w.count())
                            .append(money(w.revenue()))
                            .append(w.units())
                            .append(w.currency())
                            .append(w.lastEventTime().toEpochMilli())
                            .append(seq++)
                            .endRow();
                }
            }
            mergeStaged(DuckDbSchema.MERGE_WINDOWS, DuckDbSchema.WINDOWS_STAGING);
        });
    }

    @Override
    public void appendBreakdowns(List<SalesBreakdownMetric> breakdowns) {
        if (breakdowns.isEmpty()) {
            return;
        }
        write("appendBreakdowns", () -> {
            try (DuckDBAppender a = writer.createAppender("temp", "main", DuckDbSchema.BREAKDOWNS_STAGING)) {
                long seq = 0;
                for (SalesBreakdownMetric b : breakdowns) {
                    a.beginRow()
                            .append(b.dimension())
                            .append(b.region())
                            .append(b.value())
                            .append(b.windowStart().toEpochMilli())
                            .append(b.windowEnd().toEpochMilli())
                            .append(b.count())
                            .append(money(b.revenue()))
                            .append(b.units())
                            .append(b.currency())
                            .append(b.lastEventTime().toEpochMilli())
                            .append(seq++)
                            .endRow();
                }
            }
            mergeStaged(DuckDbSchema.MERGE_BREAKDOWNS, DuckDbSchema.BREAKDOWNS_STAGING);
        });
    }

    @Override
    public void appendTargets(List<TargetMetric> targets) {
        if (targets.isEmpty()) {
            return;
        }
        write("appendTargets", () -> {
            try (DuckDBAppender a = writer.createAppender("temp", "main", DuckDbSchema.TARGETS_STAGING)) {
                long seq = 0;
                for (TargetMetric t : targets) {
                    a.beginRow()
                            .append(t.region())
                            .append(t.period())
                            .append(t.windowStart().toEpochMilli())
                            .append(t.windowEnd().toEpochMilli())
                            .append(t.count())
                            .append(money(t.revenue()))
                            .append(t.currency());
                    if (t.target() == null) {
                        a.appendNull();
                    } else {
                        a.append(money(t.target()));
                    }
                    a.append(t.lastEventTime().toEpochMilli()).append(seq++).endRow();
                }
            }
            mergeStaged(DuckDbSchema.MERGE_TARGETS, DuckDbSchema.TARGETS_STAGING);
        });
    }

    private void mergeStaged(String merge, String staging) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.executeUpdate(merge);
            s.execute("DELETE FROM " + staging);
        }
    }

    @Override
    public List<BucketRow> salesByBucket(TimeRange range, Bucket bucket, Set<String> regions) {
        long bucketMs = bucket.length().toMillis();
        long from = range.from().toEpochMilli();
        long origin = Math.floorDiv(from, bucketMs) * bucketMs;
        String sql = String.format(DuckDbSchema.SALES_BY_BUCKET, DuckDbSchema.regionFilter(regions.size()));
        return query(
                "salesByBucket",
                sql,
                ps -> {
                    int i = bind(
                            ps,
                            1,
                            origin,
                            origin,
                            bucketMs,
                            bucketMs,
                            from,
                            range.to().toEpochMilli());
                    bindAll(ps, i, regions);
                },
                rs -> new BucketRow(
                        Instant.ofEpochMilli(rs.getLong(1)),
                        rs.getString(2),
                        sum(rs.getBigDecimal(3)),
                        rs.getLong(4),
                        rs.getLong(5)));
    }

    @Override
    public List<ProductRow> topProducts(TimeRange range, int limit) {
        return query(
                "topProducts",
                DuckDbSchema.TOP_PRODUCTS,
                ps -> bind(ps, 1, range.from().toEpochMilli(), range.to().toEpochMilli(), limit),
                rs -> new ProductRow(rs.getString(1), sum(rs.getBigDecimal(2)), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public List<SalesWindowMetric> windows(TimeRange range, Set<String> regions) {
        String sql = String.format(DuckDbSchema.WINDOWS_IN_RANGE, DuckDbSchema.regionFilter(regions.size()));
        return query(
                "windows",
                sql,
                ps -> bindAll(
                        ps, bind(ps, 1, range.from().toEpochMilli(), range.to().toEpochMilli()), regions),
                rs -> new SalesWindowMetric(
                        rs.getString(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getLong(4),
                        sum(rs.getBigDecimal(5)),
                        rs.getLong(6),
                        rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))));
    }

    @Override
    public List<SalesBreakdownMetric> breakdowns(TimeRange range, String dimension, Set<String> regions) {
        String sql = String.format(DuckDbSchema.BREAKDOWNS_IN_RANGE, DuckDbSchema.regionFilter(regions.size()));
        return query(
                "breakdowns",
                sql,
                ps -> {
                    ps.setString(1, dimension);
                    bindAll(
                            ps,
                            bind(ps, 2, range.from().toEpochMilli(), range.to().toEpochMilli()),
                            regions);
                },
                rs -> new SalesBreakdownMetric(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getLong(6),
                        sum(rs.getBigDecimal(7)),
                        rs.getLong(8),
                        rs.getString(9),
                        Instant.ofEpochMilli(rs.getLong(10))));
    }

    @Override
    public List<TargetMetric> targets(TimeRange range, Set<String> regions) {
        String sql = String.format(DuckDbSchema.TARGETS_IN_RANGE, DuckDbSchema.regionFilter(regions.size()));
        return query(
                "targets",
                sql,
                ps -> bindAll(
                        ps, bind(ps, 1, range.from().toEpochMilli(), range.to().toEpochMilli()), regions),
                rs -> {
                    BigDecimal target = rs.getBigDecimal(8);
                    return new TargetMetric(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getLong(5),
                            sum(rs.getBigDecimal(6)),
                            rs.getString(7),
                            target == null ? null : sum(target),
                            Instant.ofEpochMilli(rs.getLong(9)));
                });
    }

    @Override
    public List<String> applyRetention(Duration maxAge, Instant now) {
        // A day [d, d+1) ends before the cut-off when d+1 <= cut-off day, i.e. its rows precede that day.
        long keepFrom = Math.floorDiv(now.minus(maxAge).toEpochMilli(), DAY_MS) * DAY_MS;
        List<String> dropped = new ArrayList<>();
        write("applyRetention", () -> {
            try (PreparedStatement days = writer.prepareStatement(DuckDbSchema.DAYS_BEFORE)) {
                bind(days, 1, keepFrom, keepFrom, keepFrom, keepFrom);
                try (ResultSet rs = days.executeQuery()) {
                    while (rs.next()) {
                        dropped.add(LocalDate.ofEpochDay(rs.getLong(1)).toString());
                    }
                }
            }
            for (String delete : List.of(
                    DuckDbSchema.DELETE_SALES_BEFORE,
                    DuckDbSchema.DELETE_WINDOWS_BEFORE,
                    DuckDbSchema.DELETE_BREAKDOWNS_BEFORE,
                    DuckDbSchema.DELETE_TARGETS_BEFORE)) {
                try (PreparedStatement ps = writer.prepareStatement(delete)) {
                    ps.setLong(1, keepFrom);
                    ps.executeUpdate();
                }
            }
        });
        if (!dropped.isEmpty()) {
            log.info("{}: retention dropped {} day(s): {}", label, dropped.size(), dropped);
        }
        return List.copyOf(dropped);
    }

    /** The value of a DuckDB setting as this store's connections see it (for tests and diagnostics). */
    String setting(String name) {
        return query(
                        "setting",
                        "SELECT CAST(current_setting(?) AS VARCHAR)",
                        ps -> ps.setString(1, name),
                        rs -> rs.getString(1))
                .get(0);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            SQLException failure = null;
            for (DuckDBConnection c : new DuckDBConnection[] {writer, database}) {
                try {
                    c.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure("close", failure);
            }
            log.info("History store closed: {}", label);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return label;
    }

    /** Runs {@code work} in one transaction on the writer connection; rolls back on any failure. */
    private void write(String operation, SqlWork work) {
        enter();
        writeLock.lock();
        try {
            work.run();
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            HistoryStoreException failure = failure(operation, e);
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                failure.addSuppressed(rollback);
            }
            throw failure;
        } finally {
            writeLock.unlock();
            lifecycle.readLock().unlock();
        }
    }

    private <T> List<T> query(String operation, String sql, Binder binder, RowMapper<T> mapper) {
        enter();
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException | RuntimeException e) {
            throw failure(operation, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void enter() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new IllegalStateException(label + " is closed");
        }
    }

    private HistoryStoreException failure(String operation, Exception cause) {
        return new HistoryStoreException(label + ": " + operation + " failed: " + cause.getMessage(), cause);
    }

    private static void closeQuietlyAfter(DuckDBConnection c, HistoryStoreException failure) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** To the column scale; refuses (never rounds) a value with more decimals than the column keeps. */
    private static BigDecimal money(BigDecimal value) {
        try {
            return value.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + value.toPlainString() + " has more than " + MONEY_SCALE + " decimals", e);
        }
    }

    /** Trailing zeros dropped down to cents: 6.0000 becomes 6.00, 1.2350 becomes 1.235. */
    private static BigDecimal sum(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()), RoundingMode.UNNECESSARY);
    }

    private static int bind(PreparedStatement ps, int first, long... values) throws SQLException {
        int i = first;
        for (long v : values) {
            ps.setLong(i++, v);
        }
        return i;
    }

    private static void bindAll(PreparedStatement ps, int first, Set<String> values) throws SQLException {
        int i = first;
        for (String v : values) {
            ps.setString(i++, v);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
