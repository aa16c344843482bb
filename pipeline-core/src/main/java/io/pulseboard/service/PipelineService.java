package io.pulseboard.service;

import io.pulseboard.config.ConfigException;
import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The headless service: runs the metrics topology against an existing Kafka until stopped. Many
 * machines running it with the same application id form one Kafka Streams application.
 *
 * <p>Usage: {@code java -cp ... io.pulseboard.service.PipelineService [--config FILE] [key=value ...]}
 * with the keys of {@link ConfigLoader}, e.g. {@code pulseboard.kafka.bootstrap-servers=host:9092}.
 */
public final class PipelineService {

    private PipelineService() {}

    public static void main(String[] args) throws InterruptedException {
        Optional<Path> file = Optional.empty();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Optional.of(Path.of(args[++i]));
            } else if (args[i].contains("=")) {
                overrides.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
            } else {
                System.err.println("Unknown argument '" + args[i] + "'. Usage: [--config FILE] [key=value ...]");
                System.exit(2);
            }
        }
        try {
            PulseboardConfig config = ConfigLoader.load(file, System.getenv(), overrides);
            System.exit(run(config, Optional.empty(), System.out));
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs the pipeline and prints a table every second until the JVM is asked to stop or {@code
     * duration} passes. Returns the process exit code. Opens the configured history store and closes
     * it after the runtime.
     */
    public static int run(PulseboardConfig config, Optional<Duration> duration, PrintStream out)
            throws InterruptedException {
        // A null resource is skipped on close: no history store configured.
        try (ShutdownSignal signal = ShutdownSignal.install();
                HistoryStore history = HistoryStores.open(config.history()).orElse(null);
                PipelineRuntime runtime = new PipelineRuntime(
                        config,
                        new Json(),
                        Clock.systemUTC(),
                        Optional.ofNullable(history),
                        referenceDatabase(config))) {
            runtime.start();
            out.println("Pipeline started against " + config.kafka().bootstrapServers() + " as application "
                    + config.kafka().applicationId() + ". Ctrl-C stops it.");
            AutoCloseable printer =
                    runtime.feed().subscribe(Duration.ofSeconds(1), s -> out.print(SnapshotTable.render(s) + "\n"));
            signal.await(duration);
            closeQuietly(printer);
            return runtime.state().name().equals("ERROR") ? 1 : 0;
        }
    }

    static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot remove a feed subscription", e);
        }
    }

    /** The configured reference database, its schema migrated; empty when none is configured. */
    private static Optional<PostgresConnection> referenceDatabase(PulseboardConfig config) {
        return config.postgres().url().map(url -> {
            PostgresConnection connection = new PostgresConnection(
                    url, config.postgres().user(), config.postgres().password());
            ReferenceSchema.migrate(connection);
            return connection;
        });
    }
}
