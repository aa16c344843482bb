package io.pulseboard.bench;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.session.LocalDemoSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.session.SessionListener;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.topic.TopicProvisioner;
import io.pulseboard.topic.TopicSpec;
import io.pulseboard.topic.Topics;
import io.pulseboard.topology.EngagementAggregate;
import io.pulseboard.topology.MetricsTopology;
import io.pulseboard.topology.SalesAggregate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run on the local demo's own session (in-JVM broker, Redis, DuckDB history, in a
 * directory of its own), configured as the demo is (its defaults, then the bench's keys, then the
 * user's file and {@code -D}), every figure measured in the same run: the raw producer ceiling, the pipeline (topology, Redis sink, DuckDB history sink) draining the same
 * events, freshness at a fixed generator rate, memory, (optionally) cold start of the local demo in
 * a child JVM and (optionally) a long memory phase ({@link MemoryRun}). Prints progress; asserts
 * nothing.
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    /**
     * @param events events for the ceiling and the pipeline phases
     * @param freshnessRate generator rate for the freshness phase (events/s), reached by a ramp
     * @param warmup ramp-up time before freshness is measured
     * @param measure how long freshness is measured
     * @param coldStart whether to start a child JVM running the local demo and time its first metric
     * @param memoryMinutes minutes of the long memory phase after freshness (0: skipped)
     */
    public record Options(
            int events, int freshnessRate, Duration warmup, Duration measure, boolean coldStart, int memoryMinutes) {
        public Options {
            if (memoryMinutes < 0) {
                throw new IllegalArgumentException("memory minutes must be 0 (off) or more, was " + memoryMinutes);
            }
        }

        public static Options smoke() {
            return new Options(20_000, 2_000, Duration.ofSeconds(3), Duration.ofSeconds(3), false, 0);
        }
    }

    /**
     * The bench's own settings on top of the local demo's defaults; {@code -D} wins over them. Grace of
     * an hour: a backlog drained over three partitions runs ahead by more than 30 s of event time. The
     * generator starts at a quarter of the freshness rate, where its ramp begins.
     */
    public static Map<String, String> configKeys(Options options) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.application-id", "pulseboard-bench");
        keys.put("pulseboard.window.grace", "1h");
        keys.put("pulseboard.generator.rate", Integer.toString(Math.max(1, options.freshnessRate() / 4)));
        keys.put("pulseboard.generator.seed", "1");
        keys.put("pulseboard.generator.customers", "5000");
        return keys;
    }

    /** The peer's own topics ({@link ArticlePeer}): the same events, sent a second time. */
    static final String PEER_PREFIX = "bench-peer-";

    private final Json json = new Json();

    /**
     * @param source the configuration, loaded over the local demo's defaults as the demo loads them but
     *     without the environment: {@link #configKeys} and the command's options as command-line keys,
     *     the user's {@code -D} over them, a {@code --config} file under them
     */
    public BenchResult run(Options options, ConfigSource source, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("pulseboard-bench");
        // No environment: a bench run is reproducible, and PULSEBOARD_* variables meant for the user's own
        // demo (a state dir, a history file) must not point the bench at real data.
        SessionFactory sessions = new SessionFactory(AppDirectories.at(dir), Map.of(), Clock.systemUTC());
        try (LocalDemoSession session = sessions.localDemo(source, SessionListener.NONE)) {
            session.startStack();
            PulseboardConfig config = session.config();
            out.printf(
                    "config: application %s, %s, commit interval %d ms, %d stream thread(s), grace %d s, history %s%n",
                    config.kafka().applicationId(),
                    config.kafka().processingGuarantee(),
                    config.kafka().commitInterval().toMillis(),
                    config.kafka().streamThreads(),
                    config.topology().grace().toSeconds(),
                    config.history().kind());
            List<GeneratedEvent> events = generate(options.events());
            long sales = events.stream()
                    .filter(e -> e instanceof GeneratedEvent.Sale)
                    .count();
            out.printf("%,d events generated%n", events.size());

            double ceiling = ceiling(config, events);
            out.printf("ceiling: %,.0f events/s%n", ceiling);

            provision(
                    config, Topics.create(json, config.topology().partitions()).all());
            ArticlePeer.Topics peerTopics = ArticlePeer.Topics.prefixed(PEER_PREFIX);
            provision(config, peerTopicSpecs(peerTopics, config.topology().partitions()));
            try (EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
                send(producer, events, null);
                send(producer, events, PEER_PREFIX);
            }
            session.startPipeline();
            PipelineRuntime runtime = session.runtime();
            long started = System.nanoTime();
            long cpuBefore = BenchProbes.processCpuNanos();
            long processed = awaitDrained(config, events.size(), Duration.ofMinutes(10));
            double inputs = (System.nanoTime() - started) / 1e9;
            awaitAccounted(runtime, sales, events.size() - sales, Duration.ofMinutes(10));
            double windows = (System.nanoTime() - started) / 1e9;
            awaitSinks(runtime, sales, Duration.ofMinutes(10));
            out.printf(
                    "pipeline: input offsets committed after %.1f s, every event in its windows after %.1f s,"
                            + " sinks done after %.1f s%n",
                    inputs, windows, (System.nanoTime() - started) / 1e9);
            double pipeline = processed / ((System.nanoTime() - started) / 1e9);
            double pipelineCpu = cpuMicrosPerEvent(cpuBefore, events.size());
            out.printf(
                    "pipeline: %,d events processed at %,.0f events/s (from RUNNING), %.1f CPU-us per event in this JVM%n",
                    processed, pipeline, pipelineCpu);

            // After the pipeline, so that the peer runs on clients the JVM has already compiled.
            Peer peer = peer(config, peerTopics, events, dir.resolve("peer-state"), out);
            out.printf(
                    "peer: %,d events at %,.0f events/s (from RUNNING), %.1f CPU-us per event; pipeline / peer %.2f%n",
                    events.size(), peer.perSecond(), peer.cpuMicrosPerEvent(), pipeline / peer.perSecond());

            session.startGenerator();
            DemoGenerator generator = session.generator().orElseThrow();
            PipelineSnapshot.LatencySummary fresh = freshness(runtime, generator, options, out);
            MemoryRun.Summary memory = options.memoryMinutes() > 0
                    ? new MemoryRun(
                                    Duration.ofMinutes(options.memoryMinutes()),
                                    Duration.ofSeconds(30),
                                    options.warmup())
                            .run(runtime, generator, config, options.freshnessRate(), out)
                    : MemoryRun.Summary.NONE;
            // The cold start competes with nothing of the bench's but an idle pipeline, as before the sessions.
            generator.close();
            long rss = BenchProbes.procStatusMb("VmHWM");
            long heap =
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            double cold = options.coldStart() ? ColdStart.measure(out) : -1;
            return new BenchResult(
                    events.size(),
                    ceiling,
                    pipeline,
                    peer.perSecond(),
                    pipelineCpu,
                    peer.cpuMicrosPerEvent(),
                    processed,
                    options.freshnessRate(),
                    fresh.p50Ms(),
                    fresh.p99Ms(),
                    fresh.maxMs(),
                    fresh.samples(),
                    cold,
                    rss,
                    heap,
                    memory);
        } finally {
            deleteQuietly(dir);
        }
    }

    private List<GeneratedEvent> generate(int count) {
        EventGenerator generator = new EventGenerator(1, 5000, "USD", "bench");
        // Recent event times: the drained windows are the live ones, so old windows do not skew freshness.
        Instant base = Instant.now().minus(Duration.ofMinutes(1));
        List<GeneratedEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(generator.next(base.plusMillis(Duration.ofMinutes(1).toMillis() * i / count)));
        }
        return events;
    }

    private double ceiling(PulseboardConfig config, List<GeneratedEvent> events) throws Exception {
        TopicSpec<byte[], byte[]> sales =
                new TopicSpec<>("bench-ceiling-sales", 3, Serdes.ByteArray(), Serdes.ByteArray());
        TopicSpec<byte[], byte[]> customers =
                new TopicSpec<>("bench-ceiling-customers", 3, Serdes.ByteArray(), Serdes.ByteArray());
        provision(config, List.of(sales, customers));
        // The same payloads as the pipeline phase, serialized before the clock starts: the ceiling is the producer's.
        List<ProducerRecordSpec> records = new ArrayList<>(events.size());
        for (GeneratedEvent event : events) {
            if (event instanceof GeneratedEvent.Sale s) {
                records.add(new ProducerRecordSpec(
                        "bench-ceiling-sales",
                        s.event().region(),
                        json.write(s.event()),
                        s.event().timestamp().toEpochMilli()));
            } else if (event instanceof GeneratedEvent.Customer c) {
                records.add(new ProducerRecordSpec(
                        "bench-ceiling-customers",
                        c.event().customerId(),
                        json.write(c.event()),
                        c.event().timestamp().toEpochMilli()));
            }
        }
        try (EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
            long started = System.nanoTime();
            List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
            for (ProducerRecordSpec r : records) {
                acks.add(producer.send(r.topic(), r.key(), r.value(), r.timestampMs()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            return events.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static List<TopicSpec<?, ?>> peerTopicSpecs(ArticlePeer.Topics topics, int partitions) {
        return List.of(
                new TopicSpec<>(topics.salesEvents(), partitions, Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(topics.customerEvents(), partitions, Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(topics.salesMetrics(), partitions, Serdes.String(), Serdes.String()),
                new TopicSpec<>(topics.engagementScores(), partitions, Serdes.String(), Serdes.String()));
    }

    /**
     * Runs the article's topology ({@link ArticlePeer}) on the same broker with the pipeline's Streams
     * settings (guarantee, commit interval, threads, cache, producer compression and linger, task
     * idling off) under an application id of its own, from RUNNING until its window stores hold every
     * event (each sale in five windows, each engagement event in its hour). That finish line favours
     * the peer: its stores show records before their commit, while the pipeline's phase also waits for
     * its sinks. The pipeline's session stays up, idle, while the peer runs.
     */
    private static Peer peer(
            PulseboardConfig config,
            ArticlePeer.Topics topics,
            List<GeneratedEvent> events,
            Path stateDir,
            PrintStream out)
            throws Exception {
        long sales =
                events.stream().filter(e -> e instanceof GeneratedEvent.Sale).count();
        long engagement = events.stream()
                .filter(e -> e instanceof GeneratedEvent.Customer c
                        && ArticlePeer.ENGAGEMENT_TYPES.contains(
                                c.event().eventType().code()))
                .count();
        Properties props = config.kafka().toStreamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.kafka().applicationId() + "-peer");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The pipeline's one throughput setting on top of the user's (PipelineRuntime); the peer keeps
        // RocksDB's default memory (the pipeline's is bounded) and the default exception handlers.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        Topology topology = new ArticlePeer()
                .topology(topics, config.topology().grace(), config.topology().storeRetention());
        CountDownLatch running = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(topology, props);
        try {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the peer did not reach RUNNING in 2 minutes: " + streams.state());
            }
            long started = System.nanoTime();
            long cpuBefore = BenchProbes.processCpuNanos();
            Instant from = Instant.now().minus(Duration.ofHours(2));
            Instant to = Instant.now().plus(Duration.ofHours(2));
            BenchProbes.awaitUntil(
                    Duration.ofMinutes(10),
                    Duration.ofMillis(100),
                    () -> new long[] {
                        sum(streams, ArticlePeer.SALES_STORE, from, to, (Long count) -> count),
                        sum(streams, ArticlePeer.ENGAGEMENT_STORE, from, to, (ArticlePeer.Score s) -> s.events())
                    },
                    held -> held[0] == 5 * sales && held[1] == engagement,
                    held -> "peer windows hold " + held[0] + " of " + 5 * sales + " sale counts and " + held[1] + " of "
                            + engagement + " engagement events");
            double rate = events.size() / ((System.nanoTime() - started) / 1e9);
            double cpu = cpuMicrosPerEvent(cpuBefore, events.size());
            out.printf(
                    "peer: %,d sales in their windows and %,d of %,d customer events counted as engagement%n",
                    sales, engagement, events.size() - sales);
            return new Peer(rate, cpu);
        } finally {
            if (!streams.close(Duration.ofSeconds(30))) {
                log.warn("The bench's peer did not close within 30 s");
            }
        }
    }

    /** CPU time of this JVM per event since {@code before} (ns), µs; -1 where the JVM cannot tell. */
    private static double cpuMicrosPerEvent(long before, long events) {
        long now = BenchProbes.processCpuNanos();
        return before < 0 || now < 0 ? -1 : (now - before) / 1e3 / events;
    }

    /** The peer's throughput and the CPU time this JVM spent per event while it ran. */
    private record Peer(double perSecond, double cpuMicrosPerEvent) {}

    private record ProducerRecordSpec(String topic, String key, byte[] value, long timestampMs) {}

    /** Sends every event (to the pipeline's topics, or to prefixed copies) and waits for every ack. */
    private void send(EventProducer producer, List<GeneratedEvent> events, String topicPrefix) throws Exception {
        List<CompletableFuture<?>> acks = new ArrayList<>(events.size());
        for (GeneratedEvent event : events) {
            if (event instanceof GeneratedEvent.Sale s) {
                acks.add(
                        topicPrefix == null
                                ? producer.send(s.event())
                                : producer.send(
                                        topicPrefix + "sales",
                                        s.event().region(),
                                        json.write(s.event()),
                                        s.event().timestamp().toEpochMilli()));
            } else if (event instanceof GeneratedEvent.Customer c) {
                acks.add(
                        topicPrefix == null
                                ? producer.send(c.event())
                                : producer.send(
                                        topicPrefix + "customers",
                                        c.event().customerId(),
                                        json.write(c.event()),
                                        c.event().timestamp().toEpochMilli()));
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private static void provision(PulseboardConfig config, List<TopicSpec<?, ?>> topics) {
        try (Admin admin = Admin.create(config.kafka().toAdminProperties())) {
            new TopicProvisioner(admin).ensure(topics, Duration.ofSeconds(60));
        }
    }

    /** Waits until the application has committed every input offset; returns the offsets committed. */
    private static long awaitDrained(PulseboardConfig config, long expected, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(config.kafka().toAdminProperties())) {
            return BenchProbes.awaitUntil(
                    timeout,
                    Duration.ofMillis(100),
                    () -> BenchProbes.committedInputOffsets(
                            admin, config.kafka().applicationId()),
                    committed -> committed >= expected,
                    committed -> "pipeline drained only " + committed + " of " + expected + " events");
        }
    }

    /**
     * Waits until the window stores hold every event: each sale in its five windows, each customer
     * event in its hour. Input offsets alone are not enough, since a sale's sums cross a repartition
     * after its offset is committed.
     */
    private static void awaitAccounted(PipelineRuntime runtime, long sales, long customers, Duration timeout)
            throws Exception {
        KafkaStreams streams = runtime.streams().orElseThrow();
        Instant from = Instant.now().minus(Duration.ofHours(2)); // the events are from the last few minutes
        Instant to = Instant.now().plus(Duration.ofHours(2));
        BenchProbes.awaitUntil(
                timeout,
                Duration.ofMillis(100),
                () -> new long[] {
                    sum(streams, MetricsTopology.SALES_STORE, from, to, (SalesAggregate a) -> a.count()),
                    sum(streams, MetricsTopology.ENGAGEMENT_STORE, from, to, (EngagementAggregate a) -> a.events())
                },
                held -> held[0] == 5 * sales && held[1] == customers,
                held -> "windows hold " + held[0] + " of " + 5 * sales + " sale counts and " + held[1] + " of "
                        + customers + " customer events");
    }

    /** Waits until the history store holds every sale and the Redis sink has written all it was given. */
    private static void awaitSinks(PipelineRuntime runtime, long sales, Duration timeout) throws Exception {
        BenchProbes.awaitUntil(
                timeout,
                Duration.ofMillis(20),
                () -> new SinkHealth[] {runtime.historyHealth(), runtime.redisHealth()},
                h -> h[0].written() >= sales && h[1].buffered() == 0 && h[1].written() > 0,
                h -> "sinks not drained: history stored " + h[0].written() + " of " + sales + " sales, Redis holds "
                        + h[1].buffered() + " updates");
    }

    private static <V> long sum(
            KafkaStreams streams, String store, Instant from, Instant to, java.util.function.ToLongFunction<V> count) {
        ReadOnlyWindowStore<String, V> windows = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>windowStore()));
        long total = 0;
        try (KeyValueIterator<Windowed<String>, V> it = windows.fetchAll(from, to)) {
            while (it.hasNext()) {
                total += count.applyAsLong(it.next().value);
            }
        }
        return total;
    }

    private static PipelineSnapshot.LatencySummary freshness(
            PipelineRuntime runtime, DemoGenerator generator, Options options, PrintStream out)
            throws InterruptedException {
        BenchProbes.rampUp(generator, options.freshnessRate(), options.warmup());
        runtime.resetLatency(); // only updates of the measured interval count
        long generatedBefore = generator.stats().generated();
        long started = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(options.measure().toMillis());
        PipelineSnapshot.LatencySummary latency = runtime.latencySinceReset();
        double rate = (generator.stats().generated() - generatedBefore) / ((System.nanoTime() - started) / 1e9);
        PipelineSnapshot snapshot = runtime.feed().latest().orElseThrow();
        out.printf(
                "freshness at %,d/s (generated %,.0f/s): p50 %d ms, p99 %d ms, max %d ms over %,d updates; lag %,d%n",
                options.freshnessRate(),
                rate,
                latency.p50Ms(),
                latency.p99Ms(),
                latency.maxMs(),
                latency.samples(),
                snapshot.consumerLagRecords());
        return latency;
    }

    /** Deletes the bench's directory; what cannot be deleted is logged, never hiding the run's own failure. */
    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete the bench directory {}", dir, e);
        }
    }
}
