package io.pulseboard.history;

import io.pulseboard.config.ConfigException;
import io.pulseboard.config.HistoryConfig;
import io.pulseboard.history.clickhouse.ClickHouseHistoryStore;
import io.pulseboard.history.duckdb.DuckDbHistoryStore;
import java.util.Optional;

/** Opens the history store a configuration names. */
public final class HistoryStores {

    private HistoryStores() {}

    /** The configured store, empty for {@code none}. Opening may block on I/O. */
    public static Optional<HistoryStore> open(HistoryConfig config) {
        return switch (config.kind()) {
            case NONE -> Optional.empty();
            case DUCKDB ->
                Optional.of(new DuckDbHistoryStore(config.duckdbFile().orElseThrow()));
            case CLICKHOUSE ->
                Optional.of(new ClickHouseHistoryStore(
                        config.clickhouseUrl()
                                .orElseThrow(() -> new ConfigException("pulseboard.history.store is clickhouse but"
                                        + " pulseboard.history.clickhouse.url is empty: give the HTTP endpoint, e.g."
                                        + " http://127.0.0.1:8123")),
                        config.database()));
        };
    }
}
