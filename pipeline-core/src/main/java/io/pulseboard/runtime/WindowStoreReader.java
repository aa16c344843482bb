package io.pulseboard.runtime;

import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.reference.RegionInfo;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.topology.EngagementAggregate;
import io.pulseboard.topology.MetricsTopology;
import io.pulseboard.topology.SalesAggregate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the latest value of every recent window from this instance's state stores (interactive
 * queries), as metric updates: sales, engagement, dead-letter counts, breakdowns (category, channel,
 * product) and hours and days against target. A target comes from the region as the reference data
 * holds it now (the topic's record carries the one held when the window last changed). Throws InvalidStateStoreException while the stores are not
 * queryable (e.g. during a rebalance); callers retry.
 */
public final class WindowStoreReader {

    private final KafkaStreams streams;
    private final Clock clock;
    private final String currency;
    private final Duration salesHorizon;
    private final Json json;

    /**
     * @param salesHorizon how far back sales, breakdown and target windows are read (window starts after
     *     now minus this)
     * @param json the JSON mapper of the reference data (the region store holds each region as JSON)
     */
    public WindowStoreReader(KafkaStreams streams, Clock clock, String currency, Duration salesHorizon, Json json) {
        this.streams = streams;
        this.json = json;
        this.clock = clock;
        this.currency = currency;
        this.salesHorizon = salesHorizon;
    }

    public List<MetricUpdate> latestUpdates() {
        List<MetricUpdate> updates = new ArrayList<>();
        Instant now = clock.instant();
        ReadOnlyWindowStore<String, SalesAggregate> sales = streams.store(StoreQueryParameters.fromNameAndType(
                MetricsTopology.SALES_STORE, QueryableStoreTypes.<String, SalesAggregate>windowStore()));
        try (KeyValueIterator<Windowed<String>, SalesAggregate> it =
                sales.fetchAll(now.minus(salesHorizon), now.plus(Duration.ofHours(1)))) {
            it.forEachRemaining(kv -> updates.add(new MetricUpdate.Sales(kv.value.toMetric(
                    kv.key.key(), kv.key.window().startTime(), kv.key.window().endTime(), currency))));
        }
        ReadOnlyWindowStore<String, SalesAggregate> breakdowns = streams.store(StoreQueryParameters.fromNameAndType(
                MetricsTopology.BREAKDOWN_STORE, QueryableStoreTypes.<String, SalesAggregate>windowStore()));
        try (KeyValueIterator<Windowed<String>, SalesAggregate> it =
                breakdowns.fetchAll(now.minus(salesHorizon), now.plus(Duration.ofHours(1)))) {
            it.forEachRemaining(kv -> updates.add(new MetricUpdate.Breakdown(MetricsTopology.breakdownMetric(
                    kv.key.key(),
                    kv.value,
                    kv.key.window().startTime(),
                    kv.key.window().endTime(),
                    currency))));
        }
        ReadOnlyKeyValueStore<String, byte[]> regions = streams.store(StoreQueryParameters.fromNameAndType(
                MetricsTopology.REGION_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        for (String period : List.of("HOUR", "DAY")) {
            ReadOnlyWindowStore<String, SalesAggregate> targets = streams.store(StoreQueryParameters.fromNameAndType(
                    MetricsTopology.targetStore(period), QueryableStoreTypes.<String, SalesAggregate>windowStore()));
            try (KeyValueIterator<Windowed<String>, SalesAggregate> it =
                    targets.fetchAll(now.minus(salesHorizon), now.plus(Duration.ofHours(1)))) {
                it.forEachRemaining(kv -> {
                    byte[] region = regions.get(kv.key.key());
                    // The region store keeps only records that read as a RegionInfo.
                    RegionInfo info = region == null ? null : json.read(region, RegionInfo.class);
                    updates.add(new MetricUpdate.Target(new TargetMetric(
                            kv.key.key(),
                            period,
                            kv.key.window().startTime(),
                            kv.key.window().endTime(),
                            kv.value.count(),
                            kv.value.revenue(),
                            currency,
                            info == null ? null : period.equals("HOUR") ? info.targetPerHour() : info.targetPerDay(),
                            Instant.ofEpochMilli(kv.value.lastEventMs()))));
                });
            }
        }
        ReadOnlyWindowStore<String, EngagementAggregate> engagement =
                streams.store(StoreQueryParameters.fromNameAndType(
                        MetricsTopology.ENGAGEMENT_STORE,
                        QueryableStoreTypes.<String, EngagementAggregate>windowStore()));
        try (KeyValueIterator<Windowed<String>, EngagementAggregate> it =
                engagement.fetchAll(now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(1)))) {
            it.forEachRemaining(kv -> updates.add(new MetricUpdate.Engagement(kv.value.toScore(
                    kv.key.key(), kv.key.window().startTime(), kv.key.window().endTime()))));
        }
        ReadOnlyKeyValueStore<String, Long> counts = streams.store(StoreQueryParameters.fromNameAndType(
                MetricsTopology.DEAD_LETTER_COUNT_STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
        try (KeyValueIterator<String, Long> it = counts.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                updates.add(new MetricUpdate.Quality(new DataQualityCount(RejectReason.valueOf(kv.key), kv.value)));
            }
        }
        return updates;
    }
}
