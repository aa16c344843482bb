package io.pulseboard.ui.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Row types of the business page and the region drill-down; immutable. */
public final class BusinessRows {

    private BusinessRows() {}

    /** A category's or channel's sales in the trailing 5-minute window (one region's, or all regions summed). */
    public record Amount(String name, BigDecimal revenue, long count) {}

    /** One line of a region's top products in the trailing window; {@code rank} from 1, highest revenue first. */
    public record ProductRow(int rank, String productId, String name, BigDecimal revenue, long units, long count) {}

    /** How a region's revenue stands against its target, judged against the share of the period gone by. */
    public enum Pace {
        /** The reference data has no target for the region (or the target is 0). */
        NO_TARGET,
        /** Less than {@link TargetPace#JUDGED_AFTER_SHARE} of the period has passed: too early to judge. */
        EARLY,
        /** At least the target's share for the time gone by. */
        ON_PACE,
        /** Below the target's share for the time gone by. */
        BEHIND
    }

    /**
     * A region's newest hour or day against its target, with the texts the tiles write.
     *
     * @param period {@code HOUR} or {@code DAY}
     * @param windowStart inclusive start of the hour or day
     * @param windowEnd exclusive end
     * @param revenue revenue so far in that hour or day
     * @param target the target for the period; empty when the reference data has none
     * @param percent revenue as a percentage of the target; empty without a target (or with 0)
     * @param expected the target's share for the time gone by at the snapshot (the whole target once the
     *     period is over); zero without a target
     * @param pace see {@link Pace}
     * @param amountText e.g. {@code $8,412.00 of $10,000.00}, or the revenue alone without a target
     * @param percentText e.g. {@code 84.1%}; empty without a target
     * @param detailText the span and the pace, e.g. {@code 13:00–14:00 · behind: $9,166.67 expected by 13:55}
     */
    public record TargetProgress(
            String period,
            Instant windowStart,
            Instant windowEnd,
            BigDecimal revenue,
            Optional<BigDecimal> target,
            Optional<Double> percent,
            BigDecimal expected,
            Pace pace,
            String amountText,
            String percentText,
            String detailText) {}

    /**
     * One region's line in the target tile: its newest hour and day; either is empty while the region
     * has no sale in it.
     */
    public record RegionTargets(String region, Optional<TargetProgress> hour, Optional<TargetProgress> day) {}
}
