package io.pulseboard.ui.startup;

import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Progress of a session start-up, one row per part. {@link #onPart} may be called from any thread
 * (a handful of calls per start-up); rows change on the FX executor.
 */
public final class StartupViewModel {

    /** One part's row. */
    public record PartRow(SessionPart part, PartState state, String message) {}

    private final Executor fxExecutor;
    private final Runnable cancelAction;
    private final Map<SessionPart, PartRow> rows = new EnumMap<>(SessionPart.class);
    private final ObservableList<PartRow> parts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();

    /**
     * @param shown the parts this session starts, in order
     * @param cancelAction stops the start-up; called on the FX thread
     */
    public StartupViewModel(String title, List<SessionPart> shown, Executor fxExecutor, Runnable cancelAction) {
        this.fxExecutor = fxExecutor;
        this.cancelAction = cancelAction;
        this.title.set(title);
        shown.forEach(p -> rows.put(p, new PartRow(p, PartState.WAITING, "")));
        parts.setAll(rows.values());
    }

    /** Any thread. */
    public void onPart(SessionPart part, PartState state, String message) {
        fxExecutor.execute(() -> {
            if (rows.containsKey(part)) {
                rows.put(part, new PartRow(part, state, message));
                parts.setAll(rows.values());
            }
        });
    }

    /**
     * The start-up failed; {@code message} says why and what to do. A part still starting stops its
     * spinner: it is shown FAILED (the start ended in it). Any thread.
     */
    public void failed(String message) {
        fxExecutor.execute(() -> {
            rows.replaceAll((part, row) -> row.state() == PartState.STARTING || row.state() == PartState.RESTARTING
                    ? new PartRow(part, PartState.FAILED, row.message().isEmpty() ? "start-up failed" : row.message())
                    : row);
            parts.setAll(rows.values());
            failure.set(message);
        });
    }

    public void cancel() {
        if (!cancelling.get()) {
            cancelling.set(true);
            cancelAction.run();
        }
    }

    public ObservableList<PartRow> parts() {
        return FXCollections.unmodifiableObservableList(parts);
    }

    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
