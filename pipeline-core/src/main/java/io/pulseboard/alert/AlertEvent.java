package io.pulseboard.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An alert firing or resolving, as published on the {@code alerts} topic (JSON, keyed by {@link
 * #alertId()}) and kept in PostgreSQL's {@code alert_log}. An episode has one {@link State#FIRING}
 * and at most one {@link State#RESOLVED} event, with the same id.
 *
 * @param alertId {@code ruleId|region|start of the first breaching window}: the same for both events of
 *     an episode, so that the log can be written idempotently
 * @param state firing or resolved
 * @param ruleId the rule's id
 * @param ruleName the rule's name
 * @param severity the rule's severity when the event was made
 * @param metric what is watched
 * @param region the region
 * @param condition above or below
 * @param threshold the rule's threshold (firing) or re-arm level (resolved)
 * @param value the window's value that fired or resolved it
 * @param windowStart start of that window
 * @param windowEnd end of that window
 * @param eventTime the newest sale in that window, the time the alert is about
 * @param message one line for a person, e.g. {@code EU-WEST revenue 12,400.00 above 10,000.00 in 3
 *     windows}
 */
public record AlertEvent(
        String alertId,
        State state,
        String ruleId,
        String ruleName,
        AlertRule.Severity severity,
        AlertRule.Metric metric,
        String region,
        AlertRule.Condition condition,
        BigDecimal threshold,
        BigDecimal value,
        Instant windowStart,
        Instant windowEnd,
        Instant eventTime,
        String message) {

    public enum State {
        FIRING,
        RESOLVED
    }

    public AlertEvent {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(value, "value");
    }
}
