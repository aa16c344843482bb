package io.pulseboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The analytical history store the pipeline writes raw sales and window aggregates to.
 *
 * @param kind which store, or none
 * @param duckdbFile the DuckDB file (kind DUCKDB)
 * @param clickhouseUrl the ClickHouse HTTP endpoint, e.g. http://127.0.0.1:8123 (kind CLICKHOUSE)
 * @param database the ClickHouse database
 * @param batchSize most events appended in one batch
 * @param flushInterval longest time an event waits before its batch is appended
 * @param retention days older than this are dropped
 */
public record HistoryConfig(
        Kind kind,
        Optional<Path> duckdbFile,
        Optional<String> clickhouseUrl,
        String database,
        int batchSize,
        Duration flushInterval,
        Duration retention) {

    public enum Kind {
        NONE,
        DUCKDB,
        CLICKHOUSE
    }

    public HistoryConfig {
        if (kind == Kind.DUCKDB && duckdbFile.isEmpty()) {
            throw new ConfigException("pulseboard.history.store is duckdb but pulseboard.history.duckdb.file is empty:"
                    + " give the path of the DuckDB file");
        }
        // An empty ClickHouse URL is allowed here: the local demo starts its own server and fills it in;
        // opening the store without one fails with a message naming the key (HistoryStores).
        if (kind == Kind.CLICKHOUSE
                && clickhouseUrl.isPresent()
                && !clickhouseUrl.get().startsWith("http")) {
            throw new ConfigException(
                    "pulseboard.history.store is clickhouse but pulseboard.history.clickhouse.url is '"
                            + clickhouseUrl.orElse("") + "': give the HTTP endpoint, e.g. http://127.0.0.1:8123");
        }
        if (batchSize < 1) {
            throw new ConfigException("pulseboard.history.batch-size is " + batchSize + ": use 1 or more");
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigException("pulseboard.history.retention is " + retention + ": use at least 1d, e.g. 30d");
        }
    }

    public HistoryConfig withDuckDb(Path file) {
        return new HistoryConfig(
                Kind.DUCKDB, Optional.of(file), clickhouseUrl, database, batchSize, flushInterval, retention);
    }

    public HistoryConfig withClickHouse(String url) {
        return new HistoryConfig(
                Kind.CLICKHOUSE, duckdbFile, Optional.of(url), database, batchSize, flushInterval, retention);
    }
}
