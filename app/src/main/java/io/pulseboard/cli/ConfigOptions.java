package io.pulseboard.cli;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.ModeDefaults;
import io.pulseboard.config.PulseboardConfig;
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

    PulseboardConfig load(Map<String, String> commandLineKeys) {
        return load(ModeDefaults.none(), commandLineKeys);
    }

    /** With defaults of the command's mode, which the file, environment and command line override. */
    PulseboardConfig load(ModeDefaults modeDefaults, Map<String, String> commandLineKeys) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(commandLineKeys);
        return ConfigLoader.load(Optional.ofNullable(file), System.getenv(), modeDefaults, merged);
    }

    Optional<Duration> duration() {
        return Optional.ofNullable(durationSeconds).map(Duration::ofSeconds);
    }
}
