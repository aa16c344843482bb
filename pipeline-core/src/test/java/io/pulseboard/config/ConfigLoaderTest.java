package io.pulseboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void resolvesDefaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Path file = dir.resolve("pulseboard.properties");
        Files.writeString(
                file,
                "pulseboard.generator.rate=100\npulseboard.generator.seed=5\npulseboard.window.grace=10s\n"
                        + "pulseboard.kafka.client.security.protocol=SSL\n");

        PulseboardConfig config = ConfigLoader.load(
                Optional.of(file),
                Map.of("PULSEBOARD_GENERATOR_RATE", "200", "PULSEBOARD_GENERATOR_SEED", "6"),
                Map.of("pulseboard.generator.rate", "300"));

        assertThat(config.generator().eventsPerSecond()).isEqualTo(300);
        assertThat(config.generator().seed()).isEqualTo(6);
        assertThat(config.topology().grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.generator().customers()).isEqualTo(5000);
        assertThat(config.kafka().clientOverrides()).containsEntry("security.protocol", "SSL");
        assertThat(config.kafka().toStreamsProperties().getProperty("security.protocol"))
                .isEqualTo("SSL");
        assertThat(config.kafka().processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void aModesDefaultsReplaceTheBuiltInOnesAndLoseToFileEnvironmentAndCommandLine() throws Exception {
        Map<String, String> mode = Map.of("pulseboard.kafka.commit-interval", "25ms", "pulseboard.generator.rate", "7");
        Path file = dir.resolve("mode.properties");
        Files.writeString(file, "pulseboard.generator.rate=100\n");

        PulseboardConfig modeOnly = ConfigLoader.load(Optional.empty(), Map.of(), mode, Map.of());
        PulseboardConfig overridden = ConfigLoader.load(
                Optional.of(file),
                Map.of("PULSEBOARD_KAFKA_COMMIT_INTERVAL", "80ms"),
                mode,
                Map.of("pulseboard.generator.seed", "3"));
        PulseboardConfig commandLine = ConfigLoader.load(
                Optional.empty(), Map.of(), mode, Map.of("pulseboard.kafka.commit-interval", "200ms"));

        assertThat(ConfigLoader.defaults().kafka().commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(modeOnly.kafka().commitInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(modeOnly.generator().eventsPerSecond()).isEqualTo(7);
        assertThat(overridden.kafka().commitInterval()).isEqualTo(Duration.ofMillis(80));
        assertThat(overridden.generator().eventsPerSecond()).isEqualTo(100);
        assertThat(commandLine.kafka().commitInterval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void refusesACommitIntervalUnderAMillisecondNamingTheKeyAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of("PULSEBOARD_KAFKA_COMMIT_INTERVAL", "0ms"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.commit-interval")
                .hasMessageContaining("use 1ms or more");
    }

    @Test
    void namesTheKeyTheSourceAndTheFixOfAnUnparseableValue() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of("PULSEBOARD_GENERATOR_RATE", "fast"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.generator.rate")
                .hasMessageContaining("'fast'")
                .hasMessageContaining("environment variable PULSEBOARD_GENERATOR_RATE")
                .hasMessageContaining("expected a whole number of events per second");
    }

    @Test
    void namesTheKeyAndTheFixOfAnOutOfRangeValue() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.kafka.processing-guarantee", "exactly_once")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.processing-guarantee")
                .hasMessageContaining("use exactly_once_v2 (default) or at_least_once")
                .hasMessageContaining("from command line");
    }

    @Test
    void rejectsAnUnknownKeyAndListsTheKnownOnes() {
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("pulseboard.generator.speed", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration key 'pulseboard.generator.speed'")
                .hasMessageContaining("pulseboard.generator.rate");
    }

    @Test
    void acceptsIsoDurationsToo() {
        PulseboardConfig config =
                ConfigLoader.load(Optional.empty(), Map.of(), Map.of("pulseboard.window.grace", "PT45S"));
        assertThat(config.topology().grace()).isEqualTo(Duration.ofSeconds(45));
    }
}
