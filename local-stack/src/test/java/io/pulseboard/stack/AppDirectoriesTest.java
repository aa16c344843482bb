package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.AppDirectories.Os;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {
    private static final Path HOME = Path.of("/home/ann");

    @Test
    void linuxUsesXdgDataHomeWhenSet() {
        AppDirectories dirs = AppDirectories.of(Os.LINUX, Map.of("XDG_DATA_HOME", "/data/ann"), HOME);

        assertThat(dirs.dataHome()).isEqualTo(Path.of("/data/ann/pulseboard"));
        assertThat(dirs.kafkaDataDir()).isEqualTo(Path.of("/data/ann/pulseboard/kafka"));
        assertThat(dirs.redisDataDir()).isEqualTo(Path.of("/data/ann/pulseboard/redis"));
        assertThat(dirs.clickhouseDataDir()).isEqualTo(Path.of("/data/ann/pulseboard/clickhouse"));
        assertThat(dirs.postgresDataDir()).isEqualTo(Path.of("/data/ann/pulseboard/postgres"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgDataHomeIsUnsetOrEmpty() {
        Path expected = Path.of("/home/ann/.local/share/pulseboard/kafka");

        assertThat(AppDirectories.of(Os.LINUX, Map.of(), HOME).kafkaDataDir()).isEqualTo(expected);
        assertThat(AppDirectories.of(Os.LINUX, Map.of("XDG_DATA_HOME", " "), HOME)
                        .kafkaDataDir())
                .isEqualTo(expected);
    }

    @Test
    void linuxIgnoresRelativeXdgDataHomeAsTheSpecRequires() {
        AppDirectories dirs = AppDirectories.of(Os.LINUX, Map.of("XDG_DATA_HOME", "relative/data"), HOME);

        assertThat(dirs.kafkaDataDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/kafka"));
    }

    @Test
    void macUsesApplicationSupport() {
        AppDirectories dirs = AppDirectories.of(Os.MAC, Map.of("XDG_DATA_HOME", "/ignored"), Path.of("/Users/ann"));

        assertThat(dirs.kafkaDataDir())
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/Pulseboard/Data/kafka"));
    }

    @Test
    void windowsUsesLocalAppData() {
        String localAppData = "C:\\Users\\ann\\AppData\\Local";
        AppDirectories dirs = AppDirectories.of(Os.WINDOWS, Map.of("LOCALAPPDATA", localAppData), HOME);

        assertThat(dirs.kafkaDataDir()).isEqualTo(Path.of(localAppData, "Pulseboard", "kafka"));
    }

    @Test
    void windowsFallsBackToAppDataLocalUnderHomeWhenLocalAppDataIsUnset() {
        AppDirectories dirs = AppDirectories.of(Os.WINDOWS, Map.of(), HOME);

        assertThat(dirs.kafkaDataDir()).isEqualTo(HOME.resolve("AppData/Local/Pulseboard/kafka"));
    }

    @Test
    void recognisesOsNames() {
        assertThat(Os.fromOsName("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.fromOsName("Mac OS X")).isEqualTo(Os.MAC);
        assertThat(Os.fromOsName("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.fromOsName("FreeBSD")).isEqualTo(Os.LINUX);
    }

    @Test
    void detectsThisMachineUnderTheUsersHomeOrXdgDataHome() {
        Path kafkaDataDir = AppDirectories.detect().kafkaDataDir();

        assertThat(kafkaDataDir).isAbsolute().hasFileName("kafka");
    }

    @Test
    void linuxLogsGoToXdgStateHomeElseLocalState() {
        assertThat(AppDirectories.of(Os.LINUX, Map.of("XDG_STATE_HOME", "/state/ann"), HOME)
                        .logDir())
                .isEqualTo(Path.of("/state/ann/pulseboard"));
        assertThat(AppDirectories.of(Os.LINUX, Map.of(), HOME).logDir())
                .isEqualTo(Path.of("/home/ann/.local/state/pulseboard"));
        assertThat(AppDirectories.of(Os.LINUX, Map.of("XDG_STATE_HOME", "relative"), HOME)
                        .logDir())
                .isEqualTo(Path.of("/home/ann/.local/state/pulseboard"));
    }

    @Test
    void macLogsGoToLibraryLogs() {
        assertThat(AppDirectories.of(Os.MAC, Map.of(), Path.of("/Users/ann")).logDir())
                .isEqualTo(Path.of("/Users/ann/Library/Logs/Pulseboard"));
    }

    @Test
    void windowsLogsGoToLocalAppDataPulseboardLogs() {
        String localAppData = "C:\\Users\\ann\\AppData\\Local";
        assertThat(AppDirectories.of(Os.WINDOWS, Map.of("LOCALAPPDATA", localAppData), HOME)
                        .logDir())
                .isEqualTo(Path.of(localAppData, "Pulseboard", "Logs"));
    }

    @Test
    void movedDataTakesTheLogAlong() {
        assertThat(AppDirectories.at(Path.of("/portable/pulseboard")).logDir())
                .isEqualTo(Path.of("/portable/pulseboard/logs"));
    }
}
