package io.pulseboard;

import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.fx.EventToPixelMeter;
import io.pulseboard.ui.fx.RenderMeter;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;

/**
 * {@code --render-bench=SECONDS}: once the dashboard is filled with live data, measures frames per
 * second, the CPU time of the FX and renderer threads and the event-to-pixel latency for SECONDS,
 * prints the table and exits. Used by {@code scripts/render-bench.sh}; a harness, not a test.
 *
 * <p>Event to pixel: each applied snapshot's newest sale ({@link DashboardViewModel#newestSaleShown},
 * what the sales tiles' freshness badges age) to the layout pulse that shows it ({@link
 * EventToPixelMeter}). The local demo's generator stamps its events with the same wall clock.
 */
final class RenderBench {

    private RenderBench() {}

    /**
     * @param generator the local demo's generator: held at its target rate (no daily rhythm) for the
     *     whole run, as the pipeline benchmark does, so that "20k events/s" means 20k
     */
    static void onDashboard(DashboardViewModel vm, Scene scene, Optional<DemoGenerator> generator, int seconds) {
        generator.ifPresent(g -> g.setDailyRhythm(false));
        FxTimers.whenFilled(vm, () -> {
            EventToPixelMeter eventToPixel = new EventToPixelMeter(scene, Clock.systemUTC());
            ChangeListener<Number> applied = (value, before, now) -> vm.shownSnapshot()
                    .ifPresent(snapshot ->
                            vm.newestSaleShown().ifPresent(sale -> eventToPixel.applied(sale, snapshot.takenAt())));
            vm.appliedSnapshotsProperty().addListener(applied);
            RenderMeter meter = new RenderMeter(eventToPixel);
            long appliedBefore = vm.appliedSnapshotsProperty().get();
            meter.start();
            FxTimers.later(seconds, () -> {
                RenderMeter.Result result = meter.stop();
                vm.appliedSnapshotsProperty().removeListener(applied);
                System.out.println(result.table());
                vm.shownSnapshot()
                        .ifPresent(s -> System.out.printf(
                                Locale.ROOT,
                                "pipeline at the end: %.0f events/s in, lag %d records, event to output reader"
                                        + " p50 %d / p99 %d ms (its last %d updates); %d snapshots applied%n",
                                s.eventsInPerSecond(),
                                s.consumerLagRecords(),
                                s.latency().p50Ms(),
                                s.latency().p99Ms(),
                                s.latency().samples(),
                                vm.appliedSnapshotsProperty().get() - appliedBefore));
                Platform.exit();
            });
        });
    }
}
