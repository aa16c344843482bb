package io.pulseboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.AppDirectories.Os;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDirectoryTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesXdgConfigHome() {
        assertThat(SettingsDirectory.of(Os.LINUX, Map.of("XDG_CONFIG_HOME", "/cfg"), HOME)
                        .path())
                .isEqualTo(Path.of("/cfg/pulseboard"));
    }

    @Test
    void linuxFallsBackToDotConfigWhenXdgIsUnsetBlankOrRelative() {
        Path expected = HOME.resolve(".config").resolve("pulseboard");
        assertThat(SettingsDirectory.of(Os.LINUX, Map.of(), HOME).path()).isEqualTo(expected);
        assertThat(SettingsDirectory.of(Os.LINUX, Map.of("XDG_CONFIG_HOME", " "), HOME)
                        .path())
                .isEqualTo(expected);
        assertThat(SettingsDirectory.of(Os.LINUX, Map.of("XDG_CONFIG_HOME", "rel/cfg"), HOME)
                        .path())
                .isEqualTo(expected);
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(SettingsDirectory.of(Os.MAC, Map.of("XDG_CONFIG_HOME", "/cfg"), HOME)
                        .path())
                .isEqualTo(HOME.resolve("Library")
                        .resolve("Application Support")
                        .resolve("Pulseboard")
                        .resolve("Settings"));
    }

    /** "Delete the data directory to start from scratch" must never delete saved profiles and passwords. */
    @Test
    void settingsAndDataNeverShareOrNestAFolderOnAnyOs() {
        Map<String, String> unset = Map.of();
        Map<String, String> set = Map.of(
                "XDG_CONFIG_HOME", "/home/ada/.cfg",
                "XDG_DATA_HOME", "/home/ada/.data",
                "APPDATA", "/home/ada/AppData/Roaming",
                "LOCALAPPDATA", "/home/ada/AppData/Local");
        for (Os os : Os.values()) {
            for (Map<String, String> env : List.of(unset, set)) {
                Path settings = SettingsDirectory.of(os, env, HOME).path();
                Path data = AppDirectories.of(os, env, HOME).dataHome();

                assertThat(settings).as(os + " " + env).isNotEqualTo(data);
                assertThat(settings.startsWith(data))
                        .as(os + ": settings inside the data")
                        .isFalse();
                assertThat(data.startsWith(settings))
                        .as(os + ": data inside the settings")
                        .isFalse();
            }
        }
    }

    @Test
    void windowsUsesRoamingAppData() {
        assertThat(SettingsDirectory.of(Os.WINDOWS, Map.of("APPDATA", "/roaming"), HOME)
                        .path())
                .isEqualTo(Path.of("/roaming").resolve("Pulseboard"));
        assertThat(SettingsDirectory.of(Os.WINDOWS, Map.of(), HOME).path())
                .isEqualTo(HOME.resolve("AppData").resolve("Roaming").resolve("Pulseboard"));
    }
}
