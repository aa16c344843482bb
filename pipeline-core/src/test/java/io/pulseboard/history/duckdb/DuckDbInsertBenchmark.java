package io.pulseboard.history.duckdb;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.TimeRange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Not a test: measures {@link DuckDbHistoryStore#appendSales} (Appender into staging, then a
 * de-duplicating merge) against a raw Appender into an identical key-less table, in the same batches,
 * then the dashboard's heaviest query (24 h, 5-minute buckets, all regions) over a day of data.
 *
 * <p>Arguments: {@code [sales=500000] [batch=5000] [queryRuns=9]}. Prints a table and one JSON line.
 * Run with the test classpath, e.g. {@code java -cp target/classes:target/test-classes:<deps>
 * io.pulseboard.history.duckdb.DuckDbInsertBenchmark}.
 */
public final class DuckDbInsertBenchmark {

    private static final Instant DAY_START = Instant.parse("2026-11-26T00:00:00Z");
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final int WARM_UP_SALES = 50_000;

    private DuckDbInsertBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int queryRuns = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Path dir = Files.createTempDirectory("duckdb-bench");
        try {
            List<SalesEvent> sales = sales(count);
            List<SalesEvent> warmUp = sales.subList(0, Math.min(WARM_UP_SALES, sales.size()));
            storeInsertMs(dir.resolve("warm-store.duckdb"), warmUp, batch);
            rawInsertMs(dir.resolve("warm-raw.duckdb"), warmUp, batch);

            double rawMs = rawInsertMs(dir.resolve("raw.duckdb"), sales, batch);
            Path storeFile = dir.resolve("store.duckdb");
            double storeMs = storeInsertMs(storeFile, sales, batch);
            double[] queryMs;
            int rows;
            try (DuckDbHistoryStore store = new DuckDbHistoryStore(storeFile)) {
                TimeRange day = new TimeRange(DAY_START, DAY_START.plusMillis(DAY_MS));
                rows = store.salesByBucket(day, Bucket.FIVE_MINUTES, Set.of()).size();
                queryMs = new double[queryRuns];
                for (int i = 0; i < queryRuns; i++) {
                    long t0 = System.nanoTime();
                    store.salesByBucket(day, Bucket.FIVE_MINUTES, Set.of());
                    queryMs[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            report(count, batch, rawMs, storeMs, queryMs, rows, Files.size(storeFile));
        } finally {
            deleteTree(dir);
        }
    }

    private static void report(
            int count, int batch, double rawMs, double storeMs, double[] queryMs, int rows, long bytes) {
        double rawRate = count / (rawMs / 1000);
        double storeRate = count / (storeMs / 1000);
        double ratio = storeRate / rawRate;
        double[] sorted = queryMs.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf(Locale.ROOT, "%-42s %14s%n", "measure", "value");
        System.out.printf(Locale.ROOT, "%-42s %,14d%n", "sales inserted", count);
        System.out.printf(Locale.ROOT, "%-42s %,14d%n", "batch size", batch);
        System.out.printf(Locale.ROOT, "%-42s %,14.0f%n", "raw Appender, plain table (rows/s)", rawRate);
        System.out.printf(Locale.ROOT, "%-42s %,14.0f%n", "DuckDbHistoryStore.appendSales (rows/s)", storeRate);
        System.out.printf(Locale.ROOT, "%-42s %14.2f  (goal >= 0.60)%n", "ratio store / raw", ratio);
        System.out.printf(Locale.ROOT, "%-42s %,14d%n", "database file (bytes)", bytes);
        System.out.printf(Locale.ROOT, "%-42s %14d%n", "24h x 5min all regions: rows returned", rows);
        System.out.printf(
                Locale.ROOT,
                "%-42s %14.1f  (goal < 200; min %.1f, max %.1f, %d runs)%n",
                "24h x 5min all regions: median (ms)",
                median,
                sorted[0],
                sorted[sorted.length - 1],
                sorted.length);
        System.out.printf(
                Locale.ROOT,
                "{\"benchmark\":\"duckdb-history\",\"sales\":%d,\"batch\":%d,\"rawRowsPerSec\":%.0f,"
                        + "\"storeRowsPerSec\":%.0f,\"ratio\":%.3f,\"queryMedianMs\":%.2f,\"queryRuns\":%d,"
                        + "\"queryRows\":%d}%n",
                count,
                batch,
                rawRate,
                storeRate,
                ratio,
                median,
                sorted.length,
                rows);
    }

    /** {@code count} generated sales, re-stamped evenly over one UTC day (ids stay unique). */
    private static List<SalesEvent> sales(int count) {
        EventGenerator generator = new EventGenerator(42, 5_000, "USD", "bench");
        List<SalesEvent> sales = new ArrayList<>(count);
        while (sales.size() < count) {
            if (generator.next(DAY_START) instanceof GeneratedEvent.Sale s) {
                SalesEvent e = s.event();
                Instant at = DAY_START.plusMillis(DAY_MS * sales.size() / count);
                sales.add(new SalesEvent(
                        e.eventId(),
                        at,
                        e.region(),
                        e.productId(),
                        e.customerId(),
                        e.quantity(),
                        e.unitPrice(),
                        e.amount(),
                        e.currency(),
                        e.channel()));
            }
        }
        return sales;
    }

    private static double storeInsertMs(Path file, List<SalesEvent> sales, int batch) {
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(file)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < sales.size(); i += batch) {
                store.appendSales(sales.subList(i, Math.min(sales.size(), i + batch)));
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** The same rows and batches through a bare Appender (one auto-committed flush per batch). */
    private static double rawInsertMs(Path file, List<SalesEvent> sales, int batch) throws SQLException {
        try (DuckDBConnection c = (DuckDBConnection)
                DriverManager.getConnection("jdbc:duckdb:" + file, DuckDbHistoryStore.offlineProperties())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE plain_sales (" + DuckDbSchema.SALES_COLUMNS + ")");
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < sales.size(); i += batch) {
                try (DuckDBAppender a = c.createAppender("plain_sales")) {
                    for (SalesEvent e : sales.subList(i, Math.min(sales.size(), i + batch))) {
                        a.beginRow()
                                .append(e.eventId())
                                .append(e.timestamp().toEpochMilli())
                                .append(e.region())
                                .append(e.productId())
                                .append(e.customerId())
                                .append(e.quantity())
                                .append(scaled(e.unitPrice()))
                                .append(scaled(e.amount()))
                                .append(e.currency())
                                .append(e.channel())
                                .endRow();
                    }
                }
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v.setScale(DuckDbSchema.MONEY_SCALE, RoundingMode.UNNECESSARY);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
