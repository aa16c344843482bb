package io.pulseboard.ui.dashboard;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.alert.AlertRule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One alert as the Business page lists it: firing ones first, then the newest.
 *
 * @param alertId the alert's id
 * @param firing whether it still fires
 * @param severity INFO, WARNING or CRITICAL; {@code null} for a resolution without its rule
 * @param region the region
 * @param message the alert's own line
 * @param when "firing since 14:02" or "resolved 14:07", in the display zone
 */
public record AlertRow(
        String alertId, boolean firing, AlertRule.Severity severity, String region, String message, String when) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    static AlertRow of(AlertEvent event, ZoneId zone) {
        boolean firing = event.state() == AlertEvent.State.FIRING;
        Instant at = event.eventTime() == null ? Instant.EPOCH : event.eventTime();
        String clock = CLOCK.format(at.atZone(zone));
        return new AlertRow(
                event.alertId(),
                firing,
                event.severity(),
                event.region(),
                event.message(),
                firing ? "firing since " + clock : "resolved " + clock);
    }

    /** @return the line a notification and the list show: {@code CRITICAL EU-WEST: message} */
    public String headline() {
        return (severity == null ? "" : severity.name() + " ") + message;
    }
}
