package io.pulseboard.history.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.BucketRow;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.history.HistoryStoreException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract does not cover: the file, offline settings and failures specific to DuckDB. */
class DuckDbHistoryStoreTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final TimeRange HOUR = new TimeRange(T, T.plusSeconds(3600));

    @TempDir
    Path dir;

    @Test
    void createsParentDirectoriesAndKeepsDataAcrossCloseAndReopen() {
        Path file = dir.resolve("a").resolve("b").resolve("history.duckdb");
        SalesWindowMetric window =
                new SalesWindowMetric("APAC", T, T.plusSeconds(300), 2, new BigDecimal("3.25"), 5, "USD", T);
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(file)) {
            store.appendSales(List.of(sale("x1", "1.50"), sale("x2", "2.25")));
            store.appendWindows(List.of(window));
        }
        assertThat(file).isRegularFile();

        try (DuckDbHistoryStore reopened = new DuckDbHistoryStore(file)) {
            reopened.appendSales(List.of(sale("x1", "1.50")));
            assertThat(reopened.salesByBucket(HOUR, Bucket.HOUR, Set.of()))
                    .containsExactly(new BucketRow(T, "EU-WEST", new BigDecimal("3.75"), 2, 2));
            assertThat(reopened.windows(HOUR, Set.of())).containsExactly(window);
        }
    }

    @Test
    void duplicatesInsideOneBatchCountOnceAndTheLastWindowOfABatchWins() {
        SalesWindowMetric first =
                new SalesWindowMetric("APAC", T, T.plusSeconds(300), 1, new BigDecimal("1.00"), 1, "USD", T);
        SalesWindowMetric last = new SalesWindowMetric(
                "APAC", T, T.plusSeconds(300), 2, new BigDecimal("4.10"), 3, "USD", T.plusSeconds(9));
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"))) {
            store.appendSales(List.of(sale("d", "1.00"), sale("d", "1.00"), sale("e", "2.00"), sale("d", "1.00")));
            store.appendWindows(List.of(first, last));

            assertThat(store.salesByBucket(HOUR, Bucket.HOUR, Set.of()))
                    .containsExactly(new BucketRow(T, "EU-WEST", new BigDecimal("3.00"), 2, 2));
            assertThat(store.windows(HOUR, Set.of("APAC"))).containsExactly(last);
        }
    }

    @Test
    void concurrentAppendsAndQueriesNeitherFailNorLoseRows() throws Exception {
        int threads = 4;
        int batches = 20;
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            // Every thread also replays its neighbour's batch: duplicates race with originals.
                            store.appendSales(List.of(
                                    sale(thread + "-" + b, "1.00"), sale((thread + 1) % threads + "-" + b, "1.00")));
                            store.salesByBucket(HOUR, Bucket.MINUTE, Set.of());
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.salesByBucket(HOUR, Bucket.HOUR, Set.of()))
                    .extracting(BucketRow::orders)
                    .containsExactly((long) threads * batches);
        }
    }

    @Test
    void neverInstallsOrLoadsExtensionsFromTheNetwork() {
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"))) {
            assertThat(store.setting("autoinstall_known_extensions")).isEqualTo("false");
            assertThat(store.setting("autoload_known_extensions")).isEqualTo("false");
        }
    }

    @Test
    void boundsDuckDbsMemoryInsteadOfItsDefaultOfMostOfTheRam() {
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"))) {
            // DuckDB reports 64 MB (10^6) in binary units.
            assertThat(store.setting("memory_limit")).isEqualTo("61.0 MiB");
        }
    }

    @Test
    void refusesAmountsFinerThanTheColumnAndKeepsNoPartOfThatBatch() {
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"))) {
            assertThatThrownBy(() -> store.appendSales(List.of(sale("ok", "1.00"), sale("bad", "0.00001"))))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessageContaining("duckdb at " + dir.resolve("h.duckdb").toAbsolutePath())
                    .hasMessageContaining("0.00001");

            store.appendSales(List.of(sale("later", "2.00")));
            assertThat(store.salesByBucket(HOUR, Bucket.HOUR, Set.of()))
                    .containsExactly(new BucketRow(T, "EU-WEST", new BigDecimal("2.00"), 1, 1));
        }
    }

    @Test
    void openingAFileThatIsNotADatabaseFailsNamingTheStore() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("junk.duckdb"), "not a duckdb file");

        assertThatThrownBy(() -> new DuckDbHistoryStore(notADatabase))
                .isInstanceOf(HistoryStoreException.class)
                .hasMessageStartingWith("duckdb at " + notADatabase.toAbsolutePath() + ": open failed")
                .hasCauseInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void callsAfterCloseAreRefused() {
        DuckDbHistoryStore store = new DuckDbHistoryStore(dir.resolve("h.duckdb"));
        store.close();
        store.close();

        assertThatThrownBy(() -> store.topProducts(HOUR, 3)).isInstanceOf(IllegalStateException.class);
    }

    private static SalesEvent sale(String id, String amount) {
        return new SalesEvent(
                id, T, "EU-WEST", "P-1", "C-1", 1, new BigDecimal(amount), new BigDecimal(amount), "USD", "web");
    }
}
