package io.pulseboard.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.AppDirectories.Os;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseServerConfigTest {

    @Test
    void inAppDataKeepsEverythingInTheClickHouseDirectoryAndLooksForAnInstalledBinary() {
        AppDirectories dirs = AppDirectories.of(Os.LINUX, Map.of(), Path.of("/home/ann"));

        ClickHouseServerConfig config = ClickHouseServerConfig.inAppData(dirs);

        assertThat(config.dataDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/clickhouse"));
        assertThat(config.binary()).isEmpty();
        assertThat(config.startTimeout()).isEqualTo(ClickHouseServerConfig.DEFAULT_START_TIMEOUT);
    }

    @Test
    void withersChangeOnlyTheirSetting() {
        ClickHouseServerConfig config = ClickHouseServerConfig.inDirectory(Path.of("/tmp/ch"))
                .withBinary(Path.of("/opt/clickhouse/bin/clickhouse"))
                .withStartTimeout(Duration.ofSeconds(5));

        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/ch"));
        assertThat(config.binary()).contains(Path.of("/opt/clickhouse/bin/clickhouse"));
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsANonPositiveStartTimeout() {
        ClickHouseServerConfig config = ClickHouseServerConfig.inDirectory(Path.of("/tmp/ch"));

        assertThatThrownBy(() -> config.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeout");
    }
}
