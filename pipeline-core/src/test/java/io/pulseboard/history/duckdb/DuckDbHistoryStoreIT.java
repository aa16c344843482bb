package io.pulseboard.history.duckdb;

import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link HistoryStoreContract} against a real DuckDB engine on a new database file per test. */
class DuckDbHistoryStoreIT extends HistoryStoreContract {

    @TempDir
    Path dir;

    @Override
    protected HistoryStore createStore() {
        return new DuckDbHistoryStore(dir.resolve("history").resolve("history.duckdb"));
    }
}
