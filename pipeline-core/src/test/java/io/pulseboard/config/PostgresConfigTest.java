package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

    @Test
    void readsTheDatabaseFromTheEnvironmentAndNeverShowsThePassword() {
        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(
                        "PULSEBOARD_POSTGRES_URL", "jdbc:postgresql://db:5432/pulseboard",
                        "PULSEBOARD_POSTGRES_PASSWORD", "s3cret-pw"),
                Map.of());

        assertThat(config.postgres().url()).contains("jdbc:postgresql://db:5432/pulseboard");
        assertThat(config.postgres().user()).isEqualTo("pulseboard");
        assertThat(config.postgres().password()).isEqualTo("s3cret-pw");
        assertThat(config.postgres().toString()).doesNotContain("s3cret-pw").contains("***");
        assertThat(config.toString()).doesNotContain("s3cret-pw");
        assertThat(ConfigLoader.defaults().postgres().url()).isEmpty();
    }

    @Test
    void aUrlOfAnotherKindNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.postgres.url", "postgres://db/pulseboard")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.postgres.url is 'postgres://db/pulseboard'")
                .hasMessageContaining("use jdbc:postgresql://HOST:PORT/DATABASE");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("pulseboard.postgres.url", "jdbc:postgresql://db/pb?password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.postgres.password")
                .message()
                .doesNotContain("hunter2");
    }
}
