package io.pulseboard.sink.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.PipelineSnapshot;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

                // The breakdown and target topics reach the store too: per region and window, the categories',
                // channels' and products' revenues add up to the region's; per region, the hour's revenue is
                // that of the twelve 5-minute windows that tile it.
                TimeRange windows = new TimeRange(start.minus(Duration.ofMinutes(5)), start.plus(Duration.ofHours(1)));
                Map<String, String> byRegion = new TreeMap<>();
                Eventually.await(
                        Duration.ofSeconds(60),
                        () -> {
                            byRegion.clear();
                            byRegion.putAll(regionSums(history.windows(windows, Set.of())));
                            return !byRegion.isEmpty()
                                    && List.of("category", "channel", "product").stream()
                                            .allMatch(d -> byRegion.equals(
                                                    breakdownSums(history.breakdowns(windows, d, Set.of()))))
                                    && hours(history.targets(range, Set.of()), "HOUR")
                                            .equals(tiledHours(history.windows(windows, Set.of()), start));
                        },
                        () -> "regions " + byRegion.size() + " windows; channels "
                                + breakdownSums(history.breakdowns(windows, "channel", Set.of()))
                                        .size()
                                + "; hours " + hours(history.targets(range, Set.of()), "HOUR") + " against "
                                + tiledHours(history.windows(windows, Set.of()), start));
                // All sales fall in one hour of one day: each region's day so far is that hour.
                assertThat(hours(
                                history.targets(new TimeRange(start.minus(Duration.ofDays(1)), range.to()), Set.of()),
                                "DAY"))
                        .isEqualTo(hours(history.targets(range, Set.of()), "HOUR"));

                // The feed's business view shows the stored trailing window: its channels, and each region's
                // ten best products by revenue (equal revenues by product id).
                Eventually.await(
                        Duration.ofSeconds(30),
                        () -> runtime.feed()
                                .latest()
                                .map(f -> showsStored(f, history))
                                .orElse(false),
                        () -> "business view " + runtime.feed().latest().map(PipelineSnapshot::business));
            }
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** "region@startMs" to the window's revenue. */
    private static Map<String, String> regionSums(List<SalesWindowMetric> windows) {
        Map<String, String> sums = new TreeMap<>();
        windows.forEach(w -> sums.put(w.region() + "@" + w.windowStart().toEpochMilli(), plain(w.revenue())));
        return sums;
    }

    /** "region@startMs" to the sum of the window's breakdown revenues. */
    private static Map<String, String> breakdownSums(List<SalesBreakdownMetric> breakdowns) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        breakdowns.forEach(
                b -> sums.merge(b.region() + "@" + b.windowStart().toEpochMilli(), b.revenue(), BigDecimal::add));
        Map<String, String> plain = new TreeMap<>();
        sums.forEach((k, v) -> plain.put(k, plain(v)));
        return plain;
    }

    /** Region to the revenue of its stored hour (or day). */
    private static Map<String, String> hours(List<TargetMetric> targets, String period) {
        Map<String, String> byRegion = new TreeMap<>();
        targets.stream()
                .filter(t -> t.period().equals(period))
                .forEach(t -> byRegion.put(t.region(), plain(t.revenue())));
        return byRegion;
    }

    /** Region to the revenue of the 5-minute windows starting at hour, hour + 5 min, ... hour + 55 min. */
    private static Map<String, String> tiledHours(List<SalesWindowMetric> windows, Instant hour) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        windows.stream()
                .filter(w -> !w.windowStart().isBefore(hour)
                        && w.windowStart().isBefore(hour.plus(Duration.ofHours(1)))
                        && Duration.between(hour, w.windowStart()).toMinutes() % 5 == 0)
                .forEach(w -> sums.merge(w.region(), w.revenue(), BigDecimal::add));
        Map<String, String> plain = new TreeMap<>();
        sums.forEach((k, v) -> plain.put(k, plain(v)));
        return plain;
    }

    private static boolean showsStored(PipelineSnapshot snapshot, HistoryStore history) {
        Optional<Instant> trailing = PipelineSnapshot.trailingWindowStart(snapshot.regions());
        BusinessView view = snapshot.business();
        if (trailing.isEmpty() || view.byChannel().isEmpty()) {
            return false;
        }
        TimeRange window = new TimeRange(trailing.get(), trailing.get().plusMillis(1));
        Map<String, SalesBreakdownMetric> channels = new TreeMap<>();
        history.breakdowns(window, "channel", Set.of()).forEach(b -> channels.put(b.region() + "|" + b.value(), b));
        Map<String, List<String>> top = new TreeMap<>();
        history.breakdowns(window, "product", Set.of()).stream()
                .sorted(java.util.Comparator.comparing(
                                SalesBreakdownMetric::revenue, java.util.Comparator.reverseOrder())
                        .thenComparing(SalesBreakdownMetric::value))
                .forEach(b -> top.computeIfAbsent(b.region(), r -> new java.util.ArrayList<>())
                        .add(b.value()));
        top.replaceAll((region, products) -> products.subList(0, Math.min(BusinessView.TOP_PRODUCTS, products.size())));
        Map<String, List<String>> shown = new TreeMap<>();
        view.topProducts()
                .forEach((region, products) -> shown.put(
                        region,
                        products.stream().map(SalesBreakdownMetric::value).toList()));
        return view.byChannel().keySet().equals(channels.keySet())
                && view.byChannel().entrySet().stream()
                        .allMatch(e -> plain(e.getValue().revenue())
                                .equals(plain(channels.get(e.getKey()).revenue())))
                && shown.equals(top);
    }
}
