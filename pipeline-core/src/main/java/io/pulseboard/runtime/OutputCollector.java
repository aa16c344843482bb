package io.pulseboard.runtime;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.config.KafkaConfig;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.sink.MetricUpdate;
import io.pulseboard.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's output topics (committed records only) and keeps what the feed shows: the
 * last hour of windows per region, the newest hour's engagement scores, dead-letter counts by
 * reason, the event-to-delivery latency of each metric update, and the recent windows of sales by
 * category, channel and product with each region's newest hour and day against target ({@link
 * BusinessMetrics}). The sales-metrics and the four reference-data topics are read from the same start,
 * an hour back.
 *
 * <p>It reads the topics, not the local stores, so that every instance of a many-machine
 * deployment sees all regions. Runs {@link #run()} on one thread; {@link #copy} is thread-safe.
 */
final class OutputCollector implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OutputCollector.class);
    private static final Duration HISTORY = Duration.ofHours(1);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final Clock clock;
    private final LatencyRecorder latency = new LatencyRecorder(4096);
    private final AtomicLong metricUpdates = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Map<String, TreeMap<Instant, SalesWindowMetric>> regions = new HashMap<>();
    private final Map<String, EngagementScore> engagement = new HashMap<>();
    private final Map<RejectReason, Long> deadLetters = new EnumMap<>(RejectReason.class);
    /** Product names by id, from the compacted reference-products topic read from its beginning. */
    private final Map<String, String> productNames = new HashMap<>();
    // The newest alert event per alert id, oldest first; at most ALERTS_KEPT.
    private final java.util.LinkedHashMap<String, AlertEvent> alerts = new java.util.LinkedHashMap<>();

    private final io.pulseboard.serde.Json json = new io.pulseboard.serde.Json();
    private final BusinessMetrics business = new BusinessMetrics();
    /** Offsets at start: records before them are history (shown, but not latency samples). */
    private final Map<TopicPartition, Long> liveFrom = new HashMap<>();

    private volatile boolean running = true;
    private Instant newestHour = Instant.EPOCH;

    private final Consumer<MetricUpdate> sink;
    private final Runnable onApplied;
    /** How many alerts (the newest event of each) the feed keeps. */
    static final int ALERTS_KEPT = 100;

    private final Deserializer<SalesWindowMetric> salesDecoder;
    private final Deserializer<EngagementScore> engagementDecoder;
    private final Deserializer<DataQualityCount> qualityDecoder;
    private final Deserializer<SalesBreakdownMetric> breakdownDecoder;
    private final Deserializer<TargetMetric> targetDecoder;
    private final Deserializer<AlertEvent> alertDecoder;

    /**
     * @param sink receives every metric record read (history first, then live), on the reader thread
     * @param onApplied called on the reader thread after each poll that returned records, once they are
     *     in what {@link #copy} returns (the feed's cue to build a snapshot); must return quickly
     */
    OutputCollector(KafkaConfig kafka, Topics topics, Clock clock, Consumer<MetricUpdate> sink, Runnable onApplied) {
        this(
                new KafkaConsumer<>(
                        kafka.toConsumerProperties(null), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topics,
                clock,
                sink,
                onApplied);
    }

    /** As the other constructor, reading with {@code consumer} (tests pass a {@code MockConsumer}). */
    OutputCollector(
            org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
            Topics topics,
            Clock clock,
            Consumer<MetricUpdate> sink,
            Runnable onApplied) {
        this.consumer = consumer;
        this.sink = sink;
        this.onApplied = onApplied;
        this.salesDecoder = topics.salesMetrics().valueSerde().deserializer();
        this.engagementDecoder = topics.engagementScores().valueSerde().deserializer();
        this.qualityDecoder = topics.dataQuality().valueSerde().deserializer();
        // The three breakdown topics share one value format.
        this.breakdownDecoder = topics.salesByCategory().valueSerde().deserializer();
        this.targetDecoder = topics.regionTargets().valueSerde().deserializer();
        this.alertDecoder = topics.alerts().valueSerde().deserializer();
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            assignAndSeek();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                synchronized (this) {
                    records.forEach(this::apply);
                }
                onApplied.run();
            }
        } catch (WakeupException e) {
            if (running) {
                failure.set("output reader woken unexpectedly");
            }
        } catch (RuntimeException e) {
            failure.set("output reader stopped: " + e.getMessage());
            log.error("The metrics output reader stopped; the feed will show no new metrics", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assignAndSeek() {
        List<TopicPartition> recent = new ArrayList<>();
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(
                topics.salesMetrics().name(),
                topics.engagementScores().name(),
                topics.salesByCategory().name(),
                topics.salesByChannel().name(),
                topics.salesByProduct().name(),
                topics.regionTargets().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> recent.add(new TopicPartition(topic, p.partition())));
        }
        for (String topic : List.of(
                topics.dataQuality().name(),
                topics.products().name(),
                topics.alerts().name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        List<TopicPartition> assigned = new ArrayList<>(recent);
        assigned.addAll(all);
        consumer.assign(assigned);
        consumer.seekToBeginning(all);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.millis() - HISTORY.toMillis();
        recent.forEach(tp -> since.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
        liveFrom.putAll(consumer.endOffsets(recent));
        recent.forEach(tp -> {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        });
    }

    /** Takes one record into the state and hands it to the sink; the reader thread's, under this lock. */
    void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.salesMetrics().name())) {
            SalesWindowMetric metric = salesDecoder.deserialize(topic, record.value());
            TreeMap<Instant, SalesWindowMetric> windows =
                    regions.computeIfAbsent(metric.region(), r -> new TreeMap<>());
            windows.put(metric.windowStart(), metric);
            sink.accept(new MetricUpdate.Sales(metric));
            windows.headMap(metric.windowStart().minus(HISTORY)).clear();
            metricUpdates.incrementAndGet();
            if (record.offset() >= liveFrom.getOrDefault(new TopicPartition(topic, record.partition()), 0L)) {
                latency.record(clock.millis() - metric.lastEventTime().toEpochMilli());
            }
        } else if (topic.equals(topics.engagementScores().name())) {
            EngagementScore score = engagementDecoder.deserialize(topic, record.value());
            engagement.put(score.customerId() + "@" + score.windowStart(), score);
            sink.accept(new MetricUpdate.Engagement(score));
            // Prune only when a newer hour starts: a scan per record made this thread the busiest of the
            // process (JFR: 52 % of samples at 20k events/s).
            if (score.windowStart().isAfter(newestHour)) {
                newestHour = score.windowStart();
                Instant keepFrom = newestHour.minus(Duration.ofHours(1));
                engagement.values().removeIf(s -> s.windowStart().isBefore(keepFrom));
            }
        } else if (topic.equals(topics.salesByCategory().name())
                || topic.equals(topics.salesByChannel().name())
                || topic.equals(topics.salesByProduct().name())) {
            SalesBreakdownMetric metric = breakdownDecoder.deserialize(topic, record.value());
            business.add(metric);
            sink.accept(new MetricUpdate.Breakdown(metric));
        } else if (topic.equals(topics.regionTargets().name())) {
            TargetMetric metric = targetDecoder.deserialize(topic, record.value());
            business.add(metric);
            sink.accept(new MetricUpdate.Target(metric));
        } else if (topic.equals(topics.products().name())) {
            productName(record);
        } else if (topic.equals(topics.alerts().name())) {
            AlertEvent event = alertDecoder.deserialize(topic, record.value());
            if (event != null) {
                alerts.remove(event.alertId());
                alerts.put(event.alertId(), event);
                if (alerts.size() > ALERTS_KEPT) {
                    alerts.remove(alerts.keySet().iterator().next());
                }
            }
        } else if (topic.equals(topics.dataQuality().name())) {
            DataQualityCount count = qualityDecoder.deserialize(topic, record.value());
            deadLetters.put(count.reason(), count.count());
            sink.accept(new MetricUpdate.Quality(count));
        }
    }

    /** Keeps a product's name from the compacted product topic; a tombstone forgets it. */
    private void productName(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            productNames.remove(id);
            return;
        }
        try {
            productNames.put(id, json.read(record.value(), ProductInfo.class).name());
        } catch (RuntimeException e) {
            log.warn("Product record {} is not a product: {}", id, e.getMessage());
        }
    }

    long metricUpdates() {
        return metricUpdates.get();
    }

    String failure() {
        return failure.get();
    }

    LatencyRecorder latency() {
        return latency;
    }

    /**
     * Copies the collected state for a snapshot. Holds the reader's lock only to copy references (the
     * top list and the distribution are computed outside it, in one pass with a bounded heap): with
     * snapshots up to ten a second, sorting every customer under the lock held the reader up. The
     * business view shows the trailing window of the regions copied with it.
     *
     * @param reference the reference-data publisher's health, for the business view
     */
    Collected copy(int topCustomers, SinkHealth reference) {
        Map<String, NavigableMap<Instant, SalesWindowMetric>> regionCopy = new TreeMap<>();
        EngagementScore[] scores;
        Map<RejectReason, Long> deadLetterCopy;
        BusinessMetrics.Copy businessCopy;
        Map<String, String> names;
        List<AlertEvent> alertsNewestFirst;
        synchronized (this) {
            regions.forEach((region, windows) ->
                    regionCopy.put(region, java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(windows))));
            scores = engagement.values().toArray(EngagementScore[]::new);
            deadLetterCopy = Map.copyOf(deadLetters);
            businessCopy = business.copy(PipelineSnapshot.trailingWindowStart(regionCopy));
            names = Map.copyOf(productNames);
            alertsNewestFirst = new ArrayList<>(alerts.values());
        }
        java.util.Collections.reverse(alertsNewestFirst);
        Engagement summary = summarize(scores, topCustomers);
        return new Collected(
                regionCopy,
                deadLetterCopy,
                summary.top(),
                summary.distribution(),
                summary.newestEvent(),
                BusinessMetrics.view(businessCopy, BusinessView.TOP_PRODUCTS, reference, names)
                        .withAlerts(alertsNewestFirst));
    }

    /** The newest hour's best customers and score distribution, and the newest customer event. */
    record Engagement(List<EngagementScore> top, Map<String, Long> distribution, Optional<Instant> newestEvent) {}

    /** One pass for the newest hour and event, one for the hour's distribution and top list (bounded heap). */
    static Engagement summarize(EngagementScore[] scores, int topCustomers) {
        Instant newestHour = Instant.EPOCH;
        Instant newestEvent = null;
        for (EngagementScore s : scores) {
            if (s.windowStart().isAfter(newestHour)) {
                newestHour = s.windowStart();
            }
            if (newestEvent == null || s.lastEventTime().isAfter(newestEvent)) {
                newestEvent = s.lastEventTime();
            }
        }
        Comparator<EngagementScore> order =
                Comparator.comparingLong(EngagementScore::score).reversed().thenComparing(EngagementScore::customerId);
        // The worst of the best so far at the head, so that it is the one a better score replaces.
        java.util.PriorityQueue<EngagementScore> best = new java.util.PriorityQueue<>(order.reversed());
        long[] bounds = {0, 20, 50, 100, 200};
        String[] labels = {"0-19", "20-49", "50-99", "100-199", "200+"};
        long[] counts = new long[labels.length];
        for (EngagementScore s : scores) {
            if (!s.windowStart().equals(newestHour)) {
                continue;
            }
            int bucket = 0;
            while (bucket + 1 < bounds.length && s.score() >= bounds[bucket + 1]) {
                bucket++;
            }
            counts[bucket]++;
            if (topCustomers > 0) {
                best.add(s);
                if (best.size() > topCustomers) {
                    best.poll();
                }
            }
        }
        List<EngagementScore> top = best.stream().sorted(order).toList();
        Map<String, Long> distribution = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            distribution.put(labels[i], counts[i]);
        }
        return new Engagement(
                top, java.util.Collections.unmodifiableMap(distribution), Optional.ofNullable(newestEvent));
    }

    record Collected(
            Map<String, NavigableMap<Instant, SalesWindowMetric>> regions,
            Map<RejectReason, Long> deadLetters,
            List<EngagementScore> topCustomers,
            Map<String, Long> engagementDistribution,
            Optional<Instant> newestCustomerEvent,
            BusinessView business) {}

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
