package io.pulseboard.cli;

import io.pulseboard.session.SessionFactory.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every command shares: a config file, key=value overrides, and a run duration for scripts. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with pulseboard.* keys.")
    Path file;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Override one key, e.g. -D pulseboard.window.grace=60s (wins over file and environment).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds, 1 or more (default: run until Ctrl-C).",
            converter = PositiveSeconds.class)
    Long durationSeconds;

    /** Refuses 0 and negative durations while parsing, so picocli names the option in its message. */
    static final class PositiveSeconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long seconds;
            try {
                seconds = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a whole number of seconds; give 1 or more, e.g. --duration 60");
            }
            if (seconds < 1) {
                throw new TypeConversionException("'" + value
                        + "' seconds would stop before starting; give 1 or more, e.g. --duration 60, or leave the"
                        + " option out to run until Ctrl-C");
            }
            return seconds;
        }
    }

    /**
     * @param commandKeys keys set by the command's own options (e.g. {@code --rate}); they win over
     *     {@code -D}, which wins over the file and the environment
     */
    ConfigSource source(Map<String, String> commandKeys) {
        return source(Map.of(), commandKeys);
    }

    /**
     * @param harnessKeys keys a harness sets for its own run (the bench's application id, grace, ...);
     *     {@code -D} wins over them
     * @param commandKeys keys set by the command's own options; they win over {@code -D}
     */
    ConfigSource source(Map<String, String> harnessKeys, Map<String, String> commandKeys) {
        Map<String, String> merged = new LinkedHashMap<>(harnessKeys);
        merged.putAll(overrides);
        merged.putAll(commandKeys);
        return new ConfigSource(Optional.ofNullable(file), merged);
    }

    Optional<Duration> duration() {
        return Optional.ofNullable(durationSeconds).map(Duration::ofSeconds);
    }
}
