package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresServerConfigTest {

    @Test
    void defaultsPreferInstalledBinariesAFreePortAndThirtySeconds() {
        PostgresServerConfig config = PostgresServerConfig.inAppData(AppDirectories.at(Path.of("/data/pulseboard")));

        assertThat(config)
                .isEqualTo(new PostgresServerConfig(
                        Path.of("/data/pulseboard/postgres"),
                        PostgresBinaryPreference.INSTALLED_FIRST,
                        Duration.ofSeconds(30),
                        0));
        assertThat(config.withPreference(PostgresBinaryPreference.BUNDLED_ONLY).preference())
                .isEqualTo(PostgresBinaryPreference.BUNDLED_ONLY);
        assertThat(config.withPort(5433).port()).isEqualTo(5433);
        assertThat(config.withStartTimeout(Duration.ofSeconds(5)).startTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesANonPositiveTimeoutAndAPortOutOfRange() {
        PostgresServerConfig config = PostgresServerConfig.inDirectory(Path.of("pg"));

        assertThatThrownBy(() -> config.withStartTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> config.withPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 0 (a free one) to 65535, was 65536");
        assertThatThrownBy(() -> config.withPreference(null)).isInstanceOf(NullPointerException.class);
    }
}
