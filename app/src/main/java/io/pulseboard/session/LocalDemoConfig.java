package io.pulseboard.session;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.ModeDefaults;
import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Every default of the local demo, typed, in one place. They reach the configuration through the
 * config loader's mode layer ({@link #modeDefaults()}): the user's file, environment and {@code -D}
 * still win over each of them. The endpoints of the local stack are not defaults: the session points
 * the pipeline at the stack it started.
 *
 * @param applicationId the Kafka Streams application id of the demo
 * @param commitInterval the exactly-once commit interval. A number reaches the dashboard after two
 *     commits (partial sums, then windows), so at the built-in 100 ms freshness at 20k events/s was
 *     p99 364 ms; at 25 ms it is 179 ms, for about a fifth less backlog drain (docs/adr/0012). One
 *     desktop on a loopback broker pays for the extra transactions; a shared cluster keeps the
 *     built-in default unless its operators choose otherwise
 * @param clientDefaults Kafka client settings for the embedded broker on loopback, each measured to
 *     shorten the start to the first metric of a cold start (docs/adr/0011):
 *     <ul>
 *       <li>{@code fetch.max.wait.ms}: a fetch waits at the broker up to 500 ms for data, and the
 *           broker answers the requests of one connection in order, so a metadata or list-offsets
 *           request queued behind it waits too; each hop of the pipeline (input, repartition,
 *           output) can wait again.
 *       <li>{@code restore.consumer.fetch.max.wait.ms}: Kafka Streams restores each batch of new
 *           tasks with its restore consumer, even from empty changelogs; its consumer only fetches
 *           while it restores, so a short wait costs nothing later.
 *       <li>{@code retry.backoff.ms}: Streams waits this long between checks that the internal
 *           topics it just created are visible (four times on a first start), and clients between
 *           retries.
 *     </ul>
 *     Extra empty fetches cost next to nothing on loopback
 * @param historyStore the history store: an embedded DuckDB file, so the demo works offline
 * @param dataHome where the demo keeps Kafka Streams' state and the DuckDB file (the local stack
 *     keeps its servers' data there too)
 */
public record LocalDemoConfig(
        String applicationId,
        Duration commitInterval,
        Map<String, String> clientDefaults,
        HistoryConfig.Kind historyStore,
        Path dataHome) {

    public LocalDemoConfig {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(commitInterval, "commitInterval");
        clientDefaults = Map.copyOf(clientDefaults);
        Objects.requireNonNull(historyStore, "historyStore");
        Objects.requireNonNull(dataHome, "dataHome");
    }

    /** @return the local demo's defaults with its data under {@code directories} */
    public static LocalDemoConfig in(AppDirectories directories) {
        return new LocalDemoConfig(
                "pulseboard-demo",
                Duration.ofMillis(25),
                Map.of(
                        "fetch.max.wait.ms", "50",
                        "restore.consumer.fetch.max.wait.ms", "10",
                        "retry.backoff.ms", "20"),
                HistoryConfig.Kind.DUCKDB,
                directories.dataHome());
    }

    /** @return Kafka Streams' state directory */
    public Path stateDir() {
        return dataHome.resolve("streams");
    }

    /** @return the DuckDB history file */
    public Path duckDbFile() {
        return dataHome.resolve("history").resolve("history.duckdb");
    }

    /** @return these defaults as the config loader's mode layer */
    public ModeDefaults modeDefaults() {
        return ModeDefaults.named("local demo")
                .applicationId(applicationId)
                .commitInterval(commitInterval)
                .stateDir(stateDir())
                .historyStore(historyStore)
                .duckDbFile(duckDbFile())
                .clientDefaults(clientDefaults);
    }
}
