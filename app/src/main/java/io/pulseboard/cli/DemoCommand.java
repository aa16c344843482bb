package io.pulseboard.cli;

import io.pulseboard.bench.ColdStartSignal;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.service.SnapshotTable;
import io.pulseboard.session.LocalDemoSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.stack.AppDirectories;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
        description =
                "Start an in-JVM Kafka, Redis, PostgreSQL with the demo's reference data, the metrics pipeline and a"
                        + " synthetic event generator, and print "
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

    @Option(
            names = "--first-metric-file",
            paramLabel = "FILE",
            hidden = true,
            description = "For tools (the bench's cold start): once the first metric reaches the feed, write the "
                    + "seconds since process start to FILE.")
    Path firstMetricFile;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SessionFactory sessions = new SessionFactory(AppDirectories.detect(), System.getenv(), Clock.systemUTC());
        long started = System.nanoTime();
        try (ShutdownSignal signal = ShutdownSignal.install();
                LocalDemoSession session = sessions.localDemo(options.source(keys()), new ProgressPrinter(out))) {
            session.start();
            PipelineRuntime runtime = session.runtime();
            DemoGenerator generator = session.generator().orElseThrow();
            out.printf(
                    Locale.ROOT,
                    "Local demo up in %.1f s as application %s. Kafka at %s, Redis at %s, PostgreSQL at %s."
                            + " Ctrl-C stops everything.%n%n",
                    (System.nanoTime() - started) / 1e9,
                    session.config().kafka().applicationId(),
                    session.endpoints().kafkaBootstrap(),
                    session.endpoints().redisAddress().orElse("(not running)"),
                    session.endpoints()
                            .postgres()
                            .map(p -> p.jdbcUrl().substring("jdbc:".length()))
                            .orElse("(not running)"));
            AtomicBoolean firstMetric = new AtomicBoolean();
            AutoCloseable firstMetricProbe = runtime.feed().subscribe(s -> {
                if (!s.trailingWindowByRegion().isEmpty() && firstMetric.compareAndSet(false, true)) {
                    onFirstMetric(out);
                }
            });
            AutoCloseable printer = runtime.feed()
                    .subscribe(
                            Duration.ofSeconds(1),
                            s -> out.print(SnapshotTable.render(s) + generatorLine(generator.stats()) + "\n"));
            signal.await(options.duration());
            printer.close();
            firstMetricProbe.close();
            out.println("Stopping: generator, pipeline, stack...");
        }
        out.println("Stopped cleanly.");
        return 0;
    }

    private void onFirstMetric(PrintStream out) {
        double seconds = ColdStartSignal.secondsSinceProcessStart();
        out.printf(Locale.ROOT, "First metric %.1f s after process start%n", seconds);
        if (firstMetricFile != null) {
            try {
                ColdStartSignal.write(firstMetricFile, seconds);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the first-metric file " + firstMetricFile, e);
            }
        }
    }

    /** The keys this command's own options set. */
    private Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        if (rate != null) {
            keys.put("pulseboard.generator.rate", rate.toString());
        }
        if (seed != null) {
            keys.put("pulseboard.generator.seed", seed.toString());
        }
        if (history != null) {
            keys.put("pulseboard.history.store", history);
        }
        return keys;
    }

    private static String generatorLine(DemoGenerator.GeneratorStats g) {
        return String.format(
                Locale.ROOT,
                "generator %,d/s target | %,d events (%,d sales) | acked %,d | failed %,d%s%s%n",
                g.targetRate(),
                g.generated(),
                g.sales(),
                g.producer().acked(),
                g.producer().failed(),
                g.producer().lastError() == null
                        ? ""
                        : " | last error: " + g.producer().lastError(),
                g.shortfall() == null ? "" : System.lineSeparator() + "WARNING: " + g.shortfall());
    }
}
