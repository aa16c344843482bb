package io.pulseboard.cli;

import io.pulseboard.bench.BenchResult;
import io.pulseboard.bench.Benchmark;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pulseboard bench}: throughput against the raw producer, freshness, cold start, memory; one run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark on an embedded broker: raw producer ceiling vs pipeline throughput, freshness at a "
                + "fixed rate, cold start of the demo, memory. Prints a table and one JSON line.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", description = "Events for the throughput phases (default 300000).")
    int events = 300_000;

    @Option(names = "--rate", description = "Generator rate for the freshness phase (default 20000).")
    int rate = 20_000;

    @Option(names = "--warmup", description = "Seconds of ramp-up before freshness is measured (default 30).")
    int warmup = 30;

    @Option(names = "--seconds", description = "Seconds freshness is measured (default 30).")
    int seconds = 30;

    @Option(
            names = "--threads",
            description = "Kafka Streams threads of the pipeline (default 1); as -D pulseboard.kafka.stream-threads=N.")
    Integer threads;

    @Option(
            names = "--commit-interval",
            description = "Exactly-once commit interval of the pipeline and freshness phases in ms (default: the "
                    + "local demo's, 25); partial sums cross every half interval, at most every 50 ms. As -D "
                    + "pulseboard.kafka.commit-interval=Nms. The cold start runs the demo as users get it.")
    Long commitIntervalMs;

    @Option(
            names = "--memory-minutes",
            description = "After freshness, run the generator at --rate for this many minutes and sample memory "
                    + "every 30 s (default 0: skipped).")
    int memoryMinutes;

    @Option(names = "--no-cold-start", description = "Skip the cold-start measurement (a child JVM).")
    boolean noColdStart;

    @Option(names = "--smoke", description = "Tiny run that only shows the harness works (CI).")
    boolean smoke;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Benchmark.Options options = smoke
                ? Benchmark.Options.smoke()
                : new Benchmark.Options(
                        events,
                        rate,
                        Duration.ofSeconds(warmup),
                        Duration.ofSeconds(seconds),
                        !noColdStart,
                        memoryMinutes);
        Map<String, String> keys = new LinkedHashMap<>();
        if (threads != null) {
            keys.put("pulseboard.kafka.stream-threads", threads.toString());
        }
        if (commitIntervalMs != null) {
            keys.put("pulseboard.kafka.commit-interval", commitIntervalMs + "ms");
        }
        BenchResult result =
                new Benchmark().run(options, config.source(Benchmark.configKeys(options), keys), System.out);
        System.out.println();
        System.out.print(result.table());
        System.out.println(result.json());
        return 0;
    }
}
