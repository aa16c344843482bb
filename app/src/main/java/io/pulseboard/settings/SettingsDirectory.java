package io.pulseboard.settings;

import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Pulseboard keeps the user's settings (connection profiles, stored passwords), following each
 * OS's convention:
 *
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/pulseboard}, or {@code ~/.config/pulseboard}
 *       when {@code XDG_CONFIG_HOME} is unset, empty or relative (the XDG Base Directory spec says to
 *       ignore relative values);
 *   <li>macOS: {@code ~/Library/Application Support/Pulseboard/Settings} (Apple puts preferences
 *       files of their own format in {@code ~/Library/Preferences}; app-managed files go to
 *       Application Support), beside the data's {@code .../Pulseboard/Data};
 *   <li>Windows: {@code %APPDATA%\Pulseboard}, or {@code ~\AppData\Roaming\Pulseboard} when the
 *       variable is unset. Roaming, unlike the data directory: profiles follow the user.
 * </ul>
 *
 * <p>The data directory ({@link AppDirectories}) is separate: deleting Kafka's data must not delete
 * the user's profiles. The system property {@value #PROPERTY} moves it (a portable install, a test).
 * Only computes a path; creates nothing. Immutable and thread-safe.
 */
public final class SettingsDirectory {

    /** System property naming the settings directory; wins over the OS convention. */
    public static final String PROPERTY = "pulseboard.settings.dir";

    private final Path path;

    private SettingsDirectory(Path path) {
        this.path = path;
    }

    /**
     * Resolves the directory of the running JVM from {@value #PROPERTY} if set, else from {@code
     * os.name}, {@code user.home} and the environment.
     *
     * @return the settings directory of this machine; never null
     */
    public static SettingsDirectory detect() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return new SettingsDirectory(Path.of(override.strip()).toAbsolutePath());
        }
        return of(
                AppDirectories.Os.fromOsName(System.getProperty("os.name", "")),
                System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * Resolves the directory for a given OS, environment and home directory (for tests).
     *
     * @param os the OS family; never null
     * @param env environment variables; never null
     * @param userHome the user's home directory; never null
     * @return the settings directory; never null
     */
    public static SettingsDirectory of(AppDirectories.Os os, Map<String, String> env, Path userHome) {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
        Path path = switch (os) {
            case LINUX ->
                nonBlank(env.get("XDG_CONFIG_HOME"))
                        .filter(Path::isAbsolute)
                        .orElse(userHome.resolve(".config"))
                        .resolve("pulseboard");
            case MAC ->
                userHome.resolve("Library")
                        .resolve("Application Support")
                        .resolve("Pulseboard")
                        .resolve("Settings");
            case WINDOWS ->
                nonBlank(env.get("APPDATA"))
                        .orElse(userHome.resolve("AppData").resolve("Roaming"))
                        .resolve("Pulseboard");
        };
        return new SettingsDirectory(path);
    }

    /** @return the directory, e.g. {@code ~/.config/pulseboard}; it may not exist yet; never null */
    public Path path() {
        return path;
    }

    private static Optional<Path> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    @Override
    public String toString() {
        return "SettingsDirectory[" + path + "]";
    }
}
