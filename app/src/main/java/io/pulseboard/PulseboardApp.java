package io.pulseboard;

import io.pulseboard.cli.DemoCommand;
import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.session.SessionChoice;
import io.pulseboard.session.SessionPart;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStackFactory;
import io.pulseboard.startup.LocalDemoSession;
import io.pulseboard.startup.RemoteSession;
import io.pulseboard.ui.Theme;
import io.pulseboard.ui.connect.ConnectScreen;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import io.pulseboard.ui.fx.RenderMeter;
import io.pulseboard.ui.fx.SceneShots;
import io.pulseboard.ui.history.HistoryView;
import io.pulseboard.ui.history.HistoryViewModel;
import io.pulseboard.ui.startup.StartupView;
import io.pulseboard.ui.startup.StartupViewModel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the desktop app: builds the object graph, switches screens, and closes
 * everything in {@link #stop()}. It holds wiring, not logic.
 */
public final class PulseboardApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(PulseboardApp.class);

    private final AtomicInteger ioThreads = new AtomicInteger();
    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pulseboard-io-" + ioThreads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final AppDirectories directories = AppDirectories.detect();
    private AppOptions options;
    private Stage stage;
    private Scene scene;
    private Theme theme = Theme.DARK;
    private AutoCloseable session;
    private Runnable cancelSession = () -> {};
    private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
    private volatile DashboardView dashboard;
    private volatile DashboardViewModel dashboardModel;
    private volatile io.pulseboard.feed.MetricsFeed feed;
    private AutoCloseable feedSubscription;
    private volatile boolean stopping;

    @Override
    public void start(Stage primaryStage) {
        options = AppOptions.parse(getParameters().getRaw());
        stage = primaryStage;
        scene = new Scene(new StackPane(), 1440, 900);
        scene.getStylesheets().add(PulseboardApp.class.getResource("app.css").toExternalForm());
        applyTheme(theme);
        stage.setTitle("Pulseboard");
        stage.setScene(scene);
        stage.show();
        if (options.localDemo()) {
            begin(new SessionChoice.LocalDemo());
        } else {
            showConnect();
        }
        options.screenshots()
                .ifPresent(dir -> later(1.5, () -> {
                    SceneShots.write(scene, dir.resolve("connect.png"));
                    if (!options.localDemo()) {
                        begin(new SessionChoice.LocalDemo());
                    }
                    later(1.0, () -> SceneShots.write(scene, dir.resolve("progress.png")));
                }));
    }

    private void showConnect() {
        show(ConnectScreen.build(io, Platform::runLater, this::begin));
    }

    private void begin(SessionChoice choice) {
        if (choice instanceof SessionChoice.LocalDemo) {
            beginLocalDemo();
        } else if (choice instanceof SessionChoice.Remote remote) {
            beginRemote(remote);
        }
    }

    private void beginLocalDemo() {
        PulseboardConfig loaded = ConfigLoader.load(
                Optional.empty(),
                System.getenv(),
                LocalDemoSession.EMBEDDED_KEY_DEFAULTS,
                DemoCommand.demoKeys(null, null));
        StartupViewModel progress = new StartupViewModel(
                "Starting the local demo",
                List.of(
                        SessionPart.KAFKA,
                        SessionPart.REDIS,
                        SessionPart.HISTORY,
                        SessionPart.TOPOLOGY,
                        SessionPart.GENERATOR),
                Platform::runLater,
                this::cancel);
        LocalDemoSession demo = new LocalDemoSession(
                loaded, LocalStackFactory.inAppData(directories), directories, Clock.systemUTC(), progress::onPart);
        session = demo;
        cancelSession = demo::cancel;
        show(new StartupView(progress, this::backToConnect).root());
        starting = CompletableFuture.runAsync(() -> run(demo::start), io);
        starting.whenCompleteAsync(
                (ok, error) -> {
                    if (error != null) {
                        failed(progress, error);
                    } else {
                        DemoGenerator generator = demo.generator().orElseThrow();
                        showDashboard(
                                demo.runtime().orElseThrow(),
                                "Local demo",
                                Optional.of(generator::setRate),
                                demo.config().orElseThrow().generator().eventsPerSecond());
                    }
                },
                Platform::runLater);
    }

    private void beginRemote(SessionChoice.Remote remote) {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("pulseboard.kafka.bootstrap-servers", remote.profile().bootstrapServers());
        keys.put("pulseboard.kafka.application-id", "pulseboard-app");
        keys.put(
                "pulseboard.kafka.state-dir",
                directories.dataHome().resolve("streams-remote").toString());
        remote.profile().redisUri().ifPresent(uri -> keys.put("pulseboard.redis.uri", uri));
        ConnectScreen.clientOverrides(remote).forEach((k, v) -> keys.put(ConfigLoader.CLIENT_PREFIX + k, v));
        PulseboardConfig config = ConfigLoader.load(Optional.empty(), System.getenv(), keys);
        StartupViewModel progress = new StartupViewModel(
                "Connecting to " + remote.profile().name(),
                List.of(SessionPart.KAFKA, SessionPart.TOPOLOGY),
                Platform::runLater,
                this::cancel);
        RemoteSession remoteSession = new RemoteSession(config, Clock.systemUTC(), progress::onPart);
        session = remoteSession;
        cancelSession = remoteSession::cancel;
        show(new StartupView(progress, this::backToConnect).root());
        starting = CompletableFuture.runAsync(() -> run(remoteSession::start), io);
        starting.whenCompleteAsync(
                (ok, error) -> {
                    if (error != null) {
                        failed(progress, error);
                    } else {
                        showDashboard(
                                remoteSession.runtime().orElseThrow(),
                                "Remote: " + remote.profile().name(),
                                Optional.empty(),
                                0);
                    }
                },
                Platform::runLater);
    }

    private interface Blocking {
        void run() throws InterruptedException;
    }

    private static void run(Blocking step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private void failed(StartupViewModel progress, Throwable error) {
        if (stopping) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        closeSessionInBackground();
        if (cause instanceof CancellationException) {
            backToConnect();
            return;
        }
        log.warn("Start-up failed", cause);
        progress.failed("Start-up failed: " + cause.getMessage() + ". Check the log ($PULSEBOARD_LOG) and try again.");
    }

    private void cancel() {
        cancelSession.run();
    }

    private void backToConnect() {
        closeSessionInBackground();
        showConnect();
    }

    private void closeSessionInBackground() {
        AutoCloseable closing = session;
        session = null;
        if (closing != null) {
            io.execute(() -> close(closing));
        }
    }

    private void showDashboard(
            PipelineRuntime runtime, String mode, Optional<java.util.function.IntConsumer> rateControl, long rate) {
        DashboardViewModel vm = new DashboardViewModel(rateControl, rate);
        dashboard = new DashboardView(vm, mode, io, () -> applyTheme(theme.other()), () -> showHistory(runtime, vm));
        dashboard.applyTheme(theme);
        feedSubscription = runtime.feed().subscribe(vm::accept);
        dashboardModel = vm;
        feed = runtime.feed();
        show(dashboard.root());
        dashboard.start();
        options.screenshots()
                .ifPresent(dir -> whenFilled(vm, () -> {
                    SceneShots.write(scene, dir.resolve("dashboard-dark.png"));
                    applyTheme(Theme.LIGHT);
                    later(1.5, () -> {
                        SceneShots.write(scene, dir.resolve("dashboard-light.png"));
                        showHistory(runtime, vm);
                        later(3.0, () -> {
                            SceneShots.write(scene, dir.resolve("history.png"));
                            Platform.exit();
                        });
                    });
                }));
        options.renderBenchSeconds()
                .ifPresent(seconds -> whenFilled(vm, () -> {
                    RenderMeter meter = new RenderMeter();
                    meter.start();
                    later(seconds, () -> {
                        System.out.println(meter.stop().table());
                        Platform.exit();
                    });
                }));
    }

    private void showHistory(PipelineRuntime runtime, DashboardViewModel live) {
        HistoryViewModel history = new HistoryViewModel(runtime::history, Clock.systemUTC(), io, Platform::runLater);
        history.zoneProperty().bind(live.zoneProperty());
        history.knownRegions()
                .setAll(live.regions().stream().map(r -> r.region()).sorted().toList());
        Parent liveRoot = scene.getRoot();
        show(new HistoryView(history, () -> scene.setRoot(liveRoot)).root());
        history.refresh();
    }

    /** Runs {@code action} once the dashboard shows regions and a trend (checked at the UI cadence). */
    private void whenFilled(DashboardViewModel vm, Runnable action) {
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

    private void applyTheme(Theme newTheme) {
        theme = newTheme;
        scene.getRoot().getStyleClass().removeAll(Theme.DARK.styleClass(), Theme.LIGHT.styleClass());
        scene.getRoot().getStyleClass().add(theme.styleClass());
        if (dashboard != null) {
            dashboard.applyTheme(theme);
        }
    }

    private void show(Parent content) {
        StackPane root = new StackPane(content);
        scene.setRoot(root);
        applyTheme(theme);
    }

    private static void later(double seconds, Runnable action) {
        PauseTransition pause = new PauseTransition(Duration.seconds(seconds));
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    /**
     * Closes the dashboard, the session and the executors. Waits (off the FX queue: {@code starting}
     * is the background step itself) for a start-up still running, so nothing it starts is orphaned.
     */
    @Override
    public void stop() {
        stopping = true;
        cancel();
        if (dashboard != null) {
            dashboard.stop();
        }
        if (feedSubscription != null) {
            close(feedSubscription);
        }
        try {
            starting.handle((ok, error) -> null).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Start-up did not finish within 60 s while closing; closing anyway", e);
        }
        if (session != null) {
            close(session);
            session = null;
        }
        io.shutdownNow();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", closeable, e);
        }
    }

    Optional<DashboardView> dashboardView() {
        return Optional.ofNullable(dashboard);
    }

    Optional<DashboardViewModel> dashboardModel() {
        return Optional.ofNullable(dashboardModel);
    }

    Optional<io.pulseboard.feed.MetricsFeed> feed() {
        return Optional.ofNullable(feed);
    }
}
