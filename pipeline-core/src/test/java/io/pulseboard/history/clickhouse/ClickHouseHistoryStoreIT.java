package io.pulseboard.history.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.history.HistoryStoreContract;
import io.pulseboard.history.HistoryStoreException;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link HistoryStoreContract} on a real ClickHouse server started as a child process. */
class ClickHouseHistoryStoreIT extends HistoryStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path serverDir;

    private static ClickHouseServerProcess server;
    private static String endpoint;

    @BeforeAll
    static void startServer() {
        ClickHouseAvailability.assumeInstalled();
        server = new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(serverDir));
        endpoint = server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected HistoryStore createStore() {
        return new ClickHouseHistoryStore(endpoint, "contract_" + DATABASES.incrementAndGet());
    }

    @Test
    void resentSalesCountOnceInEveryQuery() {
        var sales = sales(9, 20_000, START, Duration.ofHours(1));
        TimeRange range = new TimeRange(START, START.plus(Duration.ofHours(1)));
        store.appendSales(sales);
        var productsOnce = store.topProducts(range, 5);

        store.appendSales(sales);
        store.appendSales(sales.subList(0, sales.size() / 3));

        assertThat(asMap(store.salesByBucket(range, Bucket.MINUTE, Set.of())))
                .isEqualTo(recount(sales, range, Duration.ofMinutes(1).toMillis(), Set.of()));
        assertThat(store.topProducts(range, 5)).isEqualTo(productsOnce);
    }

    @Test
    void failuresNameTheStoreAndTheCause() {
        server.kill();
        try {
            assertThatThrownBy(() -> store.topProducts(new TimeRange(START, START.plusSeconds(1)), 3))
                    .isInstanceOf(HistoryStoreException.class)
                    .hasMessageContaining("clickhouse at " + endpoint)
                    .hasMessageContaining("querying top products")
                    .hasCauseInstanceOf(Exception.class);
        } finally {
            server.restart();
        }
        assertThat(store.topProducts(new TimeRange(START, START.plusSeconds(1)), 3))
                .isEmpty();
    }

    @Test
    void refusesAmountsItCannotStoreExactly() {
        var precise = sale("x", START, "EU-WEST", "1.00001");

        assertThatThrownBy(() -> store.appendSales(List.of(precise)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sale x");
    }
}
