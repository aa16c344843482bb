package io.pulseboard;

import static io.pulseboard.FxTimers.later;

import io.pulseboard.ui.Theme;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.fx.SceneShots;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * {@code --screenshots=DIR}: the real app takes a picture of every screen (connect, start-up,
 * dashboard dark and light, business page, a region's drill-down, history) into DIR, then exits. Used by {@code scripts/screenshots.sh}.
 */
final class ScreenshotTour {
    /** The region whose drill-down the tour shows. */
    private static final String DRILL_REGION = "EU-WEST";

    private final Path dir;
    private final Supplier<Scene> scene;
    private final Runnable startLocalDemo;
    private final Consumer<Theme> applyTheme;
    private final Runnable showHistory;

    /** The app's screens the tour drives; each is called on the FX thread. */
    ScreenshotTour(
            Path dir,
            Supplier<Scene> scene,
            Runnable startLocalDemo,
            Consumer<Theme> applyTheme,
            Runnable showHistory) {
        this.dir = dir;
        this.scene = scene;
        this.startLocalDemo = startLocalDemo;
        this.applyTheme = applyTheme;
        this.showHistory = showHistory;
    }

    /** The first screens: connect (unless skipped), then the start-up progress of the local demo. */
    void begin(boolean localDemoAlreadyStarting) {
        later(1.5, () -> {
            SceneShots.write(scene.get(), dir.resolve("connect.png"));
            if (!localDemoAlreadyStarting) {
                startLocalDemo.run();
            }
            later(1.0, () -> SceneShots.write(scene.get(), dir.resolve("progress.png")));
        });
    }

    /**
     * Once the dashboard is filled: dark, the business page and a region's drill-down (EU-WEST), light,
     * the business page again, history, exit.
     */
    void onDashboard(DashboardViewModel vm, DashboardView view) {
        FxTimers.whenFilled(vm, () -> {
            SceneShots.write(scene.get(), dir.resolve("dashboard-dark.png"));
            view.toggleBusiness();
            later(1.5, () -> {
                SceneShots.write(scene.get(), dir.resolve("business-dark.png"));
                view.openRegion(DRILL_REGION);
                later(1.5, () -> {
                    SceneShots.write(scene.get(), dir.resolve("region-dark.png"));
                    view.closeRegion();
                    view.toggleBusiness();
                    applyTheme.accept(Theme.LIGHT);
                    later(1.5, () -> {
                        SceneShots.write(scene.get(), dir.resolve("dashboard-light.png"));
                        view.toggleBusiness();
                        later(1.5, () -> {
                            SceneShots.write(scene.get(), dir.resolve("business-light.png"));
                            view.toggleBusiness();
                            showHistory.run();
                            later(3.0, () -> {
                                SceneShots.write(scene.get(), dir.resolve("history.png"));
                                Platform.exit();
                            });
                        });
                    });
                });
            });
        });
    }
}
