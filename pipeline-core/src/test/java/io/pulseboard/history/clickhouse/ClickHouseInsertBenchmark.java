package io.pulseboard.history.clickhouse;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: a main that measures, on a ClickHouse server started through local-stack, (1) rows/s of
 * {@link ClickHouseHistoryStore#appendSales} against a raw {@code INSERT ... FORMAT RowBinary} HTTP POST
 * of the same rows, pre-encoded, into an identical table (goal: ratio of at least 0.6), and (2) the median
 * time of a 24 h, 5-minute, all-regions {@code salesByBucket} over that day (goal: under 200 ms).
 *
 * <p>Run from {@code pipeline-core} after {@code test-compile}: {@code ../mvnw -q dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then {@code java -cp
 * "$(cat /tmp/cp.txt):target/classes:target/test-classes" io.pulseboard.history.clickhouse.ClickHouseInsertBenchmark
 * [rows] [batch]}. Prints a table and one JSON line on standard output.
 */
public final class ClickHouseInsertBenchmark {
    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final List<String> REGIONS = List.of("EU-WEST", "EU-NORTH", "NA-EAST", "NA-WEST", "APAC", "LATAM");
    private static final int QUERY_RUNS = 7;

    private ClickHouseInsertBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<SalesEvent> sales = generate(rows, 42);
        Path dir = Files.createTempDirectory("clickhouse-bench");
        try (ClickHouseServerProcess server = new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(dir))) {
            String endpoint = server.start();
            HttpClient http = HttpClient.newHttpClient();
            try (ClickHouseHistoryStore warm = new ClickHouseHistoryStore(endpoint, "bench_warmup");
                    ClickHouseHistoryStore store = new ClickHouseHistoryStore(endpoint, "bench")) {
                List<SalesEvent> warmup = generate(20_000, 7);
                warm.appendSales(warmup);
                for (byte[] body : encode(warmup, batch)) {
                    post(http, endpoint, "bench_warmup.sales", body);
                }

                sql(http, endpoint, "CREATE TABLE bench.sales_raw AS bench.sales");
                List<byte[]> bodies = encode(sales, batch);
                long rawNanos = System.nanoTime();
                for (byte[] body : bodies) {
                    post(http, endpoint, "bench.sales_raw", body);
                }
                rawNanos = System.nanoTime() - rawNanos;

                long storeNanos = System.nanoTime();
                for (int i = 0; i < sales.size(); i += batch) {
                    store.appendSales(sales.subList(i, Math.min(sales.size(), i + batch)));
                }
                storeNanos = System.nanoTime() - storeNanos;

                TimeRange day = new TimeRange(DAY, DAY.plus(Duration.ofDays(1)));
                store.salesByBucket(day, Bucket.FIVE_MINUTES, Set.of());
                double[] queryMillis = new double[QUERY_RUNS];
                int resultRows = 0;
                for (int i = 0; i < QUERY_RUNS; i++) {
                    long t = System.nanoTime();
                    resultRows = store.salesByBucket(day, Bucket.FIVE_MINUTES, Set.of())
                            .size();
                    queryMillis[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(queryMillis);
                report(server, rows, batch, rawNanos, storeNanos, queryMillis[QUERY_RUNS / 2], resultRows);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void report(
            ClickHouseServerProcess server,
            int rows,
            int batch,
            long rawNanos,
            long storeNanos,
            double medianQueryMillis,
            int resultRows) {
        double raw = rows / (rawNanos / 1e9);
        double store = rows / (storeNanos / 1e9);
        String version = "unknown";
        try {
            version = sql(HttpClient.newHttpClient(), server.endpoint(), "SELECT version()")
                    .strip();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("ClickHouse %s, %,d rows in batches of %,d%n", version, rows, batch);
        System.out.printf("%-34s %14s%n", "measure", "value");
        System.out.printf("%-34s %,14.0f%n", "raw RowBinary POST rows/s", raw);
        System.out.printf("%-34s %,14.0f%n", "ClickHouseHistoryStore rows/s", store);
        System.out.printf("%-34s %14.2f%n", "ratio store/raw (goal >= 0.6)", store / raw);
        System.out.printf("%-34s %14.1f%n", "salesByBucket 24h/5min ms (median)", medianQueryMillis);
        System.out.printf("%-34s %,14d%n", "  result rows", resultRows);
        System.out.printf(
                "{\"server\":\"%s\",\"rows\":%d,\"batch\":%d,\"rawRowsPerSec\":%.0f,\"storeRowsPerSec\":%.0f,"
                        + "\"ratio\":%.3f,\"queryMedianMs\":%.1f,\"queryRuns\":%d,\"resultRows\":%d}%n",
                version, rows, batch, raw, store, store / raw, medianQueryMillis, QUERY_RUNS, resultRows);
    }

    private static List<SalesEvent> generate(int rows, long seed) {
        Random random = new Random(seed);
        List<SalesEvent> sales = new ArrayList<>(rows);
        long dayMillis = Duration.ofDays(1).toMillis();
        for (int i = 0; i < rows; i++) {
            int quantity = 1 + random.nextInt(3);
            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(20_000), 2);
            sales.add(new SalesEvent(
                    "b" + seed + "-" + i,
                    DAY.plusMillis(dayMillis * i / rows),
                    REGIONS.get(random.nextInt(REGIONS.size())),
                    "P-" + random.nextInt(400),
                    "C-" + random.nextInt(50_000),
                    quantity,
                    price,
                    price.multiply(BigDecimal.valueOf(quantity)),
                    "USD",
                    random.nextBoolean() ? "web" : "mobile"));
        }
        return sales;
    }

    private static List<byte[]> encode(List<SalesEvent> sales, int batch) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < sales.size(); i += batch) {
            RowBinaryWriter out = new RowBinaryWriter(batch * 96);
            sales.subList(i, Math.min(sales.size(), i + batch)).forEach(s -> ClickHouseSchema.encodeSale(s, out));
            bodies.add(out.toByteArray());
        }
        return bodies;
    }

    private static void post(HttpClient http, String endpoint, String table, byte[] body) throws Exception {
        String insert = "INSERT INTO " + table + " (" + String.join(", ", ClickHouseSchema.SALES_COLUMNS)
                + ") FORMAT RowBinary";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(endpoint + "/?query=" + URLEncoder.encode(insert, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("raw insert failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static String sql(HttpClient http, String endpoint, String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(sql + " failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
