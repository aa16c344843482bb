package io.pulseboard.cli;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.service.SnapshotTable;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.LocalStackFactory;
import io.pulseboard.stack.StackEndpoints;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pulseboard demo}: local stack + topology + generator, with a live table in the terminal. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start an in-JVM Kafka, the metrics pipeline and a synthetic event generator, and print "
                + "live per-region metrics and pipeline health every second. Ctrl-C stops everything.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", description = "Generator rate (default 2000).")
    Integer rate;

    @Option(names = "--seed", description = "Generator seed; the same seed gives the same events (default 42).")
    Long seed;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.application-id", "pulseboard-demo");
        if (rate != null) {
            keys.put("pulseboard.generator.rate", rate.toString());
        }
        if (seed != null) {
            keys.put("pulseboard.generator.seed", seed.toString());
        }
        PulseboardConfig loaded = options.load(keys);
        PrintStream out = System.out;
        AppDirectories directories = AppDirectories.detect();
        long started = System.nanoTime();
        try (ShutdownSignal signal = ShutdownSignal.install();
                LocalStack stack = LocalStackFactory.inAppData(directories).create(new ProgressPrinter(out))) {
            StackEndpoints endpoints = stack.start();
            PulseboardConfig config = StackCommand.pointAt(loaded, endpoints)
                    .withKafka(loaded.kafka()
                            .withBootstrapServers(endpoints.kafkaBootstrap())
                            .withStateDir(directories.dataHome().resolve("streams")));
            Json json = new Json();
            try (PipelineRuntime runtime = new PipelineRuntime(config, json, Clock.systemUTC());
                    EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
                out.printf("[%-8s] %-8s creating topics and starting Kafka Streams%n", "topology", "STARTING");
                runtime.start();
                if (!runtime.awaitRunning(Duration.ofSeconds(90))) {
                    out.println("Kafka Streams did not reach RUNNING within 90 s (state " + runtime.state() + ")");
                    return 1;
                }
                out.printf("[%-8s] %-8s %s%n", "topology", "READY", "Kafka Streams RUNNING");
                try (DemoGenerator generator = new DemoGenerator(
                        config.generator(), producer, config.topology().reportingCurrency(), Clock.systemUTC())) {
                    generator.start();
                    out.printf(
                            "[%-8s] %-8s %,d events/s, seed %d%n",
                            "generator",
                            "READY",
                            config.generator().eventsPerSecond(),
                            config.generator().seed());
                    out.printf(
                            "Local demo up in %.1f s. Kafka at %s, Redis at %s. Ctrl-C stops everything.%n%n",
                            (System.nanoTime() - started) / 1e9,
                            endpoints.kafkaBootstrap(),
                            endpoints.redisUri().orElse("(not running)"));
                    AutoCloseable printer = runtime.feed()
                            .subscribe(
                                    s -> out.print(SnapshotTable.render(s) + generatorLine(generator.stats()) + "\n"));
                    signal.await(options.duration());
                    printer.close();
                    out.println("Stopping: generator, pipeline, stack...");
                }
            }
        }
        out.println("Stopped cleanly.");
        return 0;
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
