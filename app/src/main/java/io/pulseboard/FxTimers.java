package io.pulseboard;

import io.pulseboard.ui.dashboard.DashboardViewModel;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Timed steps on the FX thread for the app's harnesses (screenshot tour, render bench). */
final class FxTimers {

    private static final Logger log = LoggerFactory.getLogger(FxTimers.class);
    private static final java.time.Duration FILL_TIMEOUT = java.time.Duration.ofMinutes(3);

    private FxTimers() {}

    /** Runs {@code action} on the FX thread after {@code seconds}; call on the FX thread. */
    static void later(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    /**
     * Runs {@code action} on the FX thread right after the pulse that draws the dashboard's first
     * live figures (the first applied snapshot with a region in it).
     */
    static void whenFirstLive(DashboardViewModel vm, Runnable action) {
        ChangeListener<Number> first = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> value, Number before, Number now) {
                if (!vm.regions().isEmpty()) {
                    value.removeListener(this);
                    // Applied on the FX thread, drawn by the next pulse: a runLater now runs about then
                    // (within a frame, 16 ms, of the pixels).
                    Platform.runLater(action);
                }
            }
        };
        vm.appliedSnapshotsProperty().addListener(first);
    }

    /**
     * Runs {@code action} once the dashboard shows regions and a trend (checked at the UI cadence); a
     * harness whose dashboard never fills within {@link #FILL_TIMEOUT} ends the app instead of waiting
     * for ever.
     */
    static void whenFilled(DashboardViewModel vm, Runnable action) {
        whenFilled(vm, action, System.nanoTime() + FILL_TIMEOUT.toNanos());
    }

    private static void whenFilled(DashboardViewModel vm, Runnable action, long deadline) {
        later(0.5, () -> {
            if (vm.regions().size() >= 3
                    && vm.revenueTrend().size() >= 2
                    && vm.appliedSnapshotsProperty().get() >= 5) {
                action.run();
            } else if (System.nanoTime() > deadline) {
                log.error("The dashboard showed no live data within {}; ending the harness", FILL_TIMEOUT);
                Platform.exit();
            } else {
                whenFilled(vm, action, deadline);
            }
        });
    }
}
