package io.pulseboard.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One episode of an alert as PostgreSQL's {@code alert_log} keeps it: fired, perhaps acknowledged by a
 * person with a note, perhaps resolved. An acknowledgement is kept when the alert resolves, so the log
 * says who looked at it.
 *
 * @param alertId the episode's id ({@link AlertEvent#alertId()})
 * @param ruleId the rule's id
 * @param ruleName the rule's name when it fired
 * @param region the region
 * @param severity the rule's severity when it fired; empty for a row logged without one
 * @param state firing, acknowledged or resolved
 * @param message the firing's line for a person
 * @param firedAt the time of the newest sale in the window that fired it (for an alert known only from
 *     its resolution, {@link #of(AlertEvent)}: the start of its first breaching window)
 * @param firedValue the value that fired it; empty when known only from its resolution
 * @param threshold the threshold it crossed; empty when not logged
 * @param resolvedAt when it resolved, if it did
 * @param resolvedValue the value that resolved it, if it did
 * @param acknowledgedBy who acknowledged it, if anyone did
 * @param acknowledgedAt when, if anyone did
 * @param note the acknowledgement's note, possibly empty
 */
public record LoggedAlert(
        String alertId,
        String ruleId,
        String ruleName,
        String region,
        Optional<AlertRule.Severity> severity,
        State state,
        String message,
        Instant firedAt,
        Optional<BigDecimal> firedValue,
        Optional<BigDecimal> threshold,
        Optional<Instant> resolvedAt,
        Optional<BigDecimal> resolvedValue,
        Optional<String> acknowledgedBy,
        Optional<Instant> acknowledgedAt,
        String note) {

    /** The states of the log's {@code state} column. */
    public enum State {
        FIRING,
        ACKNOWLEDGED,
        RESOLVED;

        /** @return whether the alert still fires (acknowledged ones do) */
        public boolean open() {
            return this != RESOLVED;
        }
    }

    public LoggedAlert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(firedValue, "firedValue");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(resolvedValue, "resolvedValue");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
        Objects.requireNonNull(acknowledgedAt, "acknowledgedAt");
        note = note == null ? "" : note;
    }

    /**
     * The alert as the newest event of its episode tells it, for a session without the log: firing or
     * resolved, never acknowledged.
     */
    public static LoggedAlert of(AlertEvent event) {
        boolean resolved = event.state() == AlertEvent.State.RESOLVED;
        Instant at = event.eventTime() == null ? Instant.EPOCH : event.eventTime();
        return new LoggedAlert(
                event.alertId(),
                event.ruleId(),
                event.ruleName() == null ? event.ruleId() : event.ruleName(),
                event.region(),
                Optional.ofNullable(event.severity()),
                resolved ? State.RESOLVED : State.FIRING,
                event.message(),
                resolved ? firedAt(event.alertId()).orElse(at) : at,
                resolved ? Optional.empty() : Optional.of(event.value()),
                Optional.ofNullable(event.threshold()),
                resolved ? Optional.of(at) : Optional.empty(),
                resolved ? Optional.of(event.value()) : Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "");
    }

    /** The start of the first breaching window, the last part of an alert id; empty if it is not one. */
    private static Optional<Instant> firedAt(String alertId) {
        int bar = alertId.lastIndexOf('|');
        try {
            return Optional.of(Instant.parse(alertId.substring(bar + 1)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
