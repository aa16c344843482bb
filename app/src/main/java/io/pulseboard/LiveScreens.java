package io.pulseboard;

import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.session.PipelineSession;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.alerts.AlertSource;
import io.pulseboard.ui.alerts.AlertsView;
import io.pulseboard.ui.alerts.AlertsViewModel;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.dashboard.TargetEditor;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.history.HistoryView;
import io.pulseboard.ui.history.HistoryViewModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the screens of a running session (part of the composition root): the live dashboard fed
 * by the session's feed, and the History screen reading the history store the session opened. Built,
 * used and closed on the FX thread.
 */
final class LiveScreens {

    private static final Logger log = LoggerFactory.getLogger(LiveScreens.class);

    private final PipelineSession session;
    private final Executor io;
    private final Scene scene;
    private final Consumer<Parent> show;
    private final DashboardViewModel model;
    private final DashboardView view;
    private final AutoCloseable subscription;
    private final AlertSource alertSource;
    /** The Alerts screen while it is shown, to stop its refresh when it is left. */
    private AlertsView alertsShown;

    /**
     * @param show puts a screen into the window
     * @param toggleTheme switches between the dark and the light theme
     */
    LiveScreens(
            PipelineSession session,
            Executor io,
            Scene scene,
            Consumer<Parent> show,
            Runnable toggleTheme,
            SavedPreferences preferences) {
        this.session = session;
        this.io = io;
        this.scene = scene;
        this.show = show;
        Optional<IntConsumer> rateControl = session.generator().map(g -> g::setRate);
        long rate =
                session.generator().isPresent() ? session.config().generator().eventsPerSecond() : 0;
        model = new DashboardViewModel(
                rateControl,
                rate,
                Clock.systemUTC(),
                DisplayFormat.of(
                        Locale.getDefault(Locale.Category.FORMAT),
                        session.config().topology().reportingCurrency()),
                session.referenceDatabase().map(database -> targetEditor(database, io)),
                Platform::runLater);
        // The saved zone and rate apply before the view is built, so its controls show them.
        preferences.current().zoneId().ifPresent(model::setZone);
        preferences.current().generatorRate().ifPresent(model::setGeneratorRate);
        model.zoneProperty()
                .addListener((obs, was, now) -> preferences.update(
                        p -> p.withZone(now.equals(ZoneId.systemDefault()) ? Optional.empty() : Optional.of(now))));
        model.generatorRateProperty().addListener((obs, was, now) -> {
            if (model.rateAdjustable()) {
                preferences.update(p -> p.withGeneratorRate(now.intValue()));
            }
        });
        alertSource = session.referenceDatabase()
                .map(database -> AlertSources.log(database, io, Clock.systemUTC(), AlertSources.desktopUser()))
                .orElseGet(() -> AlertSources.feed(session.feed()));
        view = new DashboardView(model, session.modeLabel(), io, toggleTheme, this::showHistory, this::showAlerts);
        subscription = session.feed().subscribe(model::accept);
    }

    /**
     * Writes a region's targets into the reference database on {@code io}; the tiles follow through the
     * change stream. A region the database does not hold, or a failed write, fails the future with a
     * message saying so (the database's own error, which names no password).
     */
    private static TargetEditor targetEditor(PostgresConnection database, Executor io) {
        return (region, perHour, perDay) -> CompletableFuture.runAsync(
                () -> {
                    try (Connection connection = database.open()) {
                        if (!ReferenceSchema.updateRegionTargets(connection, region, perHour, perDay)) {
                            throw new IllegalStateException("Region " + region + " is not in the reference data");
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(
                                "PostgreSQL at " + database.jdbcUrl() + " did not take the targets: " + e.getMessage(),
                                e);
                    }
                },
                io);
    }

    /** Shows the dashboard and starts its refresh. */
    void showDashboard(Theme theme) {
        view.applyTheme(theme);
        show.accept(view.root());
        view.start();
    }

    /** The History screen; its back button returns to the screen shown before. */
    void showHistory() {
        HistoryViewModel history = new HistoryViewModel(session::history, Clock.systemUTC(), io, Platform::runLater);
        history.zoneProperty().bind(model.zoneProperty());
        history.formatProperty().bind(model.formatProperty());
        history.knownRegions()
                .setAll(model.regions().stream().map(r -> r.region()).sorted().toList());
        Parent liveRoot = scene.getRoot();
        show.accept(new HistoryView(history, () -> scene.setRoot(liveRoot)).root());
        history.refresh();
    }

    /** The Alerts screen; its back button returns to the screen shown before. */
    void showAlerts() {
        if (alertsShown != null) {
            return;
        }
        AlertsViewModel alerts = new AlertsViewModel(
                alertSource, model.formatProperty().get(), Clock.systemUTC(), io, Platform::runLater);
        alerts.zoneProperty().bind(model.zoneProperty());
        alerts.formatProperty().bind(model.formatProperty());
        Parent before = scene.getRoot();
        AlertsView screen = new AlertsView(alerts, () -> {
            closeAlerts();
            scene.setRoot(before);
        });
        alertsShown = screen;
        show.accept(screen.root());
        screen.start();
    }

    private void closeAlerts() {
        if (alertsShown != null) {
            alertsShown.stop();
            alertsShown = null;
        }
    }

    void applyTheme(Theme theme) {
        view.applyTheme(theme);
    }

    DashboardViewModel model() {
        return model;
    }

    DashboardView view() {
        return view;
    }

    MetricsFeed feed() {
        return session.feed();
    }

    /** Stops the dashboard's refresh and its feed subscription; the session is closed by its owner. */
    void close() {
        closeAlerts();
        view.stop();
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("Closing the dashboard's feed subscription failed", e);
        }
    }
}
