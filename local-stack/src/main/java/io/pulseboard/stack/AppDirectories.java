package io.pulseboard.stack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Pulseboard keeps its data on this machine, following each OS's convention:
 *
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/pulseboard}, or {@code ~/.local/share/pulseboard}
 *       when {@code XDG_DATA_HOME} is unset, empty or relative (the XDG Base Directory spec says to
 *       ignore relative values);
 *   <li>macOS: {@code ~/Library/Application Support/Pulseboard/Data}: the app's settings are its sibling
 *       {@code .../Pulseboard/Settings}, so deleting the data never deletes saved profiles;
 *   <li>Windows: {@code %LOCALAPPDATA%\Pulseboard}, or {@code ~\AppData\Local\Pulseboard} when the
 *       variable is unset. Local, not roaming: a Kafka log must not be synced between machines.
 * </ul>
 *
 * <p>The log has a directory of its own, the OS's place for an app's logs and state, apart from the data
 * (deleting the data keeps the log of what went wrong): {@code $XDG_STATE_HOME/pulseboard} or {@code
 * ~/.local/state/pulseboard} on Linux, {@code ~/Library/Logs/Pulseboard} on macOS, {@code
 * %LOCALAPPDATA%\Pulseboard\Logs} on Windows. When the data is moved ({@value #DATA_HOME_PROPERTY}, {@link
 * #at}) the log moves with it, to {@code <data>/logs}: a portable install or a test keeps everything in one
 * place.
 *
 * <p>Only computes paths; creates nothing ({@link OwnerOnlyFiles} creates them owner-only). Immutable and
 * thread-safe.
 */
public final class AppDirectories {
    /** System property that moves all of Pulseboard's data (tests, portable installs). */
    public static final String DATA_HOME_PROPERTY = "pulseboard.data.home";

    /** Environment variable with the same effect; the system property wins. */
    public static final String DATA_HOME_ENV = "PULSEBOARD_DATA_HOME";

    /** The operating-system families whose conventions differ. */
    public enum Os {
        LINUX,
        MAC,
        WINDOWS;

        /**
         * @param osName the {@code os.name} system property; never null
         * @return the family; any OS that is neither Windows nor macOS is treated as Linux (XDG)
         */
        public static Os fromOsName(String osName) {
            String name = osName.toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MAC;
            }
            return LINUX;
        }
    }

    private final Path dataHome;
    private final Path logDir;

    private AppDirectories(Path dataHome, Path logDir) {
        this.dataHome = dataHome;
        this.logDir = logDir;
    }

    /**
     * Resolves the directories of the running JVM from {@code os.name}, {@code user.home} and the
     * environment; {@value #DATA_HOME_PROPERTY} (or {@value #DATA_HOME_ENV}) overrides the result.
     *
     * @return the directories of this machine; never null
     */
    public static AppDirectories detect() {
        String override = System.getProperty(DATA_HOME_PROPERTY, System.getenv(DATA_HOME_ENV));
        if (override != null && !override.isBlank()) {
            return at(Path.of(override));
        }
        return of(
                Os.fromOsName(System.getProperty("os.name", "")),
                System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * @param dataHome the root of Pulseboard's data (a bench's or a test's own directory); never null
     * @return the directories with everything under {@code dataHome}
     */
    public static AppDirectories at(Path dataHome) {
        Path absolute = Objects.requireNonNull(dataHome, "dataHome").toAbsolutePath();
        return new AppDirectories(absolute, absolute.resolve("logs"));
    }

    /**
     * Resolves the directories for a given OS, environment and home directory (for tests and for
     * tools that compute another machine's layout).
     *
     * @param os the OS family; never null
     * @param env environment variables; never null
     * @param userHome the user's home directory; never null
     * @return the directories; never null
     */
    public static AppDirectories of(Os os, Map<String, String> env, Path userHome) {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
        Path dataHome = switch (os) {
            case LINUX ->
                absolute(env.get("XDG_DATA_HOME"))
                        .orElse(userHome.resolve(".local").resolve("share"))
                        .resolve("pulseboard");
            case MAC ->
                userHome.resolve("Library")
                        .resolve("Application Support")
                        .resolve("Pulseboard")
                        .resolve("Data");
            case WINDOWS ->
                nonBlank(env.get("LOCALAPPDATA"))
                        .orElse(userHome.resolve("AppData").resolve("Local"))
                        .resolve("Pulseboard");
        };
        Path logDir = switch (os) {
            case LINUX ->
                absolute(env.get("XDG_STATE_HOME"))
                        .orElse(userHome.resolve(".local").resolve("state"))
                        .resolve("pulseboard");
            case MAC -> userHome.resolve("Library").resolve("Logs").resolve("Pulseboard");
            case WINDOWS ->
                nonBlank(env.get("LOCALAPPDATA"))
                        .orElse(userHome.resolve("AppData").resolve("Local"))
                        .resolve("Pulseboard")
                        .resolve("Logs");
        };
        return new AppDirectories(dataHome, logDir);
    }

    /** @return the root of Pulseboard's data, e.g. {@code ~/.local/share/pulseboard}; never null */
    public Path dataHome() {
        return dataHome;
    }

    /**
     * @return the directory of Pulseboard's own log ({@code pulseboard.log}), e.g. {@code
     *     ~/.local/state/pulseboard}; never null
     */
    public Path logDir() {
        return logDir;
    }

    /** @return the directory of the embedded Kafka broker's logs and metadata; never null */
    public Path kafkaDataDir() {
        return dataHome.resolve("kafka");
    }

    /**
     * @return the directory of the child-process Redis server: its log, its working directory and the
     *     extracted bundled binary; never null
     */
    public Path redisDataDir() {
        return dataHome.resolve("redis");
    }

    /**
     * @return the directory of the child-process ClickHouse server: its generated configuration, its
     *     data and its logs; never null
     */
    public Path clickhouseDataDir() {
        return dataHome.resolve("clickhouse");
    }

    /**
     * @return the directory of the child-process PostgreSQL server: its password file, console log, pid
     *     file and, when this JVM does not run as root, its cluster and the unpacked bundled binaries (see
     *     {@code PostgresServerProcess} for where they go under root); never null
     */
    public Path postgresDataDir() {
        return dataHome.resolve("postgres");
    }

    private static Optional<Path> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static Optional<Path> absolute(String value) {
        return nonBlank(value).filter(Path::isAbsolute);
    }

    @Override
    public String toString() {
        return "AppDirectories[" + dataHome + ", log " + logDir + "]";
    }
}
