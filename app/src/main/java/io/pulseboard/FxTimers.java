package io.pulseboard;

import io.pulseboard.ui.dashboard.DashboardViewModel;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Timed steps on the FX thread for the app's harnesses (screenshot tour, render bench). */
final class FxTimers {

    private FxTimers() {}

    /** Runs {@code action} on the FX thread after {@code seconds}; call on the FX thread. */
    static void later(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    /** Runs {@code action} once the dashboard shows regions and a trend (checked at the UI cadence). */
    static void whenFilled(DashboardViewModel vm, Runnable action) {
        later(0.5, () -> {
            if (vm.regions().size() >= 3
                    && vm.revenueTrend().size() >= 2
                    && vm.appliedSnapshotsProperty().get() >= 5) {
                action.run();
            } else {
                whenFilled(vm, action);
            }
        });
    }
}
