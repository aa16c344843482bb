package io.pulseboard.cli;

import io.pulseboard.session.SessionFactory.ConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

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
            description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
    Long durationSeconds;

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
