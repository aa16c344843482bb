package io.pulseboard.alert;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An alert rule, as kept in PostgreSQL's {@code alert_rules} and published on the compacted {@code
 * reference-alert-rules} topic, keyed by {@link #ruleId()}.
 *
 * <p>Semantics (evaluated per region in the pipeline, on the region's 5-minute sales windows, whose
 * starts are 1 minute apart; docs/adr/0020):
 *
 * <ul>
 *   <li>a window <em>breaches</em> when its value is past the threshold: {@link Condition#ABOVE} more
 *       than it, {@link Condition#BELOW} less. ABOVE is judged at every update of a window (its sums
 *       only grow, so once above it stays above: the alert fires within the commit interval of the sale
 *       that crosses); BELOW when the window closes (stream time past its end and the grace), since an
 *       open window is below until its sales arrive;
 *   <li>the alert <em>fires</em> once {@link #forWindows()} consecutive windows breach;
 *   <li>it <em>resolves</em> when a closed window is back on the safe side of the re-arm level: below
 *       {@link #rearm()} for ABOVE, above it for BELOW. A value between the re-arm level and the
 *       threshold changes nothing, so a value hovering at the threshold does not flap.
 * </ul>
 *
 * @param ruleId stable id, e.g. {@code eu-revenue-high}
 * @param name what analysts read in the alert
 * @param metric what is watched
 * @param scope a region id, or {@code *} for every region (one alert per region)
 * @param condition above or below
 * @param threshold the level, in the metric's unit (revenue in the reporting currency)
 * @param rearm the level a firing alert must get back past to resolve; for ABOVE at most the
 *     threshold, for BELOW at least it
 * @param forWindows how many consecutive windows must breach, 1 or more
 * @param severity how loud
 * @param enabled a disabled rule is not evaluated; its firing alerts resolve
 */
public record AlertRule(
        String ruleId,
        String name,
        Metric metric,
        String scope,
        Condition condition,
        BigDecimal threshold,
        BigDecimal rearm,
        int forWindows,
        Severity severity,
        boolean enabled) {

    /** Every region. */
    public static final String ALL_REGIONS = "*";

    /** The watched figure of a region's 5-minute window. */
    public enum Metric {
        REGION_REVENUE,
        REGION_ORDERS,
        REGION_UNITS
    }

    public enum Condition {
        ABOVE,
        BELOW
    }

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public AlertRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(rearm, "rearm");
        Objects.requireNonNull(severity, "severity");
        if (forWindows < 1) {
            throw new IllegalArgumentException("forWindows must be 1 or more, was " + forWindows);
        }
        if (condition == Condition.ABOVE ? rearm.compareTo(threshold) > 0 : rearm.compareTo(threshold) < 0) {
            throw new IllegalArgumentException("The re-arm level " + rearm + " of rule " + ruleId + " must be "
                    + (condition == Condition.ABOVE ? "at most" : "at least") + " its threshold " + threshold);
        }
    }

    /** @return whether the rule watches {@code region} */
    public boolean appliesTo(String region) {
        return enabled && (scope.equals(ALL_REGIONS) || scope.equals(region));
    }

    /** @return whether {@code value} is past the threshold */
    public boolean breaches(BigDecimal value) {
        int sign = value.compareTo(threshold);
        return condition == Condition.ABOVE ? sign > 0 : sign < 0;
    }

    /** @return whether {@code value} is back on the safe side of the re-arm level */
    public boolean rearms(BigDecimal value) {
        int sign = value.compareTo(rearm);
        return condition == Condition.ABOVE ? sign < 0 : sign > 0;
    }
}
