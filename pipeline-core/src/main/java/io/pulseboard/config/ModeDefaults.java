package io.pulseboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The defaults of one way of running (e.g. the local demo), as typed values. {@link ConfigLoader}
 * applies them between its built-in defaults and the properties file, so the file, the environment
 * and the command line still win; a value set here reaches the config records as the value given
 * (a {@link Duration} stays a {@code Duration}), and an error about it names the key and "default of
 * the <i>name</i>".
 *
 * <pre>{@code
 * ModeDefaults.named("local demo")
 *         .commitInterval(Duration.ofMillis(25))
 *         .clientDefault("fetch.max.wait.ms", "50")
 * }</pre>
 *
 * <p>Immutable: every setter returns a copy, so a constant may be shared by any threads. Arguments
 * are never null.
 */
public final class ModeDefaults {

    private static final ModeDefaults NONE = new ModeDefaults("built-in defaults", Map.of(), Map.of());

    private final String name;
    /** Typed values by configuration key (e.g. {@code pulseboard.kafka.commit-interval}). */
    private final Map<String, Object> values;
    /** Kafka client properties by their Kafka name (without {@link ConfigLoader#CLIENT_PREFIX}). */
    private final Map<String, String> clientDefaults;

    private ModeDefaults(String name, Map<String, Object> values, Map<String, String> clientDefaults) {
        this.name = name;
        this.values = Map.copyOf(values);
        this.clientDefaults = Map.copyOf(clientDefaults);
    }

    /** No defaults of a mode: the built-in ones apply. */
    public static ModeDefaults none() {
        return NONE;
    }

    /**
     * @param name the mode as error messages name it, e.g. {@code local demo} gives "default of the
     *     local demo"
     * @return defaults of that mode, none set yet
     */
    public static ModeDefaults named(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a mode's defaults need a name for error messages, e.g. local demo");
        }
        return new ModeDefaults(name, Map.of(), Map.of());
    }

    /** The mode's name, as error messages give it. */
    public String name() {
        return name;
    }

    /** {@code pulseboard.kafka.application-id}: the Kafka Streams application id. */
    public ModeDefaults applicationId(String applicationId) {
        if (Objects.requireNonNull(applicationId, "applicationId").isBlank()) {
            throw new IllegalArgumentException("application id of the " + name + " is blank");
        }
        return with("pulseboard.kafka.application-id", applicationId);
    }

    /** {@code pulseboard.kafka.commit-interval}: the Kafka Streams commit interval. */
    public ModeDefaults commitInterval(Duration interval) {
        return with("pulseboard.kafka.commit-interval", Objects.requireNonNull(interval, "interval"));
    }

    /** {@code pulseboard.kafka.state-dir}: the directory of Kafka Streams' local state. */
    public ModeDefaults stateDir(Path dir) {
        return with("pulseboard.kafka.state-dir", Objects.requireNonNull(dir, "dir"));
    }

    /** {@code pulseboard.history.store}: which history store the mode uses. */
    public ModeDefaults historyStore(HistoryConfig.Kind kind) {
        return with("pulseboard.history.store", Objects.requireNonNull(kind, "kind"));
    }

    /** {@code pulseboard.history.duckdb.file}: the DuckDB file of the history. */
    public ModeDefaults duckDbFile(Path file) {
        return with("pulseboard.history.duckdb.file", Objects.requireNonNull(file, "file"));
    }

    /**
     * A Kafka client property for every client, as {@code pulseboard.kafka.client.<property>} would
     * set it; the user's own setting of that property (file or command line) wins.
     *
     * @param property the Kafka name, e.g. {@code fetch.max.wait.ms}
     */
    public ModeDefaults clientDefault(String property, String value) {
        Objects.requireNonNull(value, "value");
        if (Objects.requireNonNull(property, "property").isBlank() || property.startsWith("pulseboard.")) {
            throw new IllegalArgumentException("client default '" + property + "' of the " + name
                    + ": give the Kafka property name, e.g. fetch.max.wait.ms, without "
                    + ConfigLoader.CLIENT_PREFIX);
        }
        Map<String, String> copy = new LinkedHashMap<>(clientDefaults);
        copy.put(property, value);
        return new ModeDefaults(name, values, copy);
    }

    /** {@link #clientDefault} for each entry of {@code properties}. */
    public ModeDefaults clientDefaults(Map<String, String> properties) {
        ModeDefaults result = this;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            result = result.clientDefault(property.getKey(), property.getValue());
        }
        return result;
    }

    /** Typed values by configuration key; read by the loader. */
    Map<String, Object> values() {
        return values;
    }

    /** Kafka client properties by their Kafka name; read by the loader. */
    Map<String, String> clientDefaults() {
        return clientDefaults;
    }

    /** Where a value of this mode came from, as error messages say it. */
    String origin() {
        return "default of the " + name;
    }

    private ModeDefaults with(String key, Object value) {
        if (!ConfigLoader.KEYS.containsKey(key)) {
            throw new IllegalStateException("not a configuration key: " + key);
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new ModeDefaults(name, copy, clientDefaults);
    }

    @Override
    public String toString() {
        return "ModeDefaults[" + name + ": " + values + ", client " + clientDefaults + "]";
    }
}
