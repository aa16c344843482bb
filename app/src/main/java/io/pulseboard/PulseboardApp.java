package io.pulseboard;

import io.pulseboard.bench.ColdStartSignal;
import io.pulseboard.config.ConfigException;
import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.log.LogFile;
import io.pulseboard.session.PipelineSession;
import io.pulseboard.session.SessionChoice;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.settings.Preferences;
import io.pulseboard.settings.PreferencesStore;
import io.pulseboard.settings.SettingsDirectory;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.connect.ConnectScreen;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.fx.WindowPlacement;
import io.pulseboard.ui.icon.AppIcon;
import io.pulseboard.ui.startup.StartupView;
import io.pulseboard.ui.startup.StartupViewModel;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the desktop app: builds the object graph, starts the session the user
 * chose, switches screens, and closes everything in {@link #stop()}. It holds wiring, not logic:
 * sessions assemble the modes ({@link SessionFactory}), the harnesses live in {@link ScreenshotTour}
 * and {@link RenderBench}.
 */
public final class PulseboardApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(PulseboardApp.class);

    private final AtomicInteger ioThreads = new AtomicInteger();
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pulseboard-io-" + ioThreads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final SessionFactory sessions =
            new SessionFactory(AppDirectories.detect(), System.getenv(), Clock.systemUTC());
    private AppOptions options;
    private SavedPreferences preferences;
    /** Why the saved preferences were not used; shown above every screen until dismissed. */
    private Optional<String> notice = Optional.empty();
    /** The window's place while neither maximized nor full screen: what the next start restores. */
    private Rectangle2D normalBounds;

    private Stage stage;
    private Scene scene;
    private Theme theme = Theme.DARK;
    private Optional<ScreenshotTour> tour = Optional.empty();
    private PipelineSession session;
    private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
    /** Closes of sessions left behind (back, failed start), one after the other, before the next start. */
    private CompletableFuture<Void> closing = CompletableFuture.completedFuture(null);

    private volatile LiveScreens live;
    private volatile boolean stopping;

    @Override
    public void start(Stage stage) {
        options = AppOptions.parse(getParameters().getRaw());
        this.stage = stage;
        // The screenshot tour shows the defaults and leaves the user's preferences alone.
        preferences = options.screenshots().isPresent()
                ? SavedPreferences.none()
                : SavedPreferences.load(
                        new PreferencesStore(SettingsDirectory.detect().path()),
                        io,
                        text -> Platform.runLater(() -> showNotice(text)));
        notice = preferences.problem();
        theme = preferences.current().theme().map(Theme::fromId).orElse(Theme.DARK);
        Rectangle2D place = WindowPlacement.place(
                preferences.current().window().map(w -> new Rectangle2D(w.x(), w.y(), w.width(), w.height())),
                Screen.getPrimary().getVisualBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        scene = new Scene(new StackPane(), place.getWidth(), place.getHeight());
        scene.getStylesheets().add(PulseboardApp.class.getResource("app.css").toExternalForm());
        applyTheme(theme);
        stage.setTitle("Pulseboard");
        stage.getIcons().setAll(AppIcon.windowIcons());
        stage.setScene(scene);
        stage.setX(place.getMinX());
        stage.setY(place.getMinY());
        stage.setWidth(place.getWidth());
        stage.setHeight(place.getHeight());
        normalBounds = place;
        stage.xProperty().addListener((obs, was, now) -> rememberBounds());
        stage.yProperty().addListener((obs, was, now) -> rememberBounds());
        stage.widthProperty().addListener((obs, was, now) -> rememberBounds());
        stage.heightProperty().addListener((obs, was, now) -> rememberBounds());
        stage.show();
        if (options.localDemo()) {
            begin(new SessionChoice.LocalDemo());
        } else {
            showConnect();
        }
        tour = options.screenshots()
                .map(dir -> new ScreenshotTour(
                        dir,
                        () -> scene,
                        () -> begin(new SessionChoice.LocalDemo()),
                        this::applyTheme,
                        () -> live.showHistory()));
        tour.ifPresent(t -> t.begin(options.localDemo()));
    }

    private void rememberBounds() {
        if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified() && stage.getWidth() > 0) {
            normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
    }

    private void showConnect() {
        show(ConnectScreen.build(
                io, Platform::runLater, this::begin, preferences.current().lastProfile()));
    }

    /** Starts the chosen session off the FX thread, with its progress on the start-up screen. */
    private void begin(SessionChoice choice) {
        // The session reports to the screen that shows its parts; the screen is made from the session.
        // Once running, its reports (a server restarted by the stack) also reach the dashboard's lights.
        AtomicReference<StartupViewModel> progress = new AtomicReference<>();
        AtomicReference<DashboardViewModel> dashboard = new AtomicReference<>();
        if (choice instanceof SessionChoice.Remote remote) {
            preferences.update(p -> p.withLastProfile(remote.profile().name()));
        }
        PipelineSession next;
        try {
            next = sessions.forChoice(choice, (part, state, message) -> {
                progress.get().onPart(part, state, message);
                DashboardViewModel shown = dashboard.get();
                if (shown != null) {
                    shown.onPart(part, state, message);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Cannot assemble the session for {}", choice, e);
            StartupViewModel failed = new StartupViewModel("Cannot start", List.of(), Platform::runLater, () -> {});
            show(new StartupView(failed, this::backToConnect).root());
            failed.failed((e instanceof ConfigException ? "Configuration error: " : "Cannot start: ") + e.getMessage());
            return;
        }
        progress.set(new StartupViewModel(next.title(), next.parts(), Platform::runLater, next::cancel));
        session = next;
        show(new StartupView(progress.get(), this::backToConnect).root());
        // A session closed a moment ago may still hold the data directory's files: start after it.
        starting = closing.thenCompose(closed -> next.startAsync(io));
        starting.whenCompleteAsync(
                (ok, error) -> {
                    if (stopping || session != next) {
                        return; // closed meanwhile: the app is stopping, or the user went back
                    } else if (error != null) {
                        failed(progress.get(), error);
                    } else {
                        dashboard.set(showDashboard(next));
                    }
                },
                Platform::runLater);
    }

    /** The current session's start failed; closes it and says why, or goes back if it was cancelled. */
    private void failed(StartupViewModel progress, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        closeSessionInBackground();
        if (cause instanceof CancellationException) {
            showConnect();
            return;
        }
        log.warn("Start-up failed", cause);
        progress.failed("Start-up failed: " + cause.getMessage() + ". Check the log (" + LogFile.current()
                + ") and try again.");
    }

    private void backToConnect() {
        closeSessionInBackground();
        showConnect();
    }

    private void closeSessionInBackground() {
        PipelineSession left = session;
        session = null;
        if (left != null) {
            left.cancel();
            closing = closing.thenRunAsync(left::close, io);
        }
    }

    /** @return the dashboard's model, for the session's later reports of its parts */
    private DashboardViewModel showDashboard(PipelineSession running) {
        LiveScreens screens =
                new LiveScreens(running, io, scene, this::show, () -> applyTheme(theme.other()), preferences);
        live = screens;
        screens.showDashboard(theme);
        tour.ifPresent(t -> t.onDashboard(screens.model(), screens.view()));
        options.renderBenchSeconds()
                .ifPresent(seconds -> RenderBench.onDashboard(screens.model(), scene, running.generator(), seconds));
        options.firstMetricFile()
                .ifPresent(file -> FxTimers.whenFirstLive(screens.model(), () -> {
                    double seconds = ColdStartSignal.secondsSinceProcessStart();
                    try {
                        ColdStartSignal.write(file, seconds);
                        log.info("First live figures on the dashboard {} s after the process started", seconds);
                    } catch (IOException e) {
                        log.error("Cannot write the first-metric file {}", file, e);
                    }
                }));
        return screens.model();
    }

    private void applyTheme(Theme newTheme) {
        theme = newTheme;
        preferences.update(p -> p.withTheme(newTheme.id()));
        scene.getRoot().getStyleClass().removeAll(Theme.DARK.styleClass(), Theme.LIGHT.styleClass());
        scene.getRoot().getStyleClass().add(theme.styleClass());
        if (live != null) {
            live.applyTheme(theme);
        }
    }

    private void show(Parent content) {
        BorderPane page = new BorderPane(content);
        notice.ifPresent(text -> page.setTop(noticeBar(text, page)));
        scene.setRoot(new StackPane(page));
        applyTheme(theme);
    }

    /** Shows a problem with the preferences above the screen shown now (and the next ones, until dismissed). */
    private void showNotice(String text) {
        notice = Optional.of(text);
        if (scene.getRoot() instanceof StackPane root
                && !root.getChildren().isEmpty()
                && root.getChildren().get(0) instanceof BorderPane page) {
            page.setTop(noticeBar(text, page));
        }
    }

    /** The problem with the saved preferences, with a button that dismisses it for this run. */
    private HBox noticeBar(String text, BorderPane page) {
        Label message = new Label(text);
        message.setId("preferencesNotice");
        message.setWrapText(true);
        message.getStyleClass().add("notice-text");
        HBox.setHgrow(message, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss", new FontIcon("mdi2c-close"));
        dismiss.setOnAction(e -> {
            notice = Optional.empty();
            page.setTop(null);
        });
        HBox bar = new HBox(10, new FontIcon("mdi2a-alert-outline"), message, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("notice-bar");
        return bar;
    }

    /**
     * Closes the dashboard, the session and the executors. Waits (off the FX queue: {@code starting}
     * is the background step itself) for a start-up still running, so nothing it starts is orphaned.
     */
    @Override
    public void stop() {
        stopping = true;
        if (normalBounds != null) {
            Rectangle2D last = normalBounds;
            preferences.update(p -> p.withWindow(
                    new Preferences.WindowBounds(last.getMinX(), last.getMinY(), last.getWidth(), last.getHeight())));
        }
        if (session != null) {
            session.cancel();
        }
        if (live != null) {
            live.close();
        }
        try {
            CompletableFuture.allOf(starting, closing)
                    .handle((ok, error) -> null)
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Start-up or an earlier close did not finish within 60 s; closing anyway", e);
        }
        if (session != null) {
            session.close();
            session = null;
        }
        try {
            preferences.flush();
        } catch (RuntimeException e) {
            log.warn("Saving the preferences at exit failed", e);
        }
        io.shutdownNow();
    }

    Optional<DashboardView> dashboardView() {
        return Optional.ofNullable(live).map(LiveScreens::view);
    }

    Optional<DashboardViewModel> dashboardModel() {
        return Optional.ofNullable(live).map(LiveScreens::model);
    }

    Optional<MetricsFeed> feed() {
        return Optional.ofNullable(live).map(LiveScreens::feed);
    }
}
