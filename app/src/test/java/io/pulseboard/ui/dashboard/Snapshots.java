package io.pulseboard.ui.dashboard;

import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.RejectReason;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.BusinessView;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Builds pipeline snapshots with chosen figures for view-model tests. */
final class Snapshots {

    static final Instant T = Instant.parse("2026-11-28T13:00:00Z");

    private Snapshots() {}

    /** Windows for two regions starting every minute from 12:50 to 13:00, revenue = base * (minute + 1). */
    static Map<String, NavigableMap<Instant, SalesWindowMetric>> regions(long base) {
        Map<String, NavigableMap<Instant, SalesWindowMetric>> regions = new TreeMap<>();
        for (String region : List.of("EU", "US")) {
            NavigableMap<Instant, SalesWindowMetric> windows = new TreeMap<>();
            for (int m = 0; m <= 10; m++) {
                Instant start = T.minusSeconds(600).plusSeconds(60L * m);
                long revenue = base * (m + 1) * (region.equals("EU") ? 2 : 1);
                windows.put(
                        start,
                        new SalesWindowMetric(
                                region,
                                start,
                                start.plusSeconds(300),
                                m + 1,
                                BigDecimal.valueOf(revenue),
                                m + 1,
                                "USD",
                                T.plusSeconds(200)));
            }
            regions.put(region, windows);
        }
        return regions;
    }

    static PipelineSnapshot of(double eventsIn, long base) {
        return new PipelineSnapshot(
                T.plusSeconds(300),
                "RUNNING",
                Optional.empty(),
                eventsIn,
                eventsIn,
                50,
                3,
                0.1,
                Optional.empty(),
                new PipelineSnapshot.LatencySummary(100, 250, 400, 1000),
                regions(base),
                Map.of(RejectReason.LATE, 2L, RejectReason.MISSING_FIELD, 1L),
                List.of(new EngagementScore("C-1", T, T.plusSeconds(3600), 1, 1, 1, 1, 4, 18, T)),
                distribution(),
                new SinkHealth("redis", SinkHealth.State.UP, 10, 0, 0, 0, 1, Optional.empty(), T),
                SinkHealth.disabled("history"),
                "USD",
                Optional.of(T));
    }

    /**
     * A steady stream as the topology windows it: from {@code first}, one sale a second in every region
     * up to {@code now} (inclusive), each region's sale worth its price; every 5-minute window starting
     * on a minute that holds a sale, with its exact count, revenue and newest event.
     */
    static Map<String, NavigableMap<Instant, SalesWindowMetric>> steady(
            Instant first, Instant now, Map<String, BigDecimal> priceByRegion) {
        Map<String, NavigableMap<Instant, SalesWindowMetric>> regions = new TreeMap<>();
        long firstMinute = Math.floorDiv(first.getEpochSecond(), 60) * 60;
        priceByRegion.forEach((region, price) -> {
            NavigableMap<Instant, SalesWindowMetric> windows = new TreeMap<>();
            for (long start = firstMinute - 240; start <= now.getEpochSecond(); start += 60) {
                Instant from = Instant.ofEpochSecond(Math.max(start, first.getEpochSecond()));
                Instant to = Instant.ofEpochSecond(Math.min(start + 300, now.getEpochSecond() + 1));
                long count = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
                if (count > 0) {
                    Instant s = Instant.ofEpochSecond(start);
                    windows.put(
                            s,
                            new SalesWindowMetric(
                                    region,
                                    s,
                                    s.plusSeconds(300),
                                    count,
                                    price.multiply(BigDecimal.valueOf(count)),
                                    count,
                                    "USD",
                                    to.minusSeconds(1)));
                }
            }
            regions.put(region, windows);
        });
        return regions;
    }

