package io.pulseboard.session;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.ModeDefaults;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.config.StackConfig;
import io.pulseboard.probe.BootstrapReach;
import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.probe.LiveConnectionTester;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.stack.postgres.PostgresBinaryPreference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Assembles each mode's session from the configuration sources: the one place where a mode's
 * configuration is loaded (built-in defaults &lt; the mode's defaults &lt; file &lt; environment &lt;
 * command line) and its parts are chosen. The desktop app, every headless command and the bench
 * start their sessions here. Immutable and thread-safe.
 */
public final class SessionFactory {

    /**
     * Where a command's own configuration comes from.
     *
     * @param file a properties file ({@code --config}); empty for none
     * @param commandLine {@code -D key=value} pairs and the command's own options as keys; they win
     *     over everything else
     */
    public record ConfigSource(Optional<Path> file, Map<String, String> commandLine) {
        public ConfigSource {
            Objects.requireNonNull(file, "file");
            commandLine = Map.copyOf(commandLine);
        }

        /** @return no file and no command-line keys: what the desktop app starts with */
        public static ConfigSource none() {
            return new ConfigSource(Optional.empty(), Map.of());
        }
    }

    private final AppDirectories directories;
    private final Map<String, String> environment;
    private final Clock clock;
    private final ConnectionTester tester;

    /**
     * @param directories where the local modes keep their data
     * @param environment usually {@code System.getenv()}: {@code PULSEBOARD_*} variables
     * @param clock the clock of the generator and the pipeline
     */
    public SessionFactory(AppDirectories directories, Map<String, String> environment, Clock clock) {
        this(directories, environment, clock, new LiveConnectionTester());
    }

    /**
     * @param tester what a remote profile's start checks first ({@link Preflight#connectionTest}): the
     *     connect screen's "Test connection"
     */
    public SessionFactory(
            AppDirectories directories, Map<String, String> environment, Clock clock, ConnectionTester tester) {
        this.directories = Objects.requireNonNull(directories, "directories");
        this.environment = Map.copyOf(environment);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tester = Objects.requireNonNull(tester, "tester");
    }

    /** @return the local demo's defaults, with its data in this factory's directories */
    public LocalDemoConfig localDemoDefaults() {
        return LocalDemoConfig.in(directories);
    }

    /** @return the local demo's configuration before the stack's endpoints are known */
    public PulseboardConfig localDemoConfig(ConfigSource source) {
        return load(source, localDemoDefaults().modeDefaults());
    }

    /** The local demo: stack, history, topology and generator on this machine. */
    public LocalDemoSession localDemo(ConfigSource source, SessionListener listener) {
        PulseboardConfig config = localDemoConfig(source);
        return new LocalDemoSession(config, stacks(config.stack()), clock, listener);
    }

    /** The local stack alone, with the pipeline's topics, for clients outside this process. */
    public LocalStackSession localStack(ConfigSource source, SessionListener listener) {
        PulseboardConfig config = load(source, ModeDefaults.none());
        return new LocalStackSession(config, stacks(config.stack()), listener);
    }

    /**
     * The pipeline against a Kafka named by the configuration ({@code pulseboard pipeline}).
     *
     * @param name how the cluster is named in the title, e.g. its bootstrap servers
     */
    public RemoteSession pipeline(String name, ConfigSource source, SessionListener listener) {
        return pipeline(name, source, BootstrapReach.DEFAULT_TIMEOUT, listener);
    }

    /**
     * {@link #pipeline(String, ConfigSource, SessionListener)} that waits at most {@code reachTimeout} for
     * an unreachable Kafka (e.g. a {@code --duration} shorter than {@link BootstrapReach#DEFAULT_TIMEOUT}).
     */
    public RemoteSession pipeline(String name, ConfigSource source, Duration reachTimeout, SessionListener listener) {
        return new RemoteSession(name, load(source, ModeDefaults.none()), clock, listener, reachTimeout, "--bootstrap");
    }

    /**
     * The pipeline against a saved connection profile (the desktop app's remote mode). Its start first
     * runs the connection test ({@link Preflight#connectionTest}), so that Connect fails in seconds
     * with the same cause as "Test connection".
     *
     * @param password the SASL password, empty when the profile needs none; never logged
     */
    public RemoteSession remote(ConnectionProfile profile, String password, SessionListener listener) {
        return remote(profile, password, "", listener);
    }

    /**
     * As {@link #remote(ConnectionProfile, String, SessionListener)}, with the password of the profile's
     * PostgreSQL (the reference data), empty when it has none; never logged.
     */
    public RemoteSession remote(
            ConnectionProfile profile, String password, String postgresPassword, SessionListener listener) {
        createDataHome(); // the Streams state below it
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.bootstrap-servers", profile.bootstrapServers());
        keys.put("pulseboard.kafka.application-id", "pulseboard-app");
        keys.put(
                "pulseboard.kafka.state-dir",
                directories.dataHome().resolve("streams-remote").toString());
        profile.redisUri().ifPresent(uri -> keys.put("pulseboard.redis.uri", uri));
        profile.postgresUrl().ifPresent(url -> {
            keys.put("pulseboard.postgres.url", url);
            keys.put("pulseboard.postgres.user", profile.postgresUser().orElse(""));
            keys.put("pulseboard.postgres.password", postgresPassword);
        });
        ConnectionTester.kafkaClientOverrides(profile, password)
                .forEach((k, v) -> keys.put(ConfigLoader.CLIENT_PREFIX + k, v));
        return new RemoteSession(
                profile.name(),
                load(new ConfigSource(Optional.empty(), keys), ModeDefaults.none()),
                clock,
                listener,
                Preflight.connectionTest(tester, profile, password, postgresPassword));
    }

    /** The session for what the user chose on the first screen. */
    public PipelineSession forChoice(SessionChoice choice, SessionListener listener) {
        if (choice instanceof SessionChoice.Remote remote) {
            return remote(remote.profile(), remote.password(), remote.postgresPassword(), listener);
        }
        return localDemo(ConfigSource.none(), listener);
    }

    /**
     * The local stack in this factory's data folder, on the ports the configuration asks for; the data
     * folder is created owner-only first, so that nothing the stack, Streams or the history store puts in
     * it is readable by other users, whatever the umask.
     */
    private LocalStackFactory stacks(StackConfig stack) {
        createDataHome();
        return LocalStackFactory.inAppData(directories)
                .withPorts(stack.kafkaPort(), stack.kafkaControllerPort(), stack.redisPort())
                .withPostgresBinaries(
                        stack.postgresBinaries().equals("bundled")
                                ? PostgresBinaryPreference.BUNDLED_ONLY
                                : PostgresBinaryPreference.INSTALLED_FIRST);
    }

    private void createDataHome() {
        Path dataHome = directories.dataHome();
        try {
            OwnerOnlyFiles.createDirectories(dataHome);
        } catch (IOException e) {
            throw new StackException(
                    "Cannot create the data folder " + dataHome + " (owner-only): " + e + ". Fix the permissions"
                            + " of its parent, or move it with " + AppDirectories.DATA_HOME_ENV,
                    e);
        }
    }

    private PulseboardConfig load(ConfigSource source, ModeDefaults mode) {
        return ConfigLoader.load(source.file(), environment, mode, source.commandLine());
    }
}
