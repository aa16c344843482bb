package io.pulseboard.session;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.generate.Pricing;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.reference.DemoCatalogue;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.factory.LocalStackFactory;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local demo: the local stack (in-JVM Kafka, Redis, PostgreSQL with the demo catalogue as reference
 * data, and ClickHouse when chosen without a URL), the history store, the topology and the event
 * generator, on this machine. With the reference data in place the generator sells in each region's
 * currency (EUR, JPY, USD), which the topology converts.
 *
 * <p>{@link #start()} runs three stages that the bench also runs one by one, doing its own work in
 * between: {@link #startStack()} (the history store opens on its own thread while the broker starts),
 * {@link #startPipeline()} and {@link #startGenerator()}.
 */
public final class LocalDemoSession extends AbstractSession implements PipelineSession {
    private static final Logger log = LoggerFactory.getLogger(LocalDemoSession.class);

    private static final List<SessionPart> PARTS = List.of(
            SessionPart.KAFKA,
            SessionPart.REDIS,
            SessionPart.POSTGRES,
            SessionPart.HISTORY,
            SessionPart.TOPOLOGY,
            SessionPart.GENERATOR);

    private final PulseboardConfig loaded;
    private final LocalStackFactory stacks;
    private final Clock clock;
    private final Json json = new Json();
    private volatile StackEndpoints endpoints;
    private volatile PulseboardConfig config;
    private volatile Optional<HistoryStore> history;
    private volatile Optional<PostgresConnection> reference = Optional.empty();
    private volatile PipelineRuntime runtime;
    private volatile DemoGenerator generator;

    /**
     * @param loaded the configuration from the loader, with {@link LocalDemoConfig#modeDefaults()} as
     *     its mode layer; its Kafka and Redis endpoints are replaced by the stack's
     * @param stacks makes the local stack
     * @param clock event time of the generator and the pipeline's freshness
     * @param listener told about every step; see {@link SessionListener} for threads
     */
    public LocalDemoSession(PulseboardConfig loaded, LocalStackFactory stacks, Clock clock, SessionListener listener) {
        super(listener);
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String title() {
        return "Starting the local demo";
    }

    @Override
    public String modeLabel() {
        return "Local demo";
    }

    @Override
    public List<SessionPart> parts() {
        return PARTS;
    }

    @Override
    public void start() throws InterruptedException {
        startStack();
        startPipeline();
        startGenerator();
    }

    /**
     * Starts the local stack and opens the history store; afterwards {@link #config()} and {@link
     * #endpoints()} answer.
     */
    public void startStack() throws InterruptedException {
        for (SessionPart part : PARTS) {
            listener.onPart(part, PartState.WAITING, "");
        }
        HistoryConfig historyConfig = loaded.history();
        boolean clickhouseInStack = historyConfig.kind() == HistoryConfig.Kind.CLICKHOUSE
                && historyConfig.clickhouseUrl().isEmpty();
        Set<StackPart> parts = EnumSet.of(StackPart.KAFKA, StackPart.REDIS, StackPart.POSTGRES);
        if (clickhouseInStack) {
            parts.add(StackPart.CLICKHOUSE);
        }
        // A store that needs no local server opens on its own thread while the broker, which keeps this
        // thread busy, starts; so does the reference data, as soon as PostgreSQL (which starts beside
        // the broker and is usually ready first) accepts connections.
        ExecutorService historyOpener = daemonExecutor("pulseboard-demo-history");
        ExecutorService referencePreparer = daemonExecutor("pulseboard-demo-reference");
        try {
            CompletableFuture<Optional<HistoryStore>> opening = clickhouseInStack
                    ? null
                    : CompletableFuture.supplyAsync(() -> openHistory(historyConfig), historyOpener);
            if (opening != null) {
                own(
                        Optional.empty(),
                        "history start",
                        () -> opening.handle((store, error) -> null).join());
            }
            LocalStack stack = createStack(stacks, parts);
            CompletableFuture<Optional<PostgresConnection>> preparing = stack.postgresReady()
                    .thenApplyAsync(ready -> ready.flatMap(this::prepareReferenceData), referencePreparer)
                    .toCompletableFuture();
            own(
                    Optional.empty(),
                    "reference data preparation",
                    () -> preparing.handle((connection, error) -> null).join());
            StackEndpoints started = startStack(stack);
            checkCancelled();
            HistoryConfig resolved = clickhouseInStack
                    ? historyConfig.withClickHouse(started.clickhouseUrl().orElseThrow())
                    : historyConfig;
            history = opening == null ? openHistory(resolved) : await(opening, "History store");
            checkCancelled();
            reference = await(preparing, "Reference data");
            checkCancelled();
            endpoints = started;
            config = pointAt(loaded, started).withHistory(resolved);
        } finally {
            historyOpener.shutdown();
            referencePreparer.shutdown();
        }
    }

    private static ExecutorService daemonExecutor(String threadName) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the topology against the stack and waits until it is RUNNING. */
    public void startPipeline() throws InterruptedException {
        checkCancelled();
        runtime = own(
                Optional.of(SessionPart.TOPOLOGY),
                "pipeline",
                new PipelineRuntime(config(), json, clock, history, reference));
        listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "creating topics, starting Kafka Streams");
        reporting(Optional.of(SessionPart.TOPOLOGY), () -> {
            runtime.start();
            return runtime;
        });
        awaitRunning(runtime);
        checkCancelled();
    }

    /**
     * Starts the event generator at the configured rate. A rate this machine cannot reach is reported
     * later, once measured, as the GENERATOR part READY again with the warning as its message.
     */
    public void startGenerator() {
        checkCancelled();
        listener.onPart(SessionPart.GENERATOR, PartState.STARTING, "");
        PulseboardConfig c = config();
        generator = reporting(Optional.of(SessionPart.GENERATOR), () -> {
            EventProducer producer =
                    own(Optional.empty(), "producer", new EventProducer(c.kafka(), c.producer(), json));
            DemoGenerator started = own(
                    Optional.of(SessionPart.GENERATOR),
                    "generator",
                    new DemoGenerator(
                            c.generator(),
                            producer,
                            pricing(c),
                            clock,
                            // The generator runs on: the warning is a READY part's new status line.
                            shortfall -> listener.onPart(SessionPart.GENERATOR, PartState.READY, shortfall)));
            started.start();
            return started;
        });
        listener.onPart(
                SessionPart.GENERATOR,
                PartState.READY,
                String.format(
                        "%,d events/s, seed %d",
                        c.generator().eventsPerSecond(), c.generator().seed()));
    }

    /**
     * Migrates the reference schema and seeds an empty database with the demo catalogue; the outcome is
     * the PostgreSQL row's status line. A failure is reported there and the demo runs on without
     * reference data (sales then stay in the reporting currency).
     */
    private Optional<PostgresConnection> prepareReferenceData(PostgresEndpoint endpoint) {
        try {
            PostgresConnection connection = connect(endpoint);
            int migrations = ReferenceSchema.migrate(connection).migrationsExecuted;
            int seeded;
            try (Connection open = connection.open()) {
                seeded = ReferenceSchema.seedDemo(open, DemoCatalogue.get());
            }
            listener.onPart(
                    SessionPart.POSTGRES,
                    PartState.READY,
                    endpoint.jdbcUrl().substring("jdbc:".length()) + ", reference data: "
                            + (migrations == 0 ? "schema up to date" : migrations + " migration(s) applied")
                            + (seeded == 0 ? "" : ", demo catalogue seeded (" + seeded + " rows)"));
            return Optional.of(connection);
        } catch (IOException | SQLException | RuntimeException e) {
            log.warn("Reference data not prepared in {}; the demo runs without it", endpoint.jdbcUrl(), e);
            listener.onPart(
                    SessionPart.POSTGRES,
                    PartState.FAILED,
                    "reference data not prepared: " + e.getMessage() + " (sales stay in "
                            + loaded.topology().reportingCurrency() + ")");
            return Optional.empty();
        }
    }

    /**
     * Sales in each region's currency when the reference data that converts them is there and the
     * reporting currency is the catalogue's; otherwise in the reporting currency.
     */
    private Pricing pricing(PulseboardConfig c) {
        String currency = c.topology().reportingCurrency();
        return reference.isPresent() && DemoCatalogue.get().reportingCurrency().equals(currency)
                ? Pricing.localCurrencies(DemoCatalogue.get())
                : Pricing.reportingOnly(currency);
    }

    private static <T> T await(CompletableFuture<T> step, String what) throws InterruptedException {
        try {
            return step.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtimeException) {
                throw runtimeException;
            }
            throw new IllegalStateException(what + " not ready: " + e.getCause(), e.getCause());
        }
    }

    /** @return where the stack's servers answer; throws before {@link #startStack()} */
    public StackEndpoints endpoints() {
        return started(endpoints);
    }

    @Override
    public PulseboardConfig config() {
        return started(config);
    }

    @Override
    public PipelineRuntime runtime() {
        return started(runtime);
    }

    @Override
    public Optional<HistoryStore> history() {
        return started(history);
    }

    @Override
    public Optional<PostgresConnection> referenceDatabase() {
        return reference;
    }

    @Override
    public Optional<DemoGenerator> generator() {
        return Optional.ofNullable(generator);
    }

    private static <T> T started(T part) {
        if (part == null) {
            throw new IllegalStateException("The local demo has not started this part yet");
        }
        return part;
    }
}
