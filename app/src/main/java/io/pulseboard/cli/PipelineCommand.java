package io.pulseboard.cli;

import io.pulseboard.probe.BootstrapReach;
import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.service.SnapshotTable;
import io.pulseboard.session.RemoteSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.stack.AppDirectories;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the metrics topology against an existing Kafka, with no generator. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Run the metrics pipeline against an existing Kafka (no generator) and print live metrics.")
public final class PipelineCommand implements Callable<Integer> {

    @Option(
            names = {"-b", "--bootstrap"},
            paramLabel = "HOST:PORT",
            required = true,
            description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(
            names = "--redis",
            paramLabel = "URI",
            description = "Redis for live metrics, e.g. redis://127.0.0.1:6379. Give a URI with a password"
                    + " (redis://:PASSWORD@host:port) in PULSEBOARD_REDIS_URI instead: ps shows arguments to every"
                    + " user.")
    String redis;

    @Option(names = "--application-id", description = "Kafka Streams application id (same id on every machine).")
    String applicationId;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.bootstrap-servers", bootstrap);
        if (redis != null) {
            keys.put("pulseboard.redis.uri", redis);
        }
        if (applicationId != null) {
            keys.put("pulseboard.kafka.application-id", applicationId);
        }
        PrintStream out = System.out;
        SessionFactory sessions = new SessionFactory(AppDirectories.detect(), System.getenv(), Clock.systemUTC());
        try (ShutdownSignal signal = ShutdownSignal.install();
                RemoteSession session =
                        sessions.pipeline(bootstrap, options.source(keys), reachTimeout(), new ProgressPrinter(out))) {
            session.start();
            out.println("Pipeline started against " + bootstrap + " as application "
                    + session.config().kafka().applicationId() + ". Ctrl-C stops it.");
            try (AutoCloseable printer =
                    session.feed().subscribe(Duration.ofSeconds(1), s -> out.print(SnapshotTable.render(s) + "\n"))) {
                signal.await(options.duration());
            }
            return session.runtime().state() == KafkaStreams.State.ERROR ? 1 : 0;
        }
    }

    /** An unreachable Kafka fails after 10 s, or after {@code --duration} if that is shorter. */
    private Duration reachTimeout() {
        return options.duration()
                .filter(d -> d.compareTo(BootstrapReach.DEFAULT_TIMEOUT) < 0)
                .orElse(BootstrapReach.DEFAULT_TIMEOUT);
    }
}
