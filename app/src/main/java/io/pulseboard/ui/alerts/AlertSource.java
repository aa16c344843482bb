package io.pulseboard.ui.alerts;

import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.postgres.AlertLog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the Alerts screen reads alerts and sends acknowledgements: PostgreSQL's alert log when the
 * session has it, otherwise the alerts the feed brought since the app opened (read-only). Both
 * methods return at once; the work runs on the implementation's own executor.
 */
public interface AlertSource {

    /** @return open alerts first, then resolved ones, newest first within each */
    CompletableFuture<List<LoggedAlert>> recent();

    /**
     * Acknowledges a firing alert in the name of the desktop's user.
     *
     * @return what the log made of it; fails with a cause whose message says what went wrong
     */
    CompletableFuture<AlertLog.Outcome> acknowledge(String alertId, String note);

    /** @return why acknowledgements cannot be made here (no alert log), or empty when they can */
    Optional<String> readOnlyReason();

    /** @return who acknowledgements are made by, as the screen shows it */
    String user();
}
