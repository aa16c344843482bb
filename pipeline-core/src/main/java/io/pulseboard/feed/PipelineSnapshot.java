package io.pulseboard.feed;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.config.UriPasswords;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesWindowMetric;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * What the pipeline looks like at one moment; immutable, safe to hand to any thread.
 *
 * @param takenAt when the snapshot was assembled (wall clock)
 * @param streamsState Kafka Streams state name (CREATED, REBALANCING, RUNNING, ERROR, ...)
 * @param error the newest fatal or thread error, if any; any password of a URI in it is masked ({@link
 *     UriPasswords})
 * @param eventsInPerSecond events arriving on the input topics, per second
 * @param eventsProcessedPerSecond input events the application committed, per second
 * @param metricsOutPerSecond metric updates published on {@code sales-metrics}, per second
 * @param consumerLagRecords input records not yet processed (end offsets minus committed offsets)
 * @param consumerLagSeconds the lag expressed in seconds of processing at the current rate
 * @param lagUnknownSince when the input offsets stopped being readable (e.g. the broker is down);
 *     while present, the lag figures are the last known ones and the rates are zero. Empty: read now
 * @param latency event time to delivery in this feed, in milliseconds
 * @param regions per region, its recent windows by window start (oldest first, at most an hour)
 * @param deadLetters rejected records so far by reason (all time, all instances)
 * @param topCustomers the most engaged customers of the newest hour, highest score first
 * @param engagementDistribution customers of the newest hour per score bucket ("0-19", ... "200+"), in order
 * @param redis the Redis sink's health (DISABLED when no Redis is configured)
 * @param history the history sink's health (DISABLED when no history store is configured)
 * @param reportingCurrency the ISO-4217 code every revenue figure is in (the topology's reporting
 *     currency, {@code pulseboard.events.currency}), so a screen can format money before the first window
 * @param newestCustomerEvent event time of the newest customer event behind the engagement scores
 *     held (all customers, not only the top ones); empty before the first score
 * @param business sales by category, channel and product, and targets ({@link BusinessView#EMPTY}
 *     before the first)
 */
public record PipelineSnapshot(
        Instant takenAt,
        String streamsState,
        Optional<String> error,
        double eventsInPerSecond,
        double eventsProcessedPerSecond,
        double metricsOutPerSecond,
        long consumerLagRecords,
        double consumerLagSeconds,
        Optional<Instant> lagUnknownSince,
        LatencySummary latency,
        Map<String, NavigableMap<Instant, SalesWindowMetric>> regions,
        Map<RejectReason, Long> deadLetters,
        List<EngagementScore> topCustomers,
        Map<String, Long> engagementDistribution,
        SinkHealth redis,
        SinkHealth history,
        String reportingCurrency,
        Optional<Instant> newestCustomerEvent,
        BusinessView business) {

    /** A snapshot without the reference-data metrics ({@link BusinessView#EMPTY}). */
    public PipelineSnapshot(
            Instant takenAt,
            String streamsState,
            Optional<String> error,
            double eventsInPerSecond,
            double eventsProcessedPerSecond,
            double metricsOutPerSecond,
            long consumerLagRecords,
            double consumerLagSeconds,
            Optional<Instant> lagUnknownSince,
            LatencySummary latency,
            Map<String, NavigableMap<Instant, SalesWindowMetric>> regions,
            Map<RejectReason, Long> deadLetters,
            List<EngagementScore> topCustomers,
            Map<String, Long> engagementDistribution,
            SinkHealth redis,
            SinkHealth history,
            String reportingCurrency,
            Optional<Instant> newestCustomerEvent) {
        this(
                takenAt,
                streamsState,
                error,
                eventsInPerSecond,
                eventsProcessedPerSecond,
                metricsOutPerSecond,
                consumerLagRecords,
                consumerLagSeconds,
                lagUnknownSince,
                latency,
                regions,
                deadLetters,
                topCustomers,
                engagementDistribution,
                redis,
                history,
                reportingCurrency,
                newestCustomerEvent,
                BusinessView.EMPTY);
    }

    public PipelineSnapshot {
        java.util.Objects.requireNonNull(business, "business");
        error = error.map(UriPasswords::mask);
        if (reportingCurrency == null || !reportingCurrency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(
                    "reportingCurrency must be an ISO-4217 code such as USD, not '" + reportingCurrency + "'");
        }
    }

    /**
     * The windows covering the last five minutes of event time: per region, the window that starts
     * four minutes before the minute of the newest event seen in any region. Regions without such a
     * window are absent.
     */
    public Map<String, SalesWindowMetric> trailingWindowByRegion() {
        Optional<Instant> start = trailingWindowStart(regions);
        if (start.isEmpty()) {
            return Map.of();
        }
        return regions.entrySet().stream()
                .filter(e -> e.getValue().containsKey(start.get()))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> e.getValue().get(start.get())));
    }

    /**
     * The start of the trailing window of {@link #trailingWindowByRegion()}: four minutes before the
     * minute of the newest event time among {@code regions}' windows; empty when there is none. The
     * {@link BusinessView} of a snapshot uses the same start.
     *
     * @param regions per region, its windows by start, as in {@link #regions()}
     */
    public static Optional<Instant> trailingWindowStart(Map<String, NavigableMap<Instant, SalesWindowMetric>> regions) {
        Optional<Instant> newest = regions.values().stream()
                .flatMap(w -> w.values().stream())
                .map(SalesWindowMetric::lastEventTime)
                .max(Instant::compareTo);
        return newest.map(t -> {
            long minute = Math.floorDiv(t.toEpochMilli(), 60_000L) * 60_000L;
            return Instant.ofEpochMilli(minute)
                    .minus(TopologyConfig.SALES_WINDOW)
                    .plus(TopologyConfig.SALES_ADVANCE);
        });
    }

    public long lateRecords() {
        return deadLetters.getOrDefault(RejectReason.LATE, 0L);
    }

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param p50Ms median, milliseconds
     * @param p99Ms 99th percentile, milliseconds
     * @param maxMs largest, milliseconds
     * @param samples how many updates the figures are drawn from (recent ones only)
     */
    public record LatencySummary(long p50Ms, long p99Ms, long maxMs, int samples) {
        public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0);
    }
}
