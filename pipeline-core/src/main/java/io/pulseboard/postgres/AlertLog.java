package io.pulseboard.postgres;

import io.pulseboard.alert.AlertRule;
import io.pulseboard.alert.LoggedAlert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads PostgreSQL's {@code alert_log} and records acknowledgements in it. The log itself is written
 * by {@link AlertLogWriter} from the {@code alerts} topic; an acknowledgement is the one change a
 * person makes, and a later resolution keeps it (docs/adr/0020). Each call opens its own connection:
 * call from a worker thread, never the FX thread.
 */
public final class AlertLog {

    /** The most rows {@link #recent(int)} returns. */
    public static final int MAX_ROWS = 1000;

    static final String RECENT = "SELECT alert_id, rule_id, rule_name, region, severity, state, message, fired_at,"
            + " fired_value, threshold, resolved_at, resolved_value, acknowledged_by, acknowledged_at, note"
            + " FROM alert_log ORDER BY (state <> 'RESOLVED') DESC, fired_at DESC, alert_id LIMIT ?";
    static final String ACKNOWLEDGE = "UPDATE alert_log SET state = 'ACKNOWLEDGED', acknowledged_by = ?,"
            + " acknowledged_at = ?, note = ? WHERE alert_id = ? AND state = 'FIRING'";
    static final String STATE = "SELECT state FROM alert_log WHERE alert_id = ?";

    /** The outcome of {@link #acknowledge}. */
    public enum Outcome {
        /** It fired and is acknowledged now. */
        ACKNOWLEDGED,
        /** Someone acknowledged it before: the first acknowledgement is kept. */
        ALREADY_ACKNOWLEDGED,
        /** It resolved before the acknowledgement arrived. */
        ALREADY_RESOLVED,
        /** The log has no such alert. */
        UNKNOWN
    }

    private final PostgresConnection database;

    public AlertLog(PostgresConnection database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * @param limit at most this many rows, at most {@link #MAX_ROWS}
     * @return open alerts (firing, acknowledged) first, then resolved ones; newest first within each
     */
    public List<LoggedAlert> recent(int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        try (Connection connection = database.open();
                PreparedStatement query = connection.prepareStatement(RECENT)) {
            query.setInt(1, Math.min(limit, MAX_ROWS));
            List<LoggedAlert> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(read(row));
                }
            }
            return rows;
        }
    }

    /**
     * Acknowledges a firing alert: state {@code ACKNOWLEDGED}, who, when and the note. Only a firing
     * alert changes, in one statement, so two people acknowledging at once leave the first one's name.
     *
     * @param by who acknowledges (the desktop user's name); not blank
     * @param note what they say; may be empty
     */
    public Outcome acknowledge(String alertId, String by, String note, Instant at) throws SQLException {
        Objects.requireNonNull(alertId, "alertId");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("An acknowledgement needs the name of who acknowledges");
        }
        try (Connection connection = database.open()) {
            try (PreparedStatement update = connection.prepareStatement(ACKNOWLEDGE)) {
                update.setString(1, by.strip());
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, note == null ? "" : note.strip());
                update.setString(4, alertId);
                if (update.executeUpdate() == 1) {
                    return Outcome.ACKNOWLEDGED;
                }
            }
            try (PreparedStatement query = connection.prepareStatement(STATE)) {
                query.setString(1, alertId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Outcome.UNKNOWN;
                    }
                    return "RESOLVED".equals(row.getString(1))
                            ? Outcome.ALREADY_RESOLVED
                            : Outcome.ALREADY_ACKNOWLEDGED;
                }
            }
        }
    }

    private static LoggedAlert read(ResultSet row) throws SQLException {
        String severity = row.getString("severity");
        return new LoggedAlert(
                row.getString("alert_id"),
                row.getString("rule_id"),
                row.getString("rule_name"),
                row.getString("region"),
                severity == null ? Optional.empty() : Optional.of(AlertRule.Severity.valueOf(severity)),
                LoggedAlert.State.valueOf(row.getString("state")),
                row.getString("message"),
                row.getTimestamp("fired_at").toInstant(),
                Optional.of(row.getBigDecimal("fired_value")),
                decimal(row, "threshold"),
                instant(row, "resolved_at"),
                decimal(row, "resolved_value"),
                Optional.ofNullable(row.getString("acknowledged_by")),
                instant(row, "acknowledged_at"),
                row.getString("note"));
    }

    private static Optional<BigDecimal> decimal(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getBigDecimal(column));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    @Override
    public String toString() {
        return "alert log in " + database;
    }
}
