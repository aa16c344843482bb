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

    private static final ModeDefaults MODE = ModeDefaults.named("local demo")
            .applicationId("pulseboard-demo")
            .commitInterval(Duration.ofMillis(25))
            .clientDefault("fetch.max.wait.ms", "50")
            .clientDefault("retry.backoff.ms", "20");

    @Test
    void aModesValuesReplaceTheBuiltInDefaultsAsTheyWereGiven() {
        Path state = dir.resolve("demo-state");
        Path history = dir.resolve("history.duckdb");
        PulseboardConfig builtIn = ConfigLoader.defaults();

        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                MODE.stateDir(state).historyStore(HistoryConfig.Kind.DUCKDB).duckDbFile(history),
                Map.of());

        assertThat(builtIn.kafka().applicationId()).isEqualTo("pulseboard-metrics");
        assertThat(builtIn.kafka().commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.kafka().applicationId()).isEqualTo("pulseboard-demo");
        assertThat(config.kafka().commitInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(config.kafka().stateDir()).isEqualTo(state);
        assertThat(config.history().kind()).isEqualTo(HistoryConfig.Kind.DUCKDB);
        assertThat(config.history().duckdbFile()).contains(history);
        assertThat(config.kafka().clientOverrides())
                .containsEntry("fetch.max.wait.ms", "50")
                .containsEntry("retry.backoff.ms", "20");
        assertThat(config.generator().eventsPerSecond())
                .as("keys the mode leaves alone keep their built-in default")
                .isEqualTo(builtIn.generator().eventsPerSecond());
    }

    @Test
    void theFileBeatsAModesValues() throws Exception {
        Path file = dir.resolve("mode.properties");
        Files.writeString(
                file,
                "pulseboard.kafka.application-id=from-file\npulseboard.kafka.commit-interval=70ms\n"
                        + "pulseboard.kafka.client.fetch.max.wait.ms=300\n");

        KafkaConfig kafka =
                ConfigLoader.load(Optional.of(file), Map.of(), MODE, Map.of()).kafka();

        assertThat(kafka.applicationId()).isEqualTo("from-file");
        assertThat(kafka.commitInterval()).isEqualTo(Duration.ofMillis(70));
        assertThat(kafka.clientOverrides())
                .containsEntry("fetch.max.wait.ms", "300")
                .as("the mode's other client defaults are kept")
                .containsEntry("retry.backoff.ms", "20");
    }

    @Test
    void theEnvironmentBeatsAModesValues() {
        KafkaConfig kafka = ConfigLoader.load(
                        Optional.empty(),
                        Map.of(
                                "PULSEBOARD_KAFKA_APPLICATION_ID",
                                "from-env",
                                "PULSEBOARD_KAFKA_COMMIT_INTERVAL",
                                "80ms"),
                        MODE,
                        Map.of())
                .kafka();

        assertThat(kafka.applicationId()).isEqualTo("from-env");
        assertThat(kafka.commitInterval()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void theCommandLineBeatsAModesValuesAndItsClientDefaultsReachEveryClient() {
        KafkaConfig kafka = ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        MODE,
                        Map.of(
                                "pulseboard.kafka.application-id",
                                "from-command-line",
                                "pulseboard.kafka.commit-interval",
                                "200ms",
                                ConfigLoader.CLIENT_PREFIX + "fetch.max.wait.ms",
                                "300"))
                .kafka();

        assertThat(kafka.applicationId()).isEqualTo("from-command-line");
        assertThat(kafka.commitInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(kafka.toConsumerProperties("g").getProperty("fetch.max.wait.ms"))
                .isEqualTo("300");
        assertThat(kafka.toStreamsProperties().getProperty("retry.backoff.ms")).isEqualTo("20");
        assertThat(kafka.toProducerProperties(ConfigLoader.defaults().producer())
                        .getProperty("retry.backoff.ms"))
                .isEqualTo("20");
    }

    @Test
    void aBadCommandLineValueOverAModesValueNamesTheKeyItsOriginAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), MODE, Map.of("pulseboard.kafka.commit-interval", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.commit-interval")
                .hasMessageContaining("'soon'")
                .hasMessageContaining("from command line")
                .hasMessageContaining("expected a duration such as 100ms");
    }

    @Test
    void aBadValueOfAModeNamesTheKeyTheModeAndTheFix() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), MODE.commitInterval(Duration.ZERO), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pulseboard.kafka.commit-interval")
                .hasMessageContaining("use 1ms or more")
                .hasMessageContaining("from default of the local demo");
    }

    @Test
    void aModesClientDefaultIsAKafkaPropertyNotAPulseboardKey() {
        assertThatThrownBy(() -> MODE.clientDefault(ConfigLoader.CLIENT_PREFIX + "fetch.max.wait.ms", "50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local demo")
                .hasMessageContaining("fetch.max.wait.ms");
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

    @Test
    void aMissingConfigFileSaysNoSuchFileWithThePathAndTheFix() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config file " + missing.toAbsolutePath()
                        + ": no such file. Fix the path given to --config, or remove the option to run with"
                        + " the defaults.");
    }

    @Test
    void aBadUnicodeEscapeNamesTheFileTheLineAndTheFix() throws Exception {
        Path file = dir.resolve("windows.properties");
        Files.writeString(
                file,
                "pulseboard.generator.rate=100\n# a comment may say C:\\users\n"
                        + "pulseboard.history.duckdb.file=C:\\users\\me\\history.duckdb\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config file " + file.toAbsolutePath()
                        + ", line 3: malformed \\uxxxx escape. In a properties file a backslash starts an"
                        + " escape and \\u must be followed by four hex digits; write a literal backslash as"
                        + " \\\\ (e.g. C:\\\\Users\\\\me) or use forward slashes.");
    }

    @Test
    void aMisspeltKafkaClientPropertyNamesTheKeyItsOriginAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.kafka.client.fetch.max.wiat.ms", "50")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown Kafka client property 'fetch.max.wiat.ms' in key"
                        + " 'pulseboard.kafka.client.fetch.max.wiat.ms' (from command line): check the spelling"
                        + " against the Kafka client documentation (producer, consumer, admin and Streams configs,"
                        + " which Streams also takes prefixed with main.consumer., restore.consumer.,"
                        + " global.consumer., consumer., producer., admin. or topic.).");
    }

    @Test
    void aKafkaPropertyUnderAStreamsPrefixMustBeARealClientProperty() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("pulseboard.kafka.client.restore.consumer.fetch.max.wait", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unknown Kafka client property 'restore.consumer.fetch.max.wait' in key");
    }

    @Test
    void acceptsEveryKindOfRealKafkaClientProperty() {
        Map<String, String> properties = Map.of(
                "security.protocol", "SSL",
                "sasl.mechanism", "PLAIN",
                "ssl.endpoint.identification.algorithm", "",
                "default.api.timeout.ms", "5000",
                "request.timeout.ms", "5000",
                "fetch.max.wait.ms", "50",
                "restore.consumer.fetch.max.wait.ms", "10",
                "retry.backoff.ms", "20",
                "group.instance.id", "pulseboard-1",
                "topic.min.insync.replicas", "1");
        Map<String, String> commandLine = new java.util.HashMap<>();
        properties.forEach((k, v) -> commandLine.put(ConfigLoader.CLIENT_PREFIX + k, v));
        commandLine.put(ConfigLoader.CLIENT_PREFIX + "num.standby.replicas", "0");
        commandLine.put(ConfigLoader.CLIENT_PREFIX + "producer.acks", "all");
        commandLine.put(ConfigLoader.CLIENT_PREFIX + "main.consumer.max.poll.records", "500");

        PulseboardConfig config = ConfigLoader.load(Optional.empty(), Map.of(), commandLine);

        assertThat(config.kafka().clientOverrides()).containsAllEntriesOf(properties);
    }

    @Test
    void aModesMisspeltClientDefaultNamesTheMode() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), MODE.clientDefault("retry.backof.ms", "20"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unknown Kafka client property 'retry.backof.ms' in key"
                        + " 'pulseboard.kafka.client.retry.backof.ms' (from default of the local demo): check the"
                        + " spelling");
    }

    @Test
    void aMisspeltEnvironmentVariableNamesItAndTheClosestKnownOne() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of("PULSEBOARD_GENERATOR_RATES", "100", "PATH", "/bin"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown environment variable PULSEBOARD_GENERATOR_RATES: no pulseboard.* key reads"
                        + " it. Did you mean PULSEBOARD_GENERATOR_RATE? A key's variable is the key upper-cased"
                        + " with dots and dashes as underscores (pulseboard.generator.rate is"
                        + " PULSEBOARD_GENERATOR_RATE; the keys are listed in the README); the launcher also reads"
                        + " PULSEBOARD_CDS, PULSEBOARD_DATA_HOME, PULSEBOARD_JAVA_OPTS, PULSEBOARD_LOG. Rename or"
                        + " unset PULSEBOARD_GENERATOR_RATES.");
    }

    @Test
    void anEnvironmentVariableFarFromEveryKeyGetsNoGuess() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PULSEBOARD_THEME", "dark"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "Unknown environment variable PULSEBOARD_THEME: no pulseboard.* key reads it. A key's");
    }

    @Test
    void aKafkaClientPropertyFromTheEnvironmentSaysWhereToSetItInstead() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of("PULSEBOARD_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Environment variable PULSEBOARD_KAFKA_CLIENT_SECURITY_PROTOCOL is not read: Kafka"
                        + " client properties (pulseboard.kafka.client.*) come from the config file or the command"
                        + " line only. Set it with --config FILE or -D pulseboard.kafka.client.<property>=VALUE,"
                        + " and unset PULSEBOARD_KAFKA_CLIENT_SECURITY_PROTOCOL.");
    }

    @Test
    void theLaunchersOwnVariablesAreNotKeysButAreAccepted() {
        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(
                        "PULSEBOARD_DATA_HOME", "/tmp/x",
                        "PULSEBOARD_LOG", "debug",
                        "PULSEBOARD_CDS", "off",
                        "PULSEBOARD_JAVA_OPTS", "-Xmx1g",
                        "PULSEBOARD_GENERATOR_RATE", "7"),
                Map.of());
        assertThat(config.generator().eventsPerSecond()).isEqualTo(7);
    }

    @Test
    void theStacksPortsAreUnsetByDefaultAndLayeredLikeEveryKey() throws Exception {
        Path file = dir.resolve("stack.properties");
        Files.writeString(file, "pulseboard.stack.kafka-port=19092\npulseboard.stack.redis-port=16379\n");

        assertThat(ConfigLoader.defaults().stack()).isEqualTo(StackConfig.DEFAULTS);
        PulseboardConfig config = ConfigLoader.load(
                Optional.of(file),
                Map.of("PULSEBOARD_STACK_KAFKA_CONTROLLER_PORT", "19093", "PULSEBOARD_STACK_REDIS_PORT", "16380"),
                Map.of("pulseboard.stack.kafka-port", "19094"));

        assertThat(config.stack()).isEqualTo(new StackConfig(19094, 19093, 16380));
    }

    @Test
    void aStackPortOutOfRangeNamesTheKeyItsOriginAndTheFix() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(Optional.empty(), Map.of(), Map.of("pulseboard.stack.kafka-port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '70000' for pulseboard.stack.kafka-port (from command line): expected a"
                        + " port from 1 to 65535, or empty to let the local stack choose (Kafka: the port stored in"
                        + " its data folder, else a free one; Redis: a free one). Default: none");
        assertThatThrownBy(
                        () -> ConfigLoader.load(Optional.empty(), Map.of("PULSEBOARD_STACK_REDIS_PORT", "0"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value '0' for pulseboard.stack.redis-port (from environment"
                        + " variable PULSEBOARD_STACK_REDIS_PORT): expected a port from 1 to 65535");
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.stack.kafka-controller-port", "kafka")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value 'kafka' for pulseboard.stack.kafka-controller-port");
    }

    @Test
    void twoStackServersOnOnePortNameBothKeys() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of("pulseboard.stack.kafka-port", "19092", "pulseboard.stack.redis-port", "19092")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pulseboard.stack.kafka-port and pulseboard.stack.redis-port are both 19092: each server"
                        + " needs a port of its own; change one of them (value '19092' from command line)");
    }

    @Test
    void aBadRedisUriWithAPasswordIsNamedButItsPasswordIsNotEchoed() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.redis.uri", "http://u:secret@h:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pulseboard.redis.uri is 'http://u:***@h:1': use redis://host:port or rediss://host:port"
                        + " (value 'http://u:***@h:1' from command line)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMalformedRedisUriIsRefusedByTheConfigWithItsPasswordMasked() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(), Map.of("pulseboard.redis.uri", "redis://:secret@bad host:6379")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pulseboard.redis.uri is 'redis://:***@bad host:6379': not a valid URI")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aBadClickHouseUrlWithAPasswordIsShownMasked() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(),
                        Map.of(),
                        Map.of(
                                "pulseboard.history.store", "clickhouse",
                                "pulseboard.history.clickhouse.url", "ftp://admin:hunter2@ch:8123")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'ftp://admin:***@ch:8123'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aGoodRedisUriKeepsItsPasswordForTheClientButNotInToString() {
        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(), Map.of("PULSEBOARD_REDIS_URI", "redis://:s3cret@127.0.0.1:6379"), Map.of());

        assertThat(config.redis().uri()).contains("redis://:s3cret@127.0.0.1:6379");
        assertThat(config.redis().toString())
                .contains("redis://:***@127.0.0.1:6379")
                .doesNotContain("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
