package io.pulseboard.service;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@link PipelineSnapshot} as the plain-text table the command line prints every second. */
public final class SnapshotTable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private SnapshotTable() {}

    public static String render(PipelineSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Pulseboard %s UTC | streams %s | in %,.0f/s | processed %,.0f/s | metric updates %,.0f/s | lag %s%n",
                TIME.format(s.takenAt()),
                s.streamsState(),
                s.eventsInPerSecond(),
                s.eventsProcessedPerSecond(),
                s.metricsOutPerSecond(),
                lag(s)));
        out.append(String.format(
                Locale.ROOT,
                "event-to-feed latency p50 %,d ms | p99 %,d ms | max %,d ms (%d updates)%n",
                s.latency().p50Ms(),
                s.latency().p99Ms(),
                s.latency().maxMs(),
                s.latency().samples()));
        out.append(String.format(
                Locale.ROOT, "%-12s %-13s %9s %9s %16s%n", "Region", "Window (UTC)", "Orders", "Units", "Revenue"));
        Map<String, SalesWindowMetric> windows = new TreeMap<>(s.trailingWindowByRegion());
        if (windows.isEmpty()) {
            out.append("  (no sales windows yet)\n");
        }
        windows.forEach((region, m) -> out.append(String.format(
                Locale.ROOT,
                "%-12s %-13s %,9d %,9d %,12.2f %s%n",
                region,
                MINUTE.format(m.windowStart()) + "-" + MINUTE.format(m.windowEnd()),
                m.count(),
                m.units(),
                m.revenue(),
                m.currency())));
        out.append(String.format(
                Locale.ROOT,
                "dead letters %,d (late %,d) %s%n",
                s.deadLetterTotal(),
                s.lateRecords(),
                s.deadLetters().isEmpty() ? "" : new TreeMap<>(s.deadLetters())));
        List<AlertEvent> firing = s.business().alerts().stream()
                .filter(a -> a.state() == AlertEvent.State.FIRING)
                .toList();
        if (!firing.isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "alerts %d firing: %s%n",
                    firing.size(),
                    firing.stream()
                            .map(a -> (a.severity() == null ? "" : a.severity() + " ") + a.message())
                            .collect(java.util.stream.Collectors.joining("; "))));
        }
        SinkHealth redis = s.redis();
        if (redis.state() != SinkHealth.State.DISABLED) {
            out.append(String.format(
                    Locale.ROOT,
                    "redis %s | written %,d | buffered %,d | dropped %,d | re-syncs %d%s%n",
                    redis.state(),
                    redis.written(),
                    redis.buffered(),
                    redis.dropped(),
                    redis.resyncs(),
                    redis.state() == SinkHealth.State.DOWN
                            ? " | " + redis.lastError().orElse("")
                            : ""));
        }
        SinkHealth history = s.history();
        if (history.state() != SinkHealth.State.DISABLED) {
            out.append(String.format(
                    Locale.ROOT,
                    "history %s | stored %,d events | waiting %,d%s%n",
                    history.state(),
                    history.written(),
                    history.buffered(),
                    history.state() == SinkHealth.State.DOWN
                            ? " | " + history.lastError().orElse("")
                            : ""));
        }
        s.error().ifPresent(e -> out.append("PROBLEM: ").append(e).append('\n'));
        return out.toString();
    }

    private static String lag(PipelineSnapshot s) {
        return s.lagUnknownSince()
                .map(since -> "unknown since " + TIME.format(since))
                .orElseGet(() -> String.format(
                        Locale.ROOT, "%,d records (%s)", s.consumerLagRecords(), lagSeconds(s.consumerLagSeconds())));
    }

    private static String lagSeconds(double seconds) {
        return Double.isInfinite(seconds) ? "not progressing" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
