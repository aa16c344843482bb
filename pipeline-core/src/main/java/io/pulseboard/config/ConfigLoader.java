package io.pulseboard.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves configuration from defaults &lt; a mode's defaults ({@link ModeDefaults}, e.g. the local
 * demo's) &lt; properties file &lt; environment &lt; command line into validated records. An unknown
 * key or a bad value fails here, at start, with the key, where the value came from and how to fix
 * it. A mode's values are typed and reach the records as given; the other layers are text, parsed
 * here.
 *
 * <p>Environment variables are the keys upper-cased with dots and dashes turned into underscores:
 * {@code pulseboard.generator.rate} is {@code PULSEBOARD_GENERATOR_RATE}. Kafka client properties
 * pass through as {@code pulseboard.kafka.client.<kafka property>} (file and command line only). Any
 * other {@code PULSEBOARD_*} variable, except the launcher's own ({@link EnvironmentNames#OTHER_VARIABLES}),
 * fails as a likely typo.
 */
public final class ConfigLoader {

    public static final String CLIENT_PREFIX = "pulseboard.kafka.client.";

    /** Every known key with its default and the hint shown when a value is wrong. */
    public static final Map<String, String[]> KEYS = keys();

    private static final String STACK_PORT_HINT =
            "a port from 1 to 65535, or empty to let the local stack choose (Kafka: the port stored in its data"
                    + " folder, else a free one; Redis: a free one)";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** The winning value of each key so far. */
    private final Map<String, Setting> settings = new HashMap<>();