    /** A snapshot taken at {@code takenAt} with these windows and figures; the rest as in {@link #of}. */
    static PipelineSnapshot live(
            Instant takenAt,
            Map<String, NavigableMap<Instant, SalesWindowMetric>> regions,
            String state,
            double in,
            double processed,
            long lag,
            PipelineSnapshot.LatencySummary latency,
            Map<String, Long> distribution,
            String currency) {
        return new PipelineSnapshot(
                takenAt,
                state,
                Optional.empty(),
                in,
                processed,
                50,
                lag,
                processed > 0 ? lag / processed : 0,
                Optional.empty(),
                latency,
                regions,
                Map.of(),
                List.of(),
                distribution,
                SinkHealth.disabled("redis"),
                SinkHealth.disabled("history"),
                currency,
                regions.values().stream()
                        .flatMap(w -> w.values().stream())
                        .map(SalesWindowMetric::lastEventTime)
                        .max(Instant::compareTo));
    }

    /** A steady stream's snapshot at {@code now}, RUNNING, no lag, in USD. */
    static PipelineSnapshot steadyAt(Instant first, Instant now, Map<String, BigDecimal> prices) {
        return live(
                now,
                steady(first, now, prices),
                "RUNNING",
                prices.size(),
                prices.size(),
                0,
                new PipelineSnapshot.LatencySummary(100, 250, 400, 1000),
                distribution(),
                "USD");
    }

    static PipelineSnapshot withRedisDown(PipelineSnapshot s) {
        return withHealth(
                s,
                "RUNNING",
                Optional.empty(),
                s.lagUnknownSince(),
                new SinkHealth("redis", SinkHealth.State.DOWN, 10, 7, 0, 3, 1, Optional.of("Connection refused"), T));
    }

    static PipelineSnapshot inState(PipelineSnapshot s, String state, String error) {
        return withHealth(s, state, Optional.ofNullable(error), s.lagUnknownSince(), s.redis());
    }

    /** As the runtime publishes while the broker is down: lag unknown since {@code since}, the problem named. */
    static PipelineSnapshot withKafkaUnreachable(PipelineSnapshot s, Instant since, String problem) {
        return withHealth(s, "RUNNING", Optional.of(problem), Optional.of(since), s.redis());
    }

    /** {@code s} with other health figures; its rates, windows, customers and dead letters kept. */
    private static PipelineSnapshot withHealth(
            PipelineSnapshot s,
            String state,
            Optional<String> error,
            Optional<Instant> lagUnknownSince,
            SinkHealth redis) {
        return new PipelineSnapshot(
                s.takenAt(),
                state,
                error,
                s.eventsInPerSecond(),
                s.eventsProcessedPerSecond(),
                s.metricsOutPerSecond(),
                s.consumerLagRecords(),
                s.consumerLagSeconds(),
                lagUnknownSince,
                s.latency(),
                s.regions(),
                s.deadLetters(),
                s.topCustomers(),
                s.engagementDistribution(),
                redis,
                s.history(),
                s.reportingCurrency(),
                s.newestCustomerEvent());
    }

    /** {@code s} taken at {@code takenAt} with these business figures; everything else kept. */
    static PipelineSnapshot withBusiness(PipelineSnapshot s, Instant takenAt, BusinessView business) {
        return new PipelineSnapshot(
                takenAt,
                s.streamsState(),
                s.error(),
                s.eventsInPerSecond(),
                s.eventsProcessedPerSecond(),
                s.metricsOutPerSecond(),
                s.consumerLagRecords(),
                s.consumerLagSeconds(),
                s.lagUnknownSince(),
                s.latency(),
                s.regions(),
                s.deadLetters(),
                s.topCustomers(),
                s.engagementDistribution(),
                s.redis(),
                s.history(),
                s.reportingCurrency(),
                s.newestCustomerEvent(),
                business);
    }

    private static Map<String, Long> distribution() {
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("0-19", 5L);
        d.put("20-49", 2L);
        d.put("50-99", 0L);
        d.put("100-199", 0L);
        d.put("200+", 0L);
        return d;
    }
}
