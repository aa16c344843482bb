package io.pulseboard.ui;

import static io.pulseboard.ui.FxWait.await;
import static io.pulseboard.ui.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.PulseboardAppAccess;
import io.pulseboard.log.LogFile;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.settings.Preferences;
import io.pulseboard.settings.PreferencesStore;
import io.pulseboard.settings.ProfileStore;
import io.pulseboard.settings.SettingsDirectory;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.ui.dashboard.DashboardShortcut;
import io.pulseboard.ui.dashboard.DashboardView;
import io.pulseboard.ui.dashboard.DashboardViewModel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app across restarts, headless (Monocle, a 1600x1000 screen), with its own settings
 * directory: Connect to an address where nothing listens fails fast with the cause; the theme, zone,
 * window place, last profile and generator rate chosen in one run are read back from the next run's
 * screens; a corrupt preferences file is reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreferencesUiIT {

    @TempDir
    static Path temp;

    private static Path settings;
    private static int closedPort;
    private static Stage stage;
    private static Application app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void prepare() throws Exception {
        settings = temp.resolve("settings");
        System.setProperty(
                AppDirectories.DATA_HOME_PROPERTY, temp.resolve("data").toString());
        System.setProperty(SettingsDirectory.PROPERTY, settings.toString());
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        new ProfileStore(settings)
                .saveAll(List.of(profile("staging", "127.0.0.1:1"), profile("nowhere", "127.0.0.1:" + closedPort)));
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void clear() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty(AppDirectories.DATA_HOME_PROPERTY);
        System.clearProperty(SettingsDirectory.PROPERTY);
    }

    private static ConnectionProfile profile(String name, String bootstrap) {
        return new ConnectionProfile(
                name, bootstrap, SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    @Order(1)
    void connectToAnAddressWhereNothingListensShowsTheCauseWithinFiveSecondsAndNoSpinner() throws Exception {
        app = FxToolkit.setupApplication(io.pulseboard.PulseboardApp.class);
        ListView<ConnectionProfile> list = robot.lookup("#profileList").queryListView();
        await(Duration.ofSeconds(10), () -> onFx(() -> list.getItems().size() == 2), "profiles listed");
        onFx(() -> {
            list.getSelectionModel().select(1);
            return null;
        });

        long clicked = System.nanoTime();
        robot.clickOn("#connectButton");
        await(
                Duration.ofSeconds(5),
                () -> onFx(() -> robot.lookup("#startupFailure")
                        .tryQueryAs(Label.class)
                        .map(l -> !l.getText().isEmpty())
                        .orElse(false)),
                "the start-up failure shown");
        Duration took = Duration.ofNanos(System.nanoTime() - clicked);

        String shown =
                onFx(() -> robot.lookup("#startupFailure").queryAs(Label.class).getText());
        assertThat(shown)
                .isEqualTo("Start-up failed: Cannot reach Kafka at 127.0.0.1:" + closedPort
                        + ": connection refused (the host is up but nothing listens on that port). Check the log ("
                        + LogFile.current() + ") and try again.");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        Node parts = robot.lookup("#startupParts").query();
        assertThat(onFx(() -> parts.lookupAll(".progress-indicator").stream()
                        .filter(n -> n instanceof ProgressIndicator)
                        .count()))
                .as("spinners left on the start-up screen")
                .isZero();
        robot.clickOn("#backButton");
    }

    @Test
    @Order(2)
    void theThemeZoneWindowLastProfileAndRateChosenInOneRunAreThereInTheNext() throws Exception {
        await(
                Duration.ofSeconds(10),
                () -> robot.lookup("#localDemoButton").tryQuery().isPresent(),
                "connect");
        robot.clickOn("#localDemoButton");
        awaitDashboard();
        robot.push(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass())).contains("theme-light");
        onFx(() -> {
            zoneBox().setValue("Asia/Tokyo");
            vm().setGeneratorRate(5_000);
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(640);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> vm().zoneProperty().get())).isEqualTo(ZoneId.of("Asia/Tokyo"));

        FxToolkit.cleanupApplication(app);
        app = null;

        assertThat(new PreferencesStore(settings).load())
                .isEqualTo(new PreferencesStore.Loaded(
                        new Preferences(
                                Optional.of("light"),
                                Optional.of("Asia/Tokyo"),
                                Optional.of(new Preferences.WindowBounds(40, 30, 1000, 640)),
                                Optional.of("nowhere"),
                                Optional.of(5_000)),
                        Optional.empty()));
        onFx(() -> {
            // Elsewhere before the restart, so that the restored place is the app's doing.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1500);
            stage.setHeight(950);
            return null;
        });

        app = FxToolkit.setupApplication(io.pulseboard.PulseboardApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())))
                .containsExactly(40.0, 30.0, 1000.0, 640.0);
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass())).contains("theme-light");
        ListView<ConnectionProfile> list = robot.lookup("#profileList").queryListView();
        await(
                Duration.ofSeconds(10),
                () -> onFx(() -> list.getSelectionModel().getSelectedItem() != null),
                "last profile selected");
        assertThat(onFx(() -> list.getSelectionModel().getSelectedItem().name()))
                .isEqualTo("nowhere");

        robot.clickOn("#localDemoButton");
        awaitDashboard();
        String zoneShown = onFx(() -> zoneBox().getValue());
        assertThat(zoneShown).isEqualTo("Asia/Tokyo");
        assertThat(onFx(() -> vm().zoneProperty().get())).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(onFx(() -> robot.lookup("#rateSlider").queryAs(Slider.class).getValue()))
                .isEqualTo(5_000.0);
        assertThat(onFx(() -> vm().generatorRateProperty().get())).isEqualTo(5_000L);
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass())).contains("theme-light");
    }

    @Test
    @Order(3)
    void aNarrowWindowShowsIconsOnlyAndF1ListsTheShortcuts() throws Exception {
        await(Duration.ofSeconds(5), () -> onFx(() -> view().toolbarCompact()), "compact toolbar at 1000 px");
        onFx(() -> io.pulseboard.ui.fx.SceneShots.write(
                stage.getScene(), Path.of("target", "ui-shots").toAbsolutePath().resolve("dashboard-1000px.png")));
        onFx(() -> {
            stage.setWidth(1600);
            return null;
        });
        await(Duration.ofSeconds(5), () -> onFx(() -> !view().toolbarCompact()), "labels back at 1600 px");

        robot.push(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> view().shortcutHelpShown())).isTrue();
        // For a look at the overlay: target/ui-shots/shortcut-help.png (not compared).
        onFx(() -> io.pulseboard.ui.fx.SceneShots.write(
                stage.getScene(), Path.of("target", "ui-shots").toAbsolutePath().resolve("shortcut-help.png")));
        List<String> listed = onFx(() -> robot.lookup("#shortcutList .label").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .toList());
        assertThat(listed)
                .contains(
                        DashboardShortcut.PAUSE.description(),
                        DashboardShortcut.FULL_SCREEN.description(),
                        DashboardShortcut.BUSINESS.description());
        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> view().shortcutHelpShown())).isFalse();
    }

    @Test
    @Order(4)
    void aCorruptPreferencesFileIsNamedWithTheFixAndTheDefaultsAreUsed() throws Exception {
        FxToolkit.cleanupApplication(app);
        app = null;
        Path file = settings.resolve("preferences.json");
        Files.writeString(file, "{\"theme\": \"light\", ");

        app = FxToolkit.setupApplication(io.pulseboard.PulseboardApp.class);
        WaitForAsyncUtils.waitForFxEvents();

        String notice = onFx(
                () -> robot.lookup("#preferencesNotice").queryAs(Label.class).getText());
        assertThat(notice)
                .startsWith("The preferences file " + file + " is not valid (")
                .contains("Pulseboard started with the defaults and kept the file as " + file + ".corrupt-")
                .endsWith(": fix it and move it back, or delete it.");
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass())).contains("theme-dark");
        try (var kept = Files.list(settings)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("preferences.json.corrupt-"));
        }
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> zoneBox() {
        return (ComboBox<String>) robot.lookup("#zoneChoice").queryAs(ComboBox.class);
    }

    private void awaitDashboard() throws Exception {
        await(
                Duration.ofSeconds(120),
                () -> PulseboardAppAccess.dashboardModel(app).isPresent(),
                "dashboard shown");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static DashboardViewModel vm() {
        return PulseboardAppAccess.dashboardModel(app).orElseThrow();
    }

    private static DashboardView view() {
        return PulseboardAppAccess.dashboard(app).orElseThrow();
    }
}
