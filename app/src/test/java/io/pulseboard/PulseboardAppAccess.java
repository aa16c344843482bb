package io.pulseboard;

import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import java.util.Optional;
import javafx.application.Application;

/** Test access to the composition root's current screen. */
public final class PulseboardAppAccess {

    private PulseboardAppAccess() {}

    public static Optional<DashboardViewModel> dashboardModel(Application app) {
        return ((PulseboardApp) app).dashboardModel();
    }

    public static Optional<DashboardView> dashboard(Application app) {
        return ((PulseboardApp) app).dashboardView();
    }

    public static Optional<MetricsFeed> feed(Application app) {
        return ((PulseboardApp) app).feed();
    }
}
