package io.pulseboard.ui.dashboard;

import io.pulseboard.event.TargetMetric;
import io.pulseboard.ui.dashboard.BusinessRows.Pace;
import io.pulseboard.ui.dashboard.BusinessRows.TargetProgress;
import io.pulseboard.ui.format.DisplayFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Judges a region's hour or day against its target. A period that is still running is compared with
 * the target's share for the time gone by (at 13:45, three quarters of the hour's target), not with
 * the whole target: an hour a quarter old at 25 % is on pace, and an analyst acts on "behind".
 * Before a twelfth of the period has passed (5 minutes of an hour, 2 hours of a day) the pace is
 * not judged: a few minutes' sales say little. Plain Java; any thread.
 */
final class TargetPace {

    /** The share of a period that must have passed before its pace is judged. */
    static final double JUDGED_AFTER_SHARE = 1 / 12.0;

    private TargetPace() {}

    /**
     * @param m the newest hour's or day's figures
     * @param asOf when the figures were taken (the snapshot's time)
     * @param f the format of every figure
     * @param zone the zone of every time written
     */
    static TargetProgress of(TargetMetric m, Instant asOf, DisplayFormat f, ZoneId zone) {
        long periodMs = Duration.between(m.windowStart(), m.windowEnd()).toMillis();
        long elapsedMs = Math.max(
                0, Math.min(periodMs, Duration.between(m.windowStart(), asOf).toMillis()));
        boolean ended = !asOf.isBefore(m.windowEnd());
        String span = span(m, zone);
        Optional<BigDecimal> target = Optional.ofNullable(m.target());
        if (target.isEmpty() || target.get().signum() <= 0) {
            String why = target.isEmpty() ? "no target: region not in the reference data" : "no target set (0)";
            return new TargetProgress(
                    m.period(),
                    m.windowStart(),
                    m.windowEnd(),
                    m.revenue(),
                    target,
                    Optional.empty(),
                    BigDecimal.ZERO,
                    Pace.NO_TARGET,
                    f.money(m.revenue()),
                    "",
                    span + " · " + why);
        }
        BigDecimal goal = target.get();
        double percent = m.revenue()
                .multiply(BigDecimal.valueOf(100))
                .divide(goal, 4, RoundingMode.HALF_UP)
                .doubleValue();
        BigDecimal expected = periodMs == 0
                ? goal
                : goal.multiply(BigDecimal.valueOf(elapsedMs))
                        .divide(BigDecimal.valueOf(periodMs), 2, RoundingMode.HALF_UP);
        boolean behind = m.revenue().compareTo(expected) < 0;
        Pace pace;
        String detail;
        if (ended) {
            pace = behind ? Pace.BEHIND : Pace.ON_PACE;
            detail = behind ? "ended, " + f.money(goal.subtract(m.revenue())) + " short" : "ended, target met";
        } else if (elapsedMs < periodMs * JUDGED_AFTER_SHARE) {
            pace = Pace.EARLY;
            detail = "too early to judge the pace";
        } else {
            String by = DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(asOf);
            pace = behind ? Pace.BEHIND : Pace.ON_PACE;
            detail = behind
                    ? "behind: " + f.money(expected) + " expected by " + by
                    : "on pace (" + f.money(expected) + " expected by " + by + ")";
        }
        return new TargetProgress(
                m.period(),
                m.windowStart(),
                m.windowEnd(),
                m.revenue(),
                target,
                Optional.of(percent),
                expected,
                pace,
                f.money(m.revenue()) + " of " + f.money(goal),
                f.percent(percent),
                span + " · " + detail);
    }

    /** {@code 13:00–14:00} for an hour; {@code 2026-11-28 (UTC day)} for a day (days are UTC, whatever the zone). */
    private static String span(TargetMetric m, ZoneId zone) {
        if (m.period().equals("DAY")) {
            return DateTimeFormatter.ISO_LOCAL_DATE
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(m.windowStart()) + " (UTC day)";
        }
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        return hhmm.format(m.windowStart()) + "–" + hhmm.format(m.windowEnd());
    }
}
