package io.pulseboard.startup;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.ModeDefaults;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionListener;
import io.pulseboard.session.SessionPart;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.EmbeddedStack;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.LocalStackFactory;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local demo as one unit: local stack (Kafka, Redis), the history store, the topology, the
 * generator. Opens the history store on its own thread while Kafka and Redis start, then starts the
 * topology and the generator; reports each part's progress, can be cancelled between and during
 * steps, and closes whatever was started, in reverse order. {@link #start()} blocks: call it off the
 * UI thread.
 */
public final class LocalDemoSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalDemoSession.class);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Client settings for the embedded broker on loopback, each measured to shorten the start to the
     * first metric of a cold start:
     *
     * <ul>
     *   <li>{@code fetch.max.wait.ms}: a fetch waits at the broker up to 500 ms for data, and the broker
     *       answers the requests of one connection in order, so a metadata or list-offsets request queued
     *       behind it waits too; each hop of the pipeline (input, repartition, output) can wait again.
     *   <li>{@code restore.consumer.fetch.max.wait.ms}: Kafka Streams restores each batch of new tasks
     *       with its restore consumer, even from empty changelogs; its consumer only fetches while it
     *       restores, so a short wait costs nothing later.
     *   <li>{@code retry.backoff.ms}: Streams waits this long between checks that the internal topics it
     *       just created are visible (four times on a first start), and clients between retries.
     * </ul>
     *
     * Extra empty fetches cost next to nothing on loopback. The user's own client settings win.
     */
    public static final Map<String, String> EMBEDDED_CLIENT_DEFAULTS = Map.of(
            "fetch.max.wait.ms", "50",
            "restore.consumer.fetch.max.wait.ms", "10",
            "retry.backoff.ms", "20");

    /**
     * The exactly-once commit interval of the local demo. A number reaches the dashboard after two
     * commits (partial sums, then windows), so at the default 100 ms freshness at 20k events/s was
     * p99 364 ms; at 25 ms it is 179 ms, for about a fifth less backlog drain (docs/adr/0012). One
     * desktop on a loopback broker pays for the extra transactions; a shared cluster keeps the
     * default unless its operators choose otherwise.
     */
    public static final Duration EMBEDDED_COMMIT_INTERVAL = Duration.ofMillis(25);

    /**
     * Defaults of the local demo that replace the built-in ones (its commit interval and client
     * settings); a file, the environment or the command line still win.
     */
    public static final ModeDefaults EMBEDDED_KEY_DEFAULTS = ModeDefaults.named("local demo")
            .commitInterval(EMBEDDED_COMMIT_INTERVAL)
            .clientDefaults(EMBEDDED_CLIENT_DEFAULTS);

    private final PulseboardConfig loaded;
    private final LocalStackFactory stacks;
    private final AppDirectories directories;
    private final Clock clock;
    private final SessionListener listener;
    private volatile boolean cancelled;
    private LocalStack stack;
    private StackEndpoints endpoints;
    private PulseboardConfig config;
    private PipelineRuntime runtime;
    private EventProducer producer;
    private DemoGenerator generator;
    private volatile ClickHouseServerProcess clickhouse;
    private volatile CompletableFuture<HistoryConfig> historyStart;
    /** The opened history store; the runtime writes to it, {@link #close()} closes it after the runtime. */
    private final AtomicReference<HistoryStore> unclaimedHistory = new AtomicReference<>();

    public LocalDemoSession(
            PulseboardConfig loaded,
            LocalStackFactory stacks,
            AppDirectories directories,
            Clock clock,
            SessionListener listener) {
        this.loaded = loaded;
        this.stacks = stacks;
        this.directories = directories;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Starts every part. Throws {@link CancellationException} when {@link #cancel()} was called
     * (what was started is closed again by {@link #close()}); other failures carry their cause.
     */
    public void start() throws InterruptedException {
        for (SessionPart part : SessionPart.values()) {
            listener.onPart(part, PartState.WAITING, "");
        }
        // The history store needs neither Kafka nor Redis: it opens on its own thread while the broker,
        // which keeps this thread busy, starts.
        ExecutorService historyExecutor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "pulseboard-demo-history");
            thread.setDaemon(true);
            return thread;
        });
        try {
            historyStart = CompletableFuture.supplyAsync(this::startHistory, historyExecutor);
            stack = stacks.create(this::onStackProgress);
            endpoints = stack.start();
            checkCancelled();
            HistoryConfig history = awaitHistory();
            checkCancelled();
            config = pointAt(loaded, endpoints)
                    .withHistory(history)
                    .withKafka(loaded.kafka()
                            .withBootstrapServers(endpoints.kafkaBootstrap())
                            .withStateDir(directories.dataHome().resolve("streams")));
        } finally {
            historyExecutor.shutdown();
        }
        Json json = new Json();
        listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "creating topics, starting Kafka Streams");
        runtime = new PipelineRuntime(config, json, clock, Optional.ofNullable(unclaimedHistory.get()));
        runtime.start();
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        Object reported = null;
        while (!runtime.awaitRunning(Duration.ofMillis(200))) {
            checkCancelled();
            if (System.nanoTime() > deadline) {
                listener.onPart(
                        SessionPart.TOPOLOGY,
                        PartState.FAILED,
                        "not RUNNING after " + RUNNING_TIMEOUT.toSeconds() + " s");
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + RUNNING_TIMEOUT
                        + " (state " + runtime.state() + ")");
            }
            if (runtime.state() != reported) {
                reported = runtime.state();
                listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "Kafka Streams " + reported);
            }
        }
        listener.onPart(SessionPart.TOPOLOGY, PartState.READY, "Kafka Streams RUNNING");
        checkCancelled();
        listener.onPart(SessionPart.GENERATOR, PartState.STARTING, "");
        producer = new EventProducer(config.kafka(), config.producer(), json);
        generator = new DemoGenerator(
                config.generator(), producer, config.topology().reportingCurrency(), clock);
        generator.start();
        listener.onPart(
                SessionPart.GENERATOR,
                PartState.READY,
                String.format(
                        "%,d events/s, seed %d",
                        config.generator().eventsPerSecond(), config.generator().seed()));
    }

    /**
     * The HISTORY part, on its own thread: starts the system clickhouse-server when ClickHouse is chosen
     * without a URL, or picks the DuckDB file next to the other data when no store is chosen, then opens
     * the store. The open store waits in {@link #unclaimedHistory} for the runtime.
     */
    private HistoryConfig startHistory() {
        HistoryConfig history = loaded.history();
        try {
            if (history.kind() == HistoryConfig.Kind.CLICKHOUSE
                    && history.clickhouseUrl().isEmpty()) {
                listener.onPart(SessionPart.HISTORY, PartState.STARTING, "starting clickhouse-server");
                clickhouse = new ClickHouseServerProcess(ClickHouseServerConfig.inDirectory(
                        directories.dataHome().resolve("clickhouse")));
                history = history.withClickHouse(clickhouse.start());
            } else if (history.kind() == HistoryConfig.Kind.NONE) {
                // The local demo keeps its history in an embedded DuckDB file next to the other data.
                history = history.withDuckDb(
                        directories.dataHome().resolve("history").resolve("history.duckdb"));
            }
            listener.onPart(SessionPart.HISTORY, PartState.STARTING, "opening " + describe(history));
            unclaimedHistory.set(HistoryStores.open(history).orElse(null));
            listener.onPart(SessionPart.HISTORY, PartState.READY, describe(history));
            return history;
        } catch (RuntimeException e) {
            listener.onPart(SessionPart.HISTORY, PartState.FAILED, e.getMessage());
            throw e;
        }
    }

    private HistoryConfig awaitHistory() throws InterruptedException {
        try {
            return historyStart.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException("History store did not open: " + e.getCause(), e.getCause());
        }
    }

    private static String describe(HistoryConfig history) {
        return switch (history.kind()) {
            case DUCKDB -> "DuckDB file " + history.duckdbFile().orElseThrow();
            case CLICKHOUSE -> "ClickHouse at " + history.clickhouseUrl().orElseThrow();
            case NONE -> "none";
        };
    }

    /** The configuration with the stack's optional parts (Redis) filled in where present. */
    public static PulseboardConfig pointAt(PulseboardConfig config, StackEndpoints endpoints) {
        return endpoints
                .redisUri()
                .map(uri -> config.withRedis(config.redis().withUri(uri)))
                .orElse(config);
    }

    private void onStackProgress(String part, StackProgress.Phase phase, String message) {
        SessionPart mapped = part.equals(EmbeddedStack.REDIS_PART) ? SessionPart.REDIS : SessionPart.KAFKA;
        PartState state = switch (phase) {
            case STARTING -> PartState.STARTING;
            case READY -> PartState.READY;
            case FAILED -> PartState.FAILED;
            case STOPPED -> PartState.STOPPED;
        };
        listener.onPart(mapped, state, message);
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new CancellationException("Local demo start-up cancelled");
        }
    }

    /** Asks a running {@link #start()} to stop at the next step; any thread. */
    public void cancel() {
        cancelled = true;
    }

    public Optional<PipelineRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }

    /** The history store the session opened, for queries (the History screen). */
    public Optional<HistoryStore> history() {
        return Optional.ofNullable(unclaimedHistory.get());
    }

    public Optional<DemoGenerator> generator() {
        return Optional.ofNullable(generator);
    }

    public Optional<StackEndpoints> endpoints() {
        return Optional.ofNullable(endpoints);
    }

    public Optional<PulseboardConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Stops generator, producer, topology and stack, in that order. Idempotent. */
    @Override
    public synchronized void close() {
        cancelled = true;
        if (generator != null) {
            generator.close();
            generator = null;
            listener.onPart(SessionPart.GENERATOR, PartState.STOPPED, "");
        }
        if (producer != null) {
            producer.close();
            producer = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
            listener.onPart(SessionPart.TOPOLOGY, PartState.STOPPED, "");
        }
        if (historyStart != null) {
            // A start that failed or was cancelled may have left the history part still opening.
            historyStart.handle((history, error) -> null).join();
        }
        HistoryStore history = unclaimedHistory.getAndSet(null);
        if (history != null) {
            history.close();
        }
        if (clickhouse != null) {
            clickhouse.close();
            clickhouse = null;
            listener.onPart(SessionPart.HISTORY, PartState.STOPPED, "");
        }
        if (stack != null) {
            stack.close();
            stack = null;
        }
        log.info("Local demo stopped");
    }
}
