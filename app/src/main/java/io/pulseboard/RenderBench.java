package io.pulseboard;

import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.fx.RenderMeter;
import javafx.application.Platform;

/**
 * {@code --render-bench=SECONDS}: once the dashboard is filled with live data, measures frames per
 * second and the CPU time of the FX and renderer threads for SECONDS, prints the table and exits.
 * Used by {@code scripts/render-bench.sh}; a harness, not a test.
 */
final class RenderBench {

    private RenderBench() {}

    static void onDashboard(DashboardViewModel vm, int seconds) {
        FxTimers.whenFilled(vm, () -> {
            RenderMeter meter = new RenderMeter();
            meter.start();
            FxTimers.later(seconds, () -> {
                System.out.println(meter.stop().table());
                Platform.exit();
            });
        });
    }
}
