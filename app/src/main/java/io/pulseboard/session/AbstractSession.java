package io.pulseboard.session;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.config.UriPasswords;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.log.LogFile;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.factory.LocalStackFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every session does alike: the cancel flag, the resources it opened (closed once, in reverse
 * order, each reported as {@link PartState#STOPPED}), the local stack's progress told as session
 * parts, and the wait for Kafka Streams to reach RUNNING.
 *
 * <p>Resources are registered with {@link #own} as they open, from any thread; one registered after
 * {@link #close()} is closed at once and the registering step is cancelled, so nothing a start still
 * under way opens is left behind.
 */
abstract class AbstractSession implements Session {

    private static final Logger log = LoggerFactory.getLogger(AbstractSession.class);

    /** How long a pipeline may take to reach RUNNING before the start fails. */
    static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

    protected final SessionListener listener;
    private final Object resources = new Object();
    private volatile boolean cancelled;

    // Guarded by resources.
    private final Deque<Owned> opened = new ArrayDeque<>();
    private boolean closed;

    private record Owned(Optional<SessionPart> part, String name, AutoCloseable resource) {}

    protected AbstractSession(SessionListener listener) {
        Objects.requireNonNull(listener, "listener");
        // Every step is shown (console, start-up screen): a failure quoting a URI must not show its password.
        this.listener = (part, state, message) -> listener.onPart(part, state, UriPasswords.mask(message));
    }

    /**
     * Registers a resource this session closes; any thread.
     *
     * @param part reported as STOPPED once the resource is closed; empty for none
     * @param name for the log
     * @return {@code resource}
     * @throws CancellationException if the session was closed meanwhile (the resource is then closed)
     */
    protected final <T extends AutoCloseable> T own(Optional<SessionPart> part, String name, T resource) {
        synchronized (resources) {
            if (!closed) {
                opened.push(new Owned(part, name, resource));
                return resource;
            }
        }
        closeQuietly(new Owned(part, name, resource));
        throw new CancellationException(title() + ": closed while " + name + " was opening");
    }

    /** @throws CancellationException if {@link #cancel()} or {@link #close()} was called */
    protected final void checkCancelled() {
        if (cancelled) {
            throw new CancellationException(title() + ": cancelled");
        }
    }

    @Override
    public final void cancel() {
        cancelled = true;
    }

    /**
     * Creates and starts a local stack with {@code parts}, owned by this session, its progress told as
     * session parts (ClickHouse as the history part).
     */
    protected final StackEndpoints startStack(LocalStackFactory stacks, Set<StackPart> parts) {
        return startStack(createStack(stacks, parts));
    }

    /**
     * Creates a local stack with {@code parts}, owned by this session, its progress told as session
     * parts (ClickHouse as the history part); {@link #startStack(LocalStack)} starts it.
     */
    protected final LocalStack createStack(LocalStackFactory stacks, Set<StackPart> parts) {
        return own(Optional.empty(), "local stack", stacks.create(parts, this::onStackProgress));
    }

    /** Starts a stack from {@link #createStack}; a failure is reported by the stack's parts. */
    protected final StackEndpoints startStack(LocalStack stack) {
        return reporting(Optional.empty(), stack::start);
    }

    /** The local stack's PostgreSQL as the reference data's connection, its password read from its file. */
    protected static PostgresConnection connect(PostgresEndpoint endpoint) throws java.io.IOException {
        return new PostgresConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.readPassword());
    }

    /**
     * Runs one step of the start; a failure is reported as {@code part} FAILED (the stack reports its
     * own parts), and a failure caused by a cancel or a close meanwhile becomes the cancellation.
     */
    protected final <T> T reporting(Optional<SessionPart> part, Supplier<T> step) {
        try {
            return step.get();
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            checkCancelled();
            part.ifPresent(p -> listener.onPart(p, PartState.FAILED, String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private void onStackProgress(StackPart part, StackProgress.Phase phase, String message) {
        Optional<SessionPart> mapped = switch (part) {
            case KAFKA -> Optional.of(SessionPart.KAFKA);
            case REDIS -> Optional.of(SessionPart.REDIS);
            case CLICKHOUSE -> Optional.of(SessionPart.HISTORY);
            case POSTGRES -> Optional.of(SessionPart.POSTGRES);
        };
        PartState state = switch (phase) {
            case STARTING -> PartState.STARTING;
            case READY -> PartState.READY;
            case FAILED -> PartState.FAILED;
            case RESTARTING -> PartState.RESTARTING;
            case STOPPED -> PartState.STOPPED;
        };
        mapped.ifPresent(p -> listener.onPart(p, state, message));
    }

    /**
     * The HISTORY part: opens the store named by {@code history} and owns it (closed after the pipeline
     * that writes to it); any thread.
     *
     * @return the open store; empty when {@code history} names none
     */
    protected final Optional<HistoryStore> openHistory(HistoryConfig history) {
        listener.onPart(SessionPart.HISTORY, PartState.STARTING, "opening " + describe(history));
        Optional<HistoryStore> store = reporting(Optional.of(SessionPart.HISTORY), () -> HistoryStores.open(history));
        store.ifPresent(s -> own(Optional.of(SessionPart.HISTORY), "history store", s));
        listener.onPart(SessionPart.HISTORY, PartState.READY, describe(history));
        return store;
    }

    private static String describe(HistoryConfig history) {
        return switch (history.kind()) {
            case DUCKDB -> "DuckDB file " + history.duckdbFile().orElseThrow();
            case CLICKHOUSE -> "ClickHouse at " + history.clickhouseUrl().orElseThrow();
            case NONE -> "none (pulseboard.history.store=none)";
        };
    }

    /** The configuration pointed at a local stack: its Kafka, and its Redis where it runs. */
    protected static PulseboardConfig pointAt(PulseboardConfig config, StackEndpoints endpoints) {
        PulseboardConfig withKafka = config.withKafka(config.kafka().withBootstrapServers(endpoints.kafkaBootstrap()));
        return endpoints
                .redisUri()
                .map(uri -> withKafka.withRedis(withKafka.redis().withUri(uri)))
                .orElse(withKafka);
    }

    /**
     * Waits until the started runtime is RUNNING, reporting each state it passes as the TOPOLOGY part.
     *
     * @throws IllegalStateException if it is not RUNNING within {@link #RUNNING_TIMEOUT}
     * @throws CancellationException if the session is cancelled meanwhile
     */
    protected final void awaitRunning(PipelineRuntime runtime) throws InterruptedException {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        Object reported = null;
        while (!runtime.awaitRunning(Duration.ofMillis(200))) {
            checkCancelled();
            KafkaStreams.State now = runtime.state();
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                listener.onPart(SessionPart.TOPOLOGY, PartState.FAILED, "Kafka Streams " + now);
                throw new IllegalStateException("Kafka Streams stopped while starting (state " + now + "); the log ("
                        + LogFile.current() + ") has its cause");
            }
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
        checkCancelled();
        listener.onPart(SessionPart.TOPOLOGY, PartState.READY, "Kafka Streams RUNNING");
    }

    @Override
    public final void close() {
        cancelled = true;
        List<Owned> toClose;
        synchronized (resources) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (Owned owned : toClose) {
            closeQuietly(owned);
            owned.part().ifPresent(p -> listener.onPart(p, PartState.STOPPED, ""));
        }
        log.info("{}: stopped", title());
    }

    private static void closeQuietly(Owned owned) {
        try {
            owned.resource().close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Closing the {} failed", owned.name(), e);
        }
    }
}
