package io.pulseboard.cli;

import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.service.SnapshotTable;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStackFactory;
import io.pulseboard.startup.LocalDemoSession;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pulseboard demo}: local stack + topology + generator, with a live table in the terminal. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start an in-JVM Kafka, Redis, the metrics pipeline and a synthetic event generator, and print "
                + "live per-region metrics and pipeline health every second. Ctrl-C stops everything.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", description = "Generator rate (default 2000).")
    Integer rate;

    @Option(names = "--seed", description = "Generator seed; the same seed gives the same events (default 42).")
    Long seed;

    @Option(
            names = "--history",
            paramLabel = "STORE",
            description = "History store: duckdb (embedded file, default) or clickhouse (starts the system "
                    + "clickhouse-server; Debian package clickhouse-server).")
    String history;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        AppDirectories directories = AppDirectories.detect();
        long started = System.nanoTime();
        try (ShutdownSignal signal = ShutdownSignal.install();
                LocalDemoSession session = new LocalDemoSession(
                        options.load(LocalDemoSession.EMBEDDED_KEY_DEFAULTS, withHistory(demoKeys(rate, seed))),
                        LocalStackFactory.inAppData(directories),
                        directories,
                        Clock.systemUTC(),
                        (part, state, message) -> printPart(out, part, state, message))) {
            session.start();
            PipelineRuntime runtime = session.runtime().orElseThrow();
            DemoGenerator generator = session.generator().orElseThrow();
            out.printf(
                    Locale.ROOT,
                    "Local demo up in %.1f s. Kafka at %s, Redis at %s. Ctrl-C stops everything.%n%n",
                    (System.nanoTime() - started) / 1e9,
                    session.endpoints().orElseThrow().kafkaBootstrap(),
                    session.endpoints().orElseThrow().redisUri().orElse("(not running)"));
            AtomicBoolean firstMetric = new AtomicBoolean();
            AutoCloseable firstMetricProbe = runtime.feed().subscribe(s -> {
                if (!s.trailingWindowByRegion().isEmpty() && firstMetric.compareAndSet(false, true)) {
                    out.printf(Locale.ROOT, "First metric %.1f s after process start%n", secondsSinceProcessStart());
                }
            });
            AutoCloseable printer = runtime.feed()
                    .subscribe(s -> out.print(SnapshotTable.render(s) + generatorLine(generator.stats()) + "\n"));
            signal.await(options.duration());
            printer.close();
            firstMetricProbe.close();
            out.println("Stopping: generator, pipeline, stack...");
        }
        out.println("Stopped cleanly.");
        return 0;
    }

    /** One line per step of a part, with the seconds since process start once the part is under way. */
    private static void printPart(PrintStream out, SessionPart part, PartState state, String message) {
        if (state == PartState.WAITING) {
            out.printf("[%-9s] %-8s%n", part.label(), state);
        } else {
            out.printf(
                    Locale.ROOT, "[%-9s] %-8s %5.1f s  %s%n", part.label(), state, secondsSinceProcessStart(), message);
        }
    }

    /**
     * Seconds since the operating system started this process (JVM start-up included), the measure
     * of the cold start ({@code bench/ColdStart} reads the first-metric line); NaN where the OS does
     * not tell.
     */
    static double secondsSinceProcessStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    /** The keys the demo sets on top of the user's configuration. */
    public static Map<String, String> demoKeys(Integer rate, Long seed) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.application-id", "pulseboard-demo");
        if (rate != null) {
            keys.put("pulseboard.generator.rate", rate.toString());
        }
        if (seed != null) {
            keys.put("pulseboard.generator.seed", seed.toString());
        }
        return keys;
    }

    private Map<String, String> withHistory(Map<String, String> keys) {
        if (history != null) {
            keys.put("pulseboard.history.store", history);
        }
        return keys;
    }

    private static String generatorLine(DemoGenerator.GeneratorStats g) {
        return String.format(
                Locale.ROOT,
                "generator %,d/s target | %,d events (%,d sales) | acked %,d | failed %,d%s%n",
                g.targetRate(),
                g.generated(),
                g.sales(),
                g.producer().acked(),
                g.producer().failed(),
                g.producer().lastError() == null
                        ? ""
                        : " | last error: " + g.producer().lastError());
    }
}
