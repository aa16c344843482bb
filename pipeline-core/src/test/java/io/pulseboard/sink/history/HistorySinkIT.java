package io.pulseboard.sink.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStore.Bucket;
import io.pulseboard.history.HistoryStore.TimeRange;
import io.pulseboard.history.HistoryStoreContract;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime writes history while it runs: stored totals equal an independent recount. */
class HistorySinkIT {

    @TempDir
    Path temp;

    @Test
    void theRuntimeStoresEverySaleOnceEvenWhenEventsAreSentTwice() throws Exception {
        Json json = new Json();
        try (EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")))) {
            String bootstrap = broker.start();
            PulseboardConfig defaults = ConfigLoader.defaults();
            Path file = temp.resolve("history.duckdb");
            PulseboardConfig config = TestConfigs.pipeline(bootstrap, temp, "history-it")
                    .withTopology(defaults.topology().withGrace(Duration.ofHours(1)))
                    .withHistory(defaults.history().withDuckDb(file));
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
            List<SalesEvent> sales = HistoryStoreContract.sales(9, 20_000, start, Duration.ofMinutes(50));
            TimeRange range = new TimeRange(start, start.plus(Duration.ofHours(1)));
            Map<String, String> expected = HistoryStoreContract.recount(
                    sales, range, Duration.ofMinutes(5).toMillis(), Set.of());

            try (HistoryStore history = HistoryStores.open(config.history()).orElseThrow();
                    PipelineRuntime runtime =
                            new PipelineRuntime(config, json, Clock.systemUTC(), Optional.of(history));
                    EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
                runtime.start();
                assertThat(runtime.awaitRunning(Duration.ofSeconds(60))).isTrue();
                TestConfigs.sendAll(producer, sales);
                TestConfigs.sendAll(producer, sales.subList(0, sales.size() / 3)); // an at-least-once redelivery

                Eventually.await(
                        Duration.ofSeconds(60),
                        () -> HistoryStoreContract.asMap(history.salesByBucket(range, Bucket.FIVE_MINUTES, Set.of()))
                                .equals(expected),
                        () -> "stored "
                                + HistoryStoreContract.asMap(
                                                history.salesByBucket(range, Bucket.FIVE_MINUTES, Set.of()))
                                        .size()
                                + " of " + expected.size() + " buckets");
                Eventually.await(
                        Duration.ofSeconds(10),
                        () -> runtime.feed()
                                .latest()
                                .map(f -> f.history().written() >= sales.size())
                                .orElse(false),
                        () -> "history health " + runtime.feed().latest().map(f -> f.history()));
            }
        }
    }
}