    /**
     * One key's value: {@code text} as given (or, for a typed value, as shown in messages) and
     * {@code typed}, a mode's typed value, null for text from the other layers.
     */
    private record Setting(String text, Object typed, String origin) {}

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("pulseboard.kafka.bootstrap-servers", new String[] {"localhost:9092", "host:port[,host:port]"});
        k.put("pulseboard.kafka.application-id", new String[] {"pulseboard-metrics", "a Kafka Streams application id"});
        k.put(
                "pulseboard.kafka.processing-guarantee",
                new String[] {"exactly_once_v2", "exactly_once_v2 or at_least_once"});
        k.put("pulseboard.kafka.stream-threads", new String[] {"1", "a whole number of threads, 1 or more"});
        k.put("pulseboard.kafka.commit-interval", new String[] {"100ms", "a duration such as 100ms, 30s, 5m, 24h"});
        k.put("pulseboard.kafka.cache-max-bytes", new String[] {"10485760", "a whole number of bytes"});
        k.put("pulseboard.kafka.rocksdb-memory-bytes", new String[] {
            String.valueOf(KafkaConfig.DEFAULT_ROCKSDB_MEMORY_BYTES),
            "a whole number of bytes, at least 8388608 (8 MiB)"
        });
        k.put("pulseboard.kafka.state-dir", new String[] {defaultStateDir(), "a writable directory path"});
        k.put("pulseboard.kafka.partitions", new String[] {"3", "a whole number of partitions, 1 or more"});
        k.put("pulseboard.window.grace", new String[] {"30s", "a duration such as 30s"});
        k.put("pulseboard.window.retention", new String[] {"24h", "a duration such as 24h"});
        k.put("pulseboard.events.max-future-skew", new String[] {"5m", "a duration such as 5m"});
        k.put("pulseboard.events.currency", new String[] {"USD", "an ISO-4217 code such as USD"});
        k.put("pulseboard.producer.compression", new String[] {"lz4", "none, gzip, snappy, lz4 or zstd"});
        k.put("pulseboard.producer.linger", new String[] {"20ms", "a duration such as 20ms"});
        k.put("pulseboard.producer.batch-bytes", new String[] {"262144", "a whole number of bytes, at least 1024"});
        k.put("pulseboard.producer.delivery-timeout", new String[] {"120s", "a duration such as 120s"});
        k.put("pulseboard.redis.uri", new String[] {"", "redis://host:port, or empty for no Redis"});
        k.put("pulseboard.redis.ttl", new String[] {"24h", "a duration such as 24h"});
        k.put("pulseboard.redis.retention", new String[] {"24h", "a duration such as 24h"});
        k.put(
                "pulseboard.redis.buffer-entries",
                new String[] {"50000", "a whole number of pending writes, at least 1000"});
        k.put("pulseboard.redis.batch-size", new String[] {"2000", "a whole number of writes per flush"});
        k.put("pulseboard.stack.postgres-binaries", new String[] {"installed", "installed or bundled"});
        k.put("pulseboard.postgres.url", new String[] {
            "", "jdbc:postgresql://HOST:PORT/DATABASE, or empty for no reference data (the local demo brings its own)"
        });
        k.put("pulseboard.postgres.user", new String[] {"pulseboard", "a database user name"});
        k.put("pulseboard.postgres.password", new String[] {"", "the user's password (use PULSEBOARD_POSTGRES_PASSWORD)"
        });
        k.put("pulseboard.history.store", new String[] {"none", "none, duckdb or clickhouse"});
        k.put("pulseboard.history.duckdb.file", new String[] {"", "a file path, e.g. /data/history.duckdb"});
        k.put("pulseboard.history.clickhouse.url", new String[] {"", "an HTTP endpoint, e.g. http://127.0.0.1:8123"});
        k.put("pulseboard.history.clickhouse.database", new String[] {"pulseboard", "a database name"});
        k.put("pulseboard.history.batch-size", new String[] {"5000", "a whole number of events per batch"});
        k.put("pulseboard.history.flush-interval", new String[] {"1s", "a duration such as 1s"});
        k.put("pulseboard.history.retention", new String[] {"30d", "a duration such as 30d"});
        k.put("pulseboard.generator.rate", new String[] {"2000", "a whole number of events per second"});
        k.put("pulseboard.generator.seed", new String[] {"42", "a whole number"});
        k.put("pulseboard.generator.customers", new String[] {"5000", "a whole number of customers"});
        for (String port : new String[] {"kafka-port", "kafka-controller-port", "redis-port"}) {
            k.put("pulseboard.stack." + port, new String[] {"", STACK_PORT_HINT});
        }
        return Map.copyOf(k);
    }

    private static String defaultStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "pulseboard-streams-" + System.getProperty("user.name"))
                .toString();
    }

    private ConfigLoader() {}

    /**
     * @param file optional properties file
     * @param environment usually {@code System.getenv()}
     * @param commandLine key=value pairs given on the command line
     */
    public static PulseboardConfig load(
            Optional<Path> file, Map<String, String> environment, Map<String, String> commandLine) {
        return load(file, environment, ModeDefaults.none(), commandLine);
    }

    /**
     * @param file optional properties file
     * @param environment usually {@code System.getenv()}
     * @param mode defaults of one way of running (e.g. the local demo) that replace the built-in
     *     ones; the file, the environment and the command line still win over them
     * @param commandLine key=value pairs given on the command line
     * @throws ConfigException naming the key, where its value came from and the fix
     */
    public static PulseboardConfig load(
            Optional<Path> file, Map<String, String> environment, ModeDefaults mode, Map<String, String> commandLine) {
        ConfigLoader loader = new ConfigLoader();
        KEYS.forEach((key, spec) -> loader.put(key, spec[0], "default"));
        mode.values().forEach((key, value) -> loader.putTyped(key, value, mode.origin()));
        mode.clientDefaults()
                .forEach((property, value) -> loader.putChecked(CLIENT_PREFIX + property, value, mode.origin()));
        file.ifPresent(loader::readFile);
        EnvironmentNames.check(environment, KEYS.keySet());
        for (String key : KEYS.keySet()) {
            String env = envName(key);
            if (environment.containsKey(env)) {
                loader.put(key, environment.get(env), "environment variable " + env);
            }
        }
        commandLine.forEach((key, value) -> loader.putChecked(key, value, "command line"));
        return loader.build();
    }

    /** Defaults only: what a test or a fresh install runs with. */
    public static PulseboardConfig defaults() {
        return load(Optional.empty(), Map.of(), Map.of());
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IllegalArgumentException e) {
            // Properties says only "Malformed \\uxxxx encoding."; a Windows path (C:\\users) is the usual cause.
            throw new ConfigException(
                    "Config file " + path.toAbsolutePath() + badEscapeLine(path)
                            + ": malformed \\uxxxx escape. In a properties file a backslash starts an escape and"
                            + " \\u must be followed by four hex digits; write a literal backslash as \\\\"
                            + " (e.g. C:\\\\Users\\\\me) or use forward slashes.",
                    e);
        } catch (NoSuchFileException e) {
            // The exception's message is only the path: say what is wrong instead.
            throw new ConfigException(
                    "Config file " + path.toAbsolutePath() + ": no such file. Fix the path given to --config,"
                            + " or remove the option to run with the defaults.",
                    e);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read config file " + path.toAbsolutePath() + ": " + e + ". Fix the path given to"
                            + " --config, or remove the option to run with the defaults.",
                    e);
        }
        props.stringPropertyNames().forEach(key -> putChecked(key, props.getProperty(key), "file " + path));
    }

    /**
     * ", line N" of the first {@code \\u} not followed by four hex digits, or "" if none is found.
     * Comment lines are skipped, as {@link Properties#load(Reader)} skips them.
     */
    private static String badEscapeLine(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
        boolean continued = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String start = line.stripLeading();
            boolean comment = !continued && (start.startsWith("#") || start.startsWith("!"));
            continued = false;
            for (int i = 0; !comment && i < line.length(); i++) {
                if (line.charAt(i) != '\\') {
                    continue;
                }
                if (i + 1 == line.length()) {
                    continued = true; // a backslash at the end joins the next line
                } else if (line.charAt(i + 1) == 'u' && !isHex4(line, i + 2)) {
                    return ", line " + (n + 1);
                } else {
                    i++; // the escaped character, e.g. the second of two backslashes
                }
            }
        }
        return "";
    }

    private static boolean isHex4(String text, int from) {
        if (from + 4 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void putChecked(String key, String value, String origin) {
        if (!KEYS.containsKey(key) && !key.startsWith(CLIENT_PREFIX)) {
            throw new ConfigException("Unknown configuration key '" + key + "' (from " + origin + "). Known keys: "
                    + new TreeMap<>(KEYS).keySet() + " and " + CLIENT_PREFIX + "*");
        }
        if (key.startsWith(CLIENT_PREFIX)) {
            checkClientProperty(key, origin);
        }
        put(key, value, origin);
    }

    private static void checkClientProperty(String key, String origin) {
        String property = key.substring(CLIENT_PREFIX.length());
        if (!KafkaClientProperties.isKnown(property)) {
            throw new ConfigException("Unknown Kafka client property '" + property + "' in key '" + key + "' (from "
                    + origin + "): check the spelling against the Kafka client documentation (producer,"
                    + " consumer, admin and Streams configs, which Streams also takes prefixed with "
                    + String.join(", ", KafkaClientProperties.STREAMS_CLIENT_PREFIXES) + " or topic.).");
        }
    }

    private void put(String key, String value, String origin) {
        settings.put(key, new Setting(value == null ? "" : value.trim(), null, origin));
    }

    private void putTyped(String key, Object value, String origin) {
        String shown = value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value.toString();
        settings.put(key, new Setting(shown, value, origin));
    }

    private PulseboardConfig build() {
        Map<String, String> clientOverrides = new HashMap<>();
        settings.forEach((key, setting) -> {
            if (key.startsWith(CLIENT_PREFIX)) {
                clientOverrides.put(key.substring(CLIENT_PREFIX.length()), setting.text());
            }
        });
        try {
            KafkaConfig kafka = new KafkaConfig(
                    string("pulseboard.kafka.bootstrap-servers"),
                    string("pulseboard.kafka.application-id"),
                    string("pulseboard.kafka.processing-guarantee"),
                    integer("pulseboard.kafka.stream-threads"),
                    duration("pulseboard.kafka.commit-interval"),
                    longValue("pulseboard.kafka.cache-max-bytes"),
                    longValue("pulseboard.kafka.rocksdb-memory-bytes"),
                    path("pulseboard.kafka.state-dir"),
                    clientOverrides);
            TopologyConfig topology = new TopologyConfig(
                    duration("pulseboard.window.grace"),
                    duration("pulseboard.window.retention"),
                    duration("pulseboard.events.max-future-skew"),
                    string("pulseboard.events.currency"),
                    integer("pulseboard.kafka.partitions"));
            ProducerSettings producer = new ProducerSettings(
                    string("pulseboard.producer.compression"),
                    duration("pulseboard.producer.linger"),
                    integer("pulseboard.producer.batch-bytes"),
                    duration("pulseboard.producer.delivery-timeout"));
            GeneratorConfig generator = new GeneratorConfig(
                    integer("pulseboard.generator.rate"),
                    longValue("pulseboard.generator.seed"),
                    integer("pulseboard.generator.customers"));
            RedisConfig redis = new RedisConfig(
                    Optional.of(string("pulseboard.redis.uri")),
                    duration("pulseboard.redis.ttl"),
                    duration("pulseboard.redis.retention"),
                    integer("pulseboard.redis.buffer-entries"),
                    integer("pulseboard.redis.batch-size"));
            HistoryConfig history = new HistoryConfig(
                    historyKind("pulseboard.history.store"),
                    optionalPath("pulseboard.history.duckdb.file"),
                    Optional.of(string("pulseboard.history.clickhouse.url")).filter(v -> !v.isBlank()),
                    string("pulseboard.history.clickhouse.database"),
                    integer("pulseboard.history.batch-size"),
                    duration("pulseboard.history.flush-interval"),
                    duration("pulseboard.history.retention"));
            StackConfig stack = new StackConfig(
                    port("pulseboard.stack.kafka-port"),
                    port("pulseboard.stack.kafka-controller-port"),
                    port("pulseboard.stack.redis-port"),
                    string("pulseboard.stack.postgres-binaries"));
            PostgresConfig postgres = new PostgresConfig(
                    Optional.of(string("pulseboard.postgres.url")),
                    string("pulseboard.postgres.user"),
                    string("pulseboard.postgres.password"));
            return new PulseboardConfig(kafka, topology, producer, generator, redis, history, stack, postgres);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + originNote(e.getMessage()), e);
        }
    }

    /**
     * Records validate themselves and name their key; add where the offending value came from, unless the
     * message already says it (the loader's own "Invalid value" messages do).
     */
    private String originNote(String message) {
        return KEYS.keySet().stream()
                .filter(message::contains)
                .findFirst()
                .filter(key -> !message.contains("(from " + settings.get(key).origin() + ")"))
                .map(key ->
                        " (value '" + text(key) + "' from " + settings.get(key).origin() + ")")
                .orElse("");
    }

    /** The mode's typed value of {@code key}, if that is where the value comes from. */
    private <T> Optional<T> typed(String key, Class<T> type) {
        Object typed = settings.get(key).typed();
        if (typed != null && !type.isInstance(typed)) {
            // ModeDefaults' setters fix each key's type: a mismatch is a bug here, not a user's error.
            throw new IllegalStateException(key + " needs a " + type.getSimpleName() + ", the "
                    + settings.get(key).origin() + " gave a " + typed.getClass().getSimpleName());
        }
        return Optional.ofNullable(typed).map(type::cast);
    }

    private String text(String key) {
        return settings.get(key).text();
    }

    private HistoryConfig.Kind historyKind(String key) {
        return typed(key, HistoryConfig.Kind.class).orElseGet(() -> {
            try {
                return HistoryConfig.Kind.valueOf(text(key).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(key);
            }
        });
    }

    private String string(String key) {
        return typed(key, String.class).orElseGet(() -> text(key));
    }

    private Path path(String key) {
        return typed(key, Path.class).orElseGet(() -> Path.of(text(key)));
    }

    /** Empty for an empty value. */
    private Optional<Path> optionalPath(String key) {
        return typed(key, Path.class)
                .or(() -> text(key).isBlank() ? Optional.empty() : Optional.of(Path.of(text(key))));
    }

    private int integer(String key) {
        long value = longValue(key);
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw invalid(key);
        }
        return (int) value;
    }

    /** 0 for an empty value (the stack chooses), else 1 to 65535. */
    private int port(String key) {
        if (text(key).isEmpty()) {
            return 0;
        }
        int port = integer(key);
        if (port < 1 || port > 65_535) {
            throw invalid(key);
        }
        return port;
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(text(key));
        } catch (NumberFormatException e) {
            throw invalid(key);
        }
    }

    private Duration duration(String key) {
        return typed(key, Duration.class).orElseGet(() -> parseDuration(key));
    }

    private Duration parseDuration(String key) {
        String text = text(key);
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw invalid(key);
        }
    }

    private ConfigException invalid(String key) {
        return new ConfigException("Invalid value '" + text(key) + "' for " + key + " (from "
                + settings.get(key).origin() + "): expected " + KEYS.get(key)[1] + ". Default: "
                + (KEYS.get(key)[0].isEmpty() ? "none" : KEYS.get(key)[0]));
    }
}
