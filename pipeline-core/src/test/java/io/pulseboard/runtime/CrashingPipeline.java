package io.pulseboard.runtime;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.KafkaConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.factory.LocalStackFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM {@link PipelineCrashLoopIT} kills: the embedded stack (Kafka in this JVM, redis-server as
 * its child) and the pipeline with the local demo's commit cadence, on one data directory.
 *
 * <p>{@code main(dataDir, mode, seed)}. Prints {@code bootstrap HOST:PORT}, then {@code running MS}
 * (milliseconds since this JVM started) once Kafka Streams is RUNNING. Mode {@code produce} then sends
 * generated events without pause until it is killed; mode {@code drain} sends none; mode {@code stack}
 * runs the stack alone, as {@code pulseboard stack up} does, for a pipeline in another JVM. Either way a
 * line {@code close} on standard input closes everything cleanly, prints {@code closed} and exits.
 */
public final class CrashingPipeline {

    /** The application id of every run: one consumer group and one state directory across the crashes. */
    static final String APPLICATION_ID = "crash-loop";

    private CrashingPipeline() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        boolean produce = args[1].equals("produce");
        long seed = Long.parseLong(args[2]);
        AppDirectories directories = AppDirectories.at(dataDir);
        LocalStack stack = LocalStackFactory.inAppData(directories)
                .create(Set.of(StackPart.KAFKA, StackPart.REDIS), StackProgress.NONE);
        StackEndpoints endpoints = stack.start();
        System.out.println("bootstrap " + endpoints.kafkaBootstrap());
        if (args[1].equals("stack")) {
            System.out.println("running " + ManagementFactory.getRuntimeMXBean().getUptime());
            awaitClose();
            stack.close();
            System.out.println("closed");
            System.exit(0);
        }
        PulseboardConfig config = config(endpoints, dataDir.resolve("streams"));
        Json json = new Json();
        PipelineRuntime runtime = new PipelineRuntime(config, json, Clock.systemUTC(), Optional.empty());
        runtime.start();
        if (!runtime.awaitRunning(Duration.ofMinutes(2))) {
            System.out.println("not running: " + runtime.state());
            System.exit(2);
        }
        System.out.println("running " + ManagementFactory.getRuntimeMXBean().getUptime());
        Thread producer = new Thread(() -> produce(config, json, seed), "crash-loop-producer");
        producer.setDaemon(true);
        if (produce) {
            producer.start();
        }
        awaitClose();
        producer.interrupt();
        runtime.close(Duration.ofSeconds(30));
        stack.close();
        System.out.println("closed");
        System.exit(0);
    }

    private static void awaitClose() throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("close")) {
            // Only "close" means anything.
        }
    }

    static PulseboardConfig config(StackEndpoints endpoints, Path stateDir) {
        PulseboardConfig defaults = ConfigLoader.defaults();
        KafkaConfig kafka = defaults.kafka();
        PulseboardConfig config = defaults.withKafka(new KafkaConfig(
                        endpoints.kafkaBootstrap(),
                        APPLICATION_ID,
                        KafkaConfig.EXACTLY_ONCE_V2,
                        1,
                        // The local demo's cadence (ADR 0012): a transaction commits every 25 ms, so a kill
                        // at a random instant often lands inside one.
                        Duration.ofMillis(25),
                        kafka.cacheMaxBytes(),
                        kafka.rocksDbMemoryBytes(),
                        stateDir,
                        Map.of()))
                // The runs cover a few minutes of event time, none of it late: this test is about exact
                // sums across crashes, not lateness.
                .withTopology(defaults.topology().withGrace(Duration.ofHours(1)));
        return endpoints
                .redisUri()
                .map(uri -> config.withRedis(config.redis().withUri(uri)))
                .orElse(config);
    }

    /** About 3,000 events a second, each stamped now, until interrupted or killed. */
    static void produce(PulseboardConfig config, Json json, long seed) {
        EventGenerator generator =
                new EventGenerator(seed, 200, config.topology().reportingCurrency(), "crash-" + seed);
        try (EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < 30; i++) {
                    GeneratedEvent event = generator.next(Instant.now());
                    if (event instanceof GeneratedEvent.Sale s) {
                        producer.send(s.event());
                    } else if (event instanceof GeneratedEvent.Customer c) {
                        producer.send(c.event());
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }
}
