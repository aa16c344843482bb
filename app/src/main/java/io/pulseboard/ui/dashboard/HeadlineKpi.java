package io.pulseboard.ui.dashboard;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.PipelineSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The headline figures, "revenue / orders in the last complete 5 minutes", and what they may be
 * compared with. Pure: the same snapshot always gives the same result.
 *
 * <p>The sales windows are 5 minutes long and start every minute. The figure is the newest window
 * that has <em>ended</em> (it ends at the minute of the newest event), so it changes once a minute
 * and not with every refresh, as a window that is still filling would. It is compared with the window
 * one span earlier (ended 5 minutes before), and only when that base is covered by data for its whole
 * span; a base with less (the pipeline started less than 10 minutes ago, or there is no earlier
 * window) gives no percentage, only how much of it there is. While less than one whole window of
 * data exists, the window still open is shown, marked as open, without a comparison.
 *
 * <p>When the data began is read from the windows themselves: the earliest window held starts four
 * minutes before the first event's minute; that minute is not counted as covered, so coverage is
 * never overstated.
 */
final class HeadlineKpi {

    static final Duration SPAN = TopologyConfig.SALES_WINDOW;
    static final Duration ADVANCE = TopologyConfig.SALES_ADVANCE;

    /** What the headline shows. */
    enum State {
        /** No sales window yet: a placeholder, not zeros. */
        WAITING,
        /** Less than one whole window of data: the open window, marked as such, no comparison. */
        OPEN,
        /** The last complete window; {@link Result#changePercent} is present only when its base is complete. */
        COMPLETE
    }

    /**
     * @param windowStart start of the window shown (inclusive); null while {@link State#WAITING}
     * @param windowEnd end of the window shown (exclusive)
     * @param covered how much of the window shown has data
     * @param revenue total of all regions in the window shown
     * @param orders sales of all regions in the window shown
     * @param byRegion the window shown, per region
     * @param baseCovered how much of the base window (one span earlier) has data; zero without a base
     * @param revenueChangePercent change against the base, two decimals; empty when the base is incomplete
     * @param ordersChangePercent change of the orders against the base, two decimals; empty likewise
     */
    record Result(
            State state,
            Instant windowStart,
            Instant windowEnd,
            Duration covered,
            BigDecimal revenue,
            long orders,
            Map<String, SalesWindowMetric> byRegion,
            Duration baseCovered,
            Optional<Double> revenueChangePercent,
            Optional<Double> ordersChangePercent) {

        static final Result WAITING = new Result(
                State.WAITING,
                null,
                null,
                Duration.ZERO,
                BigDecimal.ZERO,
                0,
                Map.of(),
                Duration.ZERO,
                Optional.empty(),
                Optional.empty());
    }

    private HeadlineKpi() {}

    static Result of(PipelineSnapshot s) {
        Optional<Instant> newest = s.regions().values().stream()
                .flatMap(w -> w.values().stream())
                .map(SalesWindowMetric::lastEventTime)
                .max(Instant::compareTo);
        Optional<Instant> earliestStart = s.regions().values().stream()
                .filter(w -> !w.isEmpty())
                .map(NavigableMap::firstKey)
                .min(Instant::compareTo);
        if (newest.isEmpty() || earliestStart.isEmpty()) {
            return Result.WAITING;
        }
        Instant minute = floor(newest.get());
        // Data is counted from the minute after the first event's (see the class comment).
        Instant dataStart = earliestStart.get().plus(SPAN);
        Instant closedStart = minute.minus(SPAN);
        if (dataStart.isAfter(closedStart) || windows(s, closedStart).isEmpty()) {
            Instant openStart = minute.minus(SPAN).plus(ADVANCE);
            Map<String, SalesWindowMetric> open = windows(s, openStart);
            Instant from = dataStart.isAfter(openStart) ? dataStart : openStart;
            Duration covered = clamp(Duration.between(from, newest.get()));
            return new Result(
                    State.OPEN,
                    openStart,
                    openStart.plus(SPAN),
                    covered,
                    revenue(open),
                    orders(open),
                    open,
                    Duration.ZERO,
                    Optional.empty(),
                    Optional.empty());
        }
        Map<String, SalesWindowMetric> shown = windows(s, closedStart);
        Instant baseStart = closedStart.minus(SPAN);
        Map<String, SalesWindowMetric> base = windows(s, baseStart);
        Duration baseCovered = base.isEmpty()
                ? Duration.ZERO
                : clamp(Duration.between(dataStart.isAfter(baseStart) ? dataStart : baseStart, closedStart));
        boolean comparable = baseCovered.equals(SPAN);
        BigDecimal revenue = revenue(shown);
        long orders = orders(shown);
        return new Result(
                State.COMPLETE,
                closedStart,
                minute,
                SPAN,
                revenue,
                orders,
                shown,
                baseCovered,
                comparable ? change(revenue, revenue(base)) : Optional.empty(),
                comparable ? change(BigDecimal.valueOf(orders), BigDecimal.valueOf(orders(base))) : Optional.empty());
    }

    private static Map<String, SalesWindowMetric> windows(PipelineSnapshot s, Instant start) {
        Map<String, SalesWindowMetric> found = new TreeMap<>();
        s.regions().forEach((region, windows) -> {
            SalesWindowMetric m = windows.get(start);
            if (m != null) {
                found.put(region, m);
            }
        });
        return found;
    }

    private static BigDecimal revenue(Map<String, SalesWindowMetric> windows) {
        return windows.values().stream().map(SalesWindowMetric::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long orders(Map<String, SalesWindowMetric> windows) {
        return windows.values().stream().mapToLong(SalesWindowMetric::count).sum();
    }

    private static Instant floor(Instant t) {
        long advance = ADVANCE.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), advance) * advance);
    }

    private static Duration clamp(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(SPAN) > 0 ? SPAN : d;
    }

    /** Percent change with two decimals; empty when the base is zero (no change can be stated). */
    private static Optional<Double> change(BigDecimal now, BigDecimal before) {
        if (before.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(now.subtract(before)
                .multiply(BigDecimal.valueOf(100))
                .divide(before, 2, RoundingMode.HALF_UP)
                .doubleValue());
    }
}
