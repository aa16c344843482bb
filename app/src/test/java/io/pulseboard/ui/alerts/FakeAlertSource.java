package io.pulseboard.ui.alerts;

import io.pulseboard.alert.LoggedAlert;
import io.pulseboard.postgres.AlertLog;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** An alert log held in memory, for the Alerts screen's tests; its user is {@code ana}. */
final class FakeAlertSource implements AlertSource {

    volatile List<LoggedAlert> log;
    volatile Optional<String> readOnly = Optional.empty();
    /** What an acknowledgement answers; may change the log. */
    volatile BiFunction<String, String, AlertLog.Outcome> onAcknowledge = (id, note) -> AlertLog.Outcome.ACKNOWLEDGED;
    /** Each acknowledgement sent, as {@code alertId: note}. */
    final List<String> sent = new CopyOnWriteArrayList<>();

    FakeAlertSource(List<LoggedAlert> log) {
        this.log = log;
    }

    @Override
    public CompletableFuture<List<LoggedAlert>> recent() {
        return CompletableFuture.completedFuture(log);
    }

    @Override
    public CompletableFuture<AlertLog.Outcome> acknowledge(String alertId, String note) {
        sent.add(alertId + ": " + note);
        return CompletableFuture.completedFuture(onAcknowledge.apply(alertId, note));
    }

    @Override
    public Optional<String> readOnlyReason() {
        return readOnly;
    }

    @Override
    public String user() {
        return "ana";
    }
}
