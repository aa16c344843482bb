package io.pulseboard.sink.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.history.HistoryStoreContract;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.history.clickhouse.ClickHouseAvailability;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ClickHouse restarts mid-stream: the pipeline keeps running and the stored totals equal the recount. */
class ClickHouseHistoryOutageIT {

    @TempDir
    Path temp;

    @BeforeAll
    static void needsClickHouse() {
        ClickHouseAvailability.assumeInstalled();
    }

    @Test
    void storedTotalsEqualTheRecountAfterAClickHouseRestartMidStream() throws Exception {
        Json json = new Json();
        try (EmbeddedKafkaBroker broker =
                        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
                ClickHouseServerProcess clickhouse =
                        new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(temp.resolve("clickhouse")))) {
            String bootstrap = broker.start();
            String endpoint = clickhouse.start();
            PulseboardConfig defaults = ConfigLoader.defaults();
            PulseboardConfig config = TestConfigs.pipeline(bootstrap, temp, "ch-it")
                    .withTopology(defaults.topology().withGrace(Duration.ofHours(1)))
                    .withHistory(defaults.history().withClickHouse(endpoint));
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
            List<SalesEvent> sales = HistoryStoreContract.sales(13, 30_000, start, Duration.ofMinutes(50));
            TimeRange range = new TimeRange(start, start.plus(Duration.ofHours(1)));
            Map<String, String> expected = HistoryStoreContract.recount(
                    sales, range, Duration.ofMinutes(5).toMillis(), Set.of());

            try (HistoryStore history = HistoryStores.open(config.history()).orElseThrow();
                    PipelineRuntime runtime =
                            new PipelineRuntime(config, json, Clock.systemUTC(), Optional.of(history));
                    EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
                runtime.start();
                assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
                TestConfigs.sendAll(producer, sales.subList(0, sales.size() / 2));
                Eventually.await(
                        Duration.ofSeconds(60),
                        () -> runtime.feed()
                                .latest()
                                .map(f -> f.history().written() > 0)
                                .orElse(false),
                        () -> String.valueOf(runtime.feed().latest().map(f -> f.history())));

                clickhouse.kill();
                TestConfigs.sendAll(producer, sales.subList(sales.size() / 2, sales.size()));
                Eventually.await(
                        Duration.ofSeconds(60),
                        () -> runtime.feed()
                                .latest()
                                .map(f -> f.history().state() == SinkHealth.State.DOWN)
                                .orElse(false),
                        () -> String.valueOf(runtime.feed().latest().map(f -> f.history())));
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
                clickhouse.restart();

                Eventually.await(
                        Duration.ofSeconds(90),
                        () -> {
                            try {
                                return HistoryStoreContract.asMap(
                                                history.salesByBucket(range, Bucket.FIVE_MINUTES, Set.of()))
                                        .equals(expected);
                            } catch (RuntimeException e) {
                                return false; // still reconnecting
                            }
                        },
                        () -> String.valueOf(runtime.feed().latest().map(f -> f.history())));
                assertThat(runtime.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }
}
