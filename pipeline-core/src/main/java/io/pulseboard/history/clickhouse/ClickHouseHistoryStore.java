package io.pulseboard.history.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link HistoryStore} on a ClickHouse server reached over HTTP with {@code client-v2}; works with
 * servers from 18.16 on. The tables are described in {@link ClickHouseSchema}; the constructor creates
 * the database and tables if absent.
 *
 * <p><b>At-least-once duplicates.</b> A re-sent sale is a second row with the same {@code event_id},
 * and so the same sorting key {@code (region, event_time, event_id)} and the same day partition.
 * {@code ReplacingMergeTree} removes such copies only when it merges parts, at an unknown later time,
 * so the sales queries read with {@code FINAL}, which collapses rows with equal sorting keys across all
 * parts at read time: results are the same before and after background merges. (Measured on 18.16 with
 * 500k rows over a day: {@code FINAL} 105 ms against 285 ms for an inner {@code GROUP BY event_id}, and
 * 40 ms without any de-duplication.) Window values carry a {@code version}, a per-store monotonic
 * microsecond clock taken at append (later in a batch is later), and reads take {@code argMax(...,
 * version)} per (region, window start): the value appended last wins and a value appended twice is
 * harmless. Across processes, "later" relies on the wall clock. Breakdown windows (per dimension, region
 * and value) and hours and days against target (per region and period) are kept and read the same way.
 *
 * <p><b>Time.</b> Ranges filter on {@code event_time} (seconds, for partition pruning and the primary
 * index) and then exactly on {@code event_ms}. Buckets are {@code intDiv(event_ms, length) * length},
 * UTC-aligned whatever the server's time zone.
 *
 * <p><b>Retention</b> drops whole day partitions ({@code ALTER TABLE ... DROP PARTITION ID}) of every
 * table (sales, windows, breakdowns, targets), found in {@code system.parts}.
 *
 * <p>Writes are sent as {@code RowBinary} encoded here; reads ask for {@code FORMAT RowBinary} with
 * server response compression off (18.16 with a compressed response returns no rows to client-v2).
 * Thread-safe; every method blocks on I/O and fails with {@link HistoryStoreException} naming the
 * store, e.g. {@code clickhouse at http://127.0.0.1:8123 (database pulseboard)}.
 */
public final class ClickHouseHistoryStore implements HistoryStore {
    /** Rows per INSERT request: large inserts are what MergeTree wants, this bounds the request's memory. */
    static final int INSERT_BATCH_ROWS = 100_000;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter PARTITION_ID = DateTimeFormatter.BASIC_ISO_DATE;

    private final String endpoint;
    private final String database;
    private final String description;
    private final Client client;
    private final AtomicLong lastVersion = new AtomicLong();

    /**
     * Connects and creates the database and its tables if they do not exist.
     *
     * @param endpoint the HTTP endpoint, e.g. {@code http://127.0.0.1:8123}; user {@code default}, no
     *     password
     * @param database database name, a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*})
     * @throws HistoryStoreException if the server cannot be reached or refuses the DDL
     */
    public ClickHouseHistoryStore(String endpoint, String database) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.database = ClickHouseSchema.checkDatabase(database);
        this.description = "clickhouse at " + endpoint + " (database " + database + ")";
        this.client = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .compressClientRequest(false)
                .build();
        try {
            for (String ddl : ClickHouseSchema.ddl(database)) {
                execute("creating the schema", ddl);
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    /** @throws IllegalArgumentException if an amount or unit price has more than 4 non-zero decimals */
    @Override
    public void appendSales(List<SalesEvent> events) {
        for (int from = 0; from < events.size(); from += INSERT_BATCH_ROWS) {
            List<SalesEvent> chunk = events.subList(from, Math.min(events.size(), from + INSERT_BATCH_ROWS));
            RowBinaryWriter rows = new RowBinaryWriter(chunk.size() * 96);
            for (SalesEvent e : chunk) {
                try {
                    ClickHouseSchema.encodeSale(e, rows);
                } catch (ArithmeticException ex) {
                    throw new IllegalArgumentException(
                            "sale " + e.eventId() + " cannot be stored exactly in " + description + ": " + ex, ex);
                }
            }
            insert(ClickHouseSchema.SALES, ClickHouseSchema.SALES_COLUMNS, rows);
        }
    }

    /** @throws IllegalArgumentException if a revenue has more than 4 non-zero decimals */
    @Override
    public void appendWindows(List<SalesWindowMetric> windows) {
        if (windows.isEmpty()) {
            return;
        }
        RowBinaryWriter rows = new RowBinaryWriter(windows.size() * 96);
        for (SalesWindowMetric w : windows) {
            try {
                ClickHouseSchema.encodeWindow(w, nextVersion(), rows);
            } catch (ArithmeticException ex) {
                throw new IllegalArgumentException(
                        "window " + w.region() + "@" + w.windowStart() + " cannot be stored exactly: " + ex, ex);
            }
        }
        insert(ClickHouseSchema.WINDOWS, ClickHouseSchema.WINDOW_COLUMNS, rows);
    }

    /** @throws IllegalArgumentException if a revenue has more than 4 non-zero decimals */
    @Override
    public void appendBreakdowns(List<SalesBreakdownMetric> breakdowns) {
        if (breakdowns.isEmpty()) {
            return;
        }
        RowBinaryWriter rows = new RowBinaryWriter(breakdowns.size() * 112);
        for (SalesBreakdownMetric b : breakdowns) {
            try {
                ClickHouseSchema.encodeBreakdown(b, nextVersion(), rows);
            } catch (ArithmeticException ex) {
                throw new IllegalArgumentException(
                        b.dimension() + " window " + b.region() + "|" + b.value() + "@" + b.windowStart()
                                + " cannot be stored exactly: " + ex,
                        ex);
            }
        }
        insert(ClickHouseSchema.BREAKDOWNS, ClickHouseSchema.BREAKDOWN_COLUMNS, rows);
    }

    /** @throws IllegalArgumentException if a revenue or target has more than 4 non-zero decimals */
    @Override
    public void appendTargets(List<TargetMetric> targets) {
        if (targets.isEmpty()) {
            return;
        }
        RowBinaryWriter rows = new RowBinaryWriter(targets.size() * 112);
        for (TargetMetric t : targets) {
            try {
                ClickHouseSchema.encodeTarget(t, nextVersion(), rows);
            } catch (ArithmeticException ex) {
                throw new IllegalArgumentException(
                        "target " + t.region() + "|" + t.period() + "@" + t.windowStart()
                                + " cannot be stored exactly: " + ex,
                        ex);
            }
        }
        insert(ClickHouseSchema.TARGETS, ClickHouseSchema.TARGET_COLUMNS, rows);
    }

    @Override
    public List<BucketRow> salesByBucket(TimeRange range, Bucket bucket, Set<String> regions) {
        long length = bucket.length().toMillis();
        String sql = "SELECT toInt64(intDiv(event_ms, " + length + ") * " + length + ") AS bucket, region,"
                + " toDecimal128(sum(amount), 4), toUInt8(max(amount_scale)), toInt64(count()), toInt64(sum(quantity))"
                + " FROM " + table(ClickHouseSchema.SALES) + " FINAL WHERE "
                + timeFilter("event_time", "event_ms", range) + regionFilter(regions)
                + " GROUP BY bucket, region ORDER BY bucket, region FORMAT RowBinary";
        return read("querying sales by bucket", sql, in -> {
            List<BucketRow> rows = new ArrayList<>();
            while (in.hasMore()) {
                Instant start = Instant.ofEpochMilli(in.int64());
                String region = in.string();
                BigDecimal revenue = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                rows.add(new BucketRow(start, region, revenue, in.int64(), in.int64()));
            }
            return rows;
        });
    }

    @Override
    public List<ProductRow> topProducts(TimeRange range, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String sql = "SELECT product_id, toDecimal128(sum(amount), 4) AS revenue, toUInt8(max(amount_scale)),"
                + " toInt64(count()), toInt64(sum(quantity)) FROM " + table(ClickHouseSchema.SALES) + " FINAL WHERE "
                + timeFilter("event_time", "event_ms", range)
                + " GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT " + limit + " FORMAT RowBinary";
        return read("querying top products", sql, in -> {
            List<ProductRow> rows = new ArrayList<>();
            while (in.hasMore()) {
                String product = in.string();
                BigDecimal revenue = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                rows.add(new ProductRow(product, revenue, in.int64(), in.int64()));
            }
            return rows;
        });
    }

    @Override
    public List<SalesWindowMetric> windows(TimeRange range, Set<String> regions) {
        String sql = "SELECT region, window_start_ms, argMax(window_end_ms, version), argMax(order_count, version),"
                + " argMax(revenue, version), argMax(revenue_scale, version), argMax(units, version),"
                + " argMax(currency, version), argMax(last_event_ms, version) FROM "
                + table(ClickHouseSchema.WINDOWS) + " WHERE "
                + timeFilter("window_start", "window_start_ms", range) + regionFilter(regions)
                + " GROUP BY region, window_start_ms ORDER BY window_start_ms, region FORMAT RowBinary";
        return read("querying windows", sql, in -> {
            List<SalesWindowMetric> rows = new ArrayList<>();
            while (in.hasMore()) {
                String region = in.string();
                Instant start = Instant.ofEpochMilli(in.int64());
                Instant end = Instant.ofEpochMilli(in.int64());
                long count = in.int64();
                BigDecimal revenue = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                long units = in.int64();
                String currency = in.string();
                Instant last = Instant.ofEpochMilli(in.int64());
                rows.add(new SalesWindowMetric(region, start, end, count, revenue, units, currency, last));
            }
            return rows;
        });
    }

    @Override
    public List<SalesBreakdownMetric> breakdowns(TimeRange range, String dimension, Set<String> regions) {
        String sql = "SELECT region, value, window_start_ms, argMax(window_end_ms, version),"
                + " argMax(order_count, version), argMax(revenue, version), argMax(revenue_scale, version),"
                + " argMax(units, version), argMax(currency, version), argMax(last_event_ms, version) FROM "
                + table(ClickHouseSchema.BREAKDOWNS) + " WHERE dimension = " + ClickHouseSchema.literal(dimension)
                + " AND " + timeFilter("window_start", "window_start_ms", range) + regionFilter(regions)
                + " GROUP BY region, value, window_start_ms ORDER BY window_start_ms, region, value FORMAT RowBinary";
        return read("querying " + dimension + " windows", sql, in -> {
            List<SalesBreakdownMetric> rows = new ArrayList<>();
            while (in.hasMore()) {
                String region = in.string();
                String value = in.string();
                Instant start = Instant.ofEpochMilli(in.int64());
                Instant end = Instant.ofEpochMilli(in.int64());
                long count = in.int64();
                BigDecimal revenue = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                long units = in.int64();
                String currency = in.string();
                Instant last = Instant.ofEpochMilli(in.int64());
                rows.add(new SalesBreakdownMetric(
                        dimension, region, value, start, end, count, revenue, units, currency, last));
            }
            return rows;
        });
    }

    @Override
    public List<TargetMetric> targets(TimeRange range, Set<String> regions) {
        String sql = "SELECT region, period, window_start_ms, argMax(window_end_ms, version),"
                + " argMax(order_count, version), argMax(revenue, version), argMax(revenue_scale, version),"
                + " argMax(currency, version), argMax(has_target, version), argMax(target, version),"
                + " argMax(target_scale, version), argMax(last_event_ms, version) FROM "
                + table(ClickHouseSchema.TARGETS) + " WHERE "
                + timeFilter("window_start", "window_start_ms", range) + regionFilter(regions)
                + " GROUP BY region, period, window_start_ms ORDER BY window_start_ms, region, period FORMAT RowBinary";
        return read("querying targets", sql, in -> {
            List<TargetMetric> rows = new ArrayList<>();
            while (in.hasMore()) {
                String region = in.string();
                String period = in.string();
                Instant start = Instant.ofEpochMilli(in.int64());
                Instant end = Instant.ofEpochMilli(in.int64());
                long count = in.int64();
                BigDecimal revenue = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                String currency = in.string();
                boolean hasTarget = in.uint8() == 1;
                BigDecimal target = scaled(in.decimal128(ClickHouseSchema.SCALE), in.uint8());
                Instant last = Instant.ofEpochMilli(in.int64());
                rows.add(new TargetMetric(
                        region, period, start, end, count, revenue, currency, hasTarget ? target : null, last));
            }
            return rows;
        });
    }

    @Override
    public List<String> applyRetention(Duration maxAge, Instant now) {
        Instant cutoff = now.minus(maxAge);
        TreeSet<LocalDate> dropped = new TreeSet<>();
        for (String tableName : List.of(
                ClickHouseSchema.SALES,
                ClickHouseSchema.WINDOWS,
                ClickHouseSchema.BREAKDOWNS,
                ClickHouseSchema.TARGETS)) {
            String sql = "SELECT DISTINCT partition_id FROM system.parts WHERE active AND database = "
                    + ClickHouseSchema.literal(database) + " AND table = " + ClickHouseSchema.literal(tableName)
                    + " FORMAT RowBinary";
            List<String> partitions = read("listing partitions of " + tableName, sql, in -> {
                List<String> ids = new ArrayList<>();
                while (in.hasMore()) {
                    ids.add(in.string());
                }
                return ids;
            });
            for (String id : partitions) {
                LocalDate day = LocalDate.parse(id, PARTITION_ID);
                Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (!dayEnd.isAfter(cutoff)) {
                    String what = "dropping day " + day + " of " + tableName;
                    execute(
                            what,
                            "ALTER TABLE " + table(tableName) + " DROP PARTITION ID " + ClickHouseSchema.literal(id));
                    dropped.add(day);
                }
            }
        }
        return dropped.stream().map(LocalDate::toString).toList();
    }

    /** Closes the HTTP client; the server and its data are untouched. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return description;
    }

    private void insert(String tableName, List<String> columns, RowBinaryWriter rows) {
        if (rows.size() == 0) {
            return;
        }
        // client-v2 writes the table name into "INSERT INTO <name> (...)" as given; its database setting is
        // ignored by 18.16, so the name is qualified here.
        InsertSettings settings = new InsertSettings();
        String what = "inserting into " + tableName;
        await(what, () -> client.insert(table(tableName), columns, rows::writeTo, ClickHouseFormat.RowBinary, settings))
                .close();
    }

    private void execute(String what, String sql) {
        try (CommandResponse response = await(what, () -> client.execute(sql))) {
            response.getWrittenRows();
        } catch (HistoryStoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    private <T> T read(String what, String sql, RowsDecoder<T> decoder) {
        try (QueryResponse response = await(what, () -> client.query(sql));
                InputStream in = response.getInputStream()) {
            return decoder.decode(new RowBinaryReader(in.readAllBytes()));
        } catch (HistoryStoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    // client-v2 runs requests on the calling thread and may throw before returning a future, so the call
    // itself is inside the try.
    private <T> T await(String what, Supplier<Future<T>> call) {
        Future<T> future = null;
        try {
            future = call.get();
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw failure(what + " (interrupted)", e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(what + " (no answer within " + TIMEOUT + ")", e);
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    private HistoryStoreException failure(String what, Throwable cause) {
        return new HistoryStoreException(description + ": " + what + " failed: " + cause, cause);
    }

    private String table(String tableName) {
        return database + "." + tableName;
    }

    private long nextVersion() {
        long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        return lastVersion.updateAndGet(previous -> Math.max(previous + 1, nowMicros));
    }

    // The seconds column narrows the scan with the partition key and primary index; the millisecond
    // column then makes the half-open range exact.
    private static String timeFilter(String secondsColumn, String millisColumn, TimeRange range) {
        long from = range.from().toEpochMilli();
        long to = range.to().toEpochMilli();
        return secondsColumn + " >= toDateTime(" + Math.max(0, Math.floorDiv(from, 1000)) + ") AND "
                + secondsColumn + " <= toDateTime(" + Math.max(0, Math.floorDiv(to - 1, 1000)) + ") AND "
                + millisColumn + " >= " + from + " AND " + millisColumn + " < " + to;
    }

    private static String regionFilter(Set<String> regions) {
        if (regions.isEmpty()) {
            return "";
        }
        return " AND region IN ("
                + regions.stream().sorted().map(ClickHouseSchema::literal).collect(Collectors.joining(", ")) + ")";
    }

    // Sums keep the largest scale among their addends, as BigDecimal.add would.
    private static BigDecimal scaled(BigDecimal fourDecimals, int scale) {
        return fourDecimals.setScale(scale, RoundingMode.UNNECESSARY);
    }

    @FunctionalInterface
    private interface RowsDecoder<T> {
        T decode(RowBinaryReader in) throws IOException;
    }
}
