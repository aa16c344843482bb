package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.AppDirectories.Os;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisServerConfigTest {

    @Test
    void inAppDataUsesTheRedisDirectoryAndPrefersAnInstalledRedis() {
        AppDirectories directories = AppDirectories.of(Os.LINUX, Map.of(), Path.of("/home/ann"));

        RedisServerConfig config = RedisServerConfig.inAppData(directories);

        assertThat(config.dataDir()).isEqualTo(Path.of("/home/ann/.local/share/pulseboard/redis"));
        assertThat(config.preference()).isEqualTo(BinaryPreference.PATH_FIRST);
        assertThat(config.startTimeout()).isEqualTo(RedisServerConfig.DEFAULT_START_TIMEOUT);
    }

    @Test
    void copiesChangeOneSetting() {
        RedisServerConfig config = RedisServerConfig.inDirectory(Path.of("/data/redis"))
                .withPreference(BinaryPreference.BUNDLED_ONLY)
                .withStartTimeout(Duration.ofSeconds(3))
                .withPort(16379);

        assertThat(config)
                .isEqualTo(new RedisServerConfig(
                        Path.of("/data/redis"), BinaryPreference.BUNDLED_ONLY, Duration.ofSeconds(3), 16379));
    }

    @Test
    void rejectsANonPositiveStartTimeout() {
        RedisServerConfig config = RedisServerConfig.inDirectory(Path.of("/data/redis"));

        assertThatThrownBy(() -> config.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> config.withPreference(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> config.withPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 0 (a free one) to 65535, was 65536");
    }
}
