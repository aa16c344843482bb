package io.pulseboard.stack.embedded;

import io.pulseboard.stack.ChildSupervisor;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.RestartBackoff;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackException;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.StackProgress.Phase;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import io.pulseboard.stack.kafka.BrokerFault;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.postgres.PostgresServerProcess;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalStack} whose parts run on this machine without Docker: Kafka inside this JVM ({@link
 * EmbeddedKafkaBroker}), and, when asked for, Redis, ClickHouse and PostgreSQL as child processes
 * ({@link RedisServerProcess}, {@link ClickHouseServerProcess}, {@link PostgresServerProcess}). Each
 * part is reported to {@link StackProgress} under its {@link StackPart}; the {@link Phase#READY} message
 * is the part's endpoint.
 *
 * <p>{@link #start()} starts PostgreSQL and ClickHouse each on a thread of its own ({@code
 * pulseboard-stack-postgres}, {@code pulseboard-stack-clickhouse}), because they take seconds (a first
 * PostgreSQL start unpacks its binaries and runs initdb), while Kafka starts on the calling thread; it
 * then waits for ClickHouse (at most its start timeout and a grace), starts Redis, and waits for
 * PostgreSQL last, so that it has had the whole start of the others to get ready.
 *
 * <ul>
 *   <li>Kafka is required: if it cannot start, {@link #start()} throws.
 *   <li>ClickHouse, when asked for, is required too: if it cannot start (e.g. it is not installed), that
 *       is reported as {@link Phase#FAILED} and {@link #start()} throws a {@link StackException} whose
 *       message says why and how to fix it.
 *   <li>Redis is optional: if it cannot start, that is reported as {@link Phase#FAILED} with the reason
 *       and {@link #start()} returns endpoints without a Redis URI, because the pipeline runs without it.
 *   <li>PostgreSQL is optional in the same way: a failure (or no start within its timeout and a grace)
 *       is reported once as {@link Phase#FAILED} with the reason, and the endpoints have no PostgreSQL.
 * </ul>
 *
 * <p>When {@link #start()} throws, it has first stopped the parts that had become ready (each reported
 * {@link Phase#STOPPED}); the stack cannot be started again, and a part that failed is reported
 * {@link Phase#STOPPED} by {@link #close()}. {@link #close()} stops ClickHouse, Redis, PostgreSQL,
 * then Kafka.
 *
 * <p>Redis, ClickHouse and PostgreSQL are supervised: one that exits on its own while the stack runs (a crash, a
 * {@code kill -9}) is started again on the same port and data directory after a growing wait ({@link
 * ChildSupervisor}, {@link RestartBackoff#DEFAULT}), reported as {@link Phase#RESTARTING}, {@link
 * Phase#STARTING} and {@link Phase#READY}. A {@link RedisServerProcess#kill()} through {@link #redis()}
 * is deliberate and is not undone. Nothing is restarted once {@link #close()} has begun.
 *
 * <p>Single use. {@link #start()} and {@link #close()} block and are meant for a background thread;
 * {@link #close()} during {@link #start()} waits for it to end. A fatal broker fault is reported as
 * {@link Phase#FAILED} on the Kafka thread that raised it. {@link #redis()}, {@link #clickhouse()} and
 * {@link #postgres()} may be called from any thread.
 */
public final class EmbeddedStack implements LocalStack {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final StackProgress progress;
    private final EmbeddedKafkaBroker kafka;
    private final RedisServerProcess redis;
    private final ClickHouseServerProcess clickhouse;
    private final PostgresServerProcess postgres;
    private final ChildSupervisor supervisor;
    // How to stop each part that was asked for, in the order of stopping.
    private final Map<StackPart, Runnable> stoppers = new LinkedHashMap<>();
    // The parts that became ready; never emptied, so that the accessors still work after close().
    private final Set<StackPart> ready = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final AtomicBoolean postgresFailureReported = new AtomicBoolean();
    // Completed with the endpoint once PostgreSQL is ready, with empty when it will not be.
    private final CompletableFuture<Optional<PostgresEndpoint>> postgresReady = new CompletableFuture<>();

    // Guarded by lifecycle. unstopped: the parts reported STARTING and not yet STOPPED.
    private final Set<StackPart> unstopped = EnumSet.noneOf(StackPart.class);
    private StackEndpoints endpoints;
    private boolean startFailed;
    private boolean closed;

    /**
     * @param parts the parts to run; {@link StackPart#KAFKA} is added if missing; never null
     * @param kafkaConfig settings of the embedded broker; never null
     * @param redisConfig settings of the Redis server process, used if {@code parts} has {@link
     *     StackPart#REDIS}; never null
     * @param clickhouseConfig settings of the ClickHouse server process, used if {@code parts} has {@link
     *     StackPart#CLICKHOUSE}; never null
     * @param postgresConfig settings of the PostgreSQL server process, used if {@code parts} has {@link
     *     StackPart#POSTGRES}; never null
     * @param progress told about each part's life-cycle; see {@link StackProgress} for threads; never null
     */
    public EmbeddedStack(
            Set<StackPart> parts,
            EmbeddedKafkaConfig kafkaConfig,
            RedisServerConfig redisConfig,
            ClickHouseServerConfig clickhouseConfig,
            PostgresServerConfig postgresConfig,
            StackProgress progress) {
        this(parts, kafkaConfig, redisConfig, clickhouseConfig, postgresConfig, progress, RestartBackoff.DEFAULT);
    }

    /** As the public constructor, with the waits between restarts of a server that exited. */
    EmbeddedStack(
            Set<StackPart> parts,
            EmbeddedKafkaConfig kafkaConfig,
            RedisServerConfig redisConfig,
            ClickHouseServerConfig clickhouseConfig,
            PostgresServerConfig postgresConfig,
            StackProgress progress,
            RestartBackoff restartBackoff) {
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(redisConfig, "redisConfig");
        Objects.requireNonNull(clickhouseConfig, "clickhouseConfig");
        Objects.requireNonNull(postgresConfig, "postgresConfig");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.kafka = new EmbeddedKafkaBroker(Objects.requireNonNull(kafkaConfig, "kafkaConfig"), this::onKafkaFault);
        this.redis = parts.contains(StackPart.REDIS) ? new RedisServerProcess(redisConfig) : null;
        this.clickhouse = parts.contains(StackPart.CLICKHOUSE) ? new ClickHouseServerProcess(clickhouseConfig) : null;
        this.postgres = parts.contains(StackPart.POSTGRES) ? new PostgresServerProcess(postgresConfig) : null;
        this.supervisor = new ChildSupervisor(this::report, restartBackoff, Clock.systemUTC());
        if (clickhouse != null) {
            stoppers.put(StackPart.CLICKHOUSE, clickhouse::close);
            supervisor.watch(StackPart.CLICKHOUSE, clickhouse);
        }
        if (redis != null) {
            stoppers.put(StackPart.REDIS, redis::close);
            supervisor.watch(StackPart.REDIS, redis);
        }
        if (postgres != null) {
            stoppers.put(StackPart.POSTGRES, postgres::close);
            supervisor.watch(StackPart.POSTGRES, postgres);
        } else {
            postgresReady.complete(Optional.empty());
        }
        stoppers.put(StackPart.KAFKA, kafka::close);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calling it again while running returns the same endpoints. A Redis or PostgreSQL that failed to
     * start is not retried by a second call.
     *
     * @throws StackException if Kafka cannot start, or ClickHouse was asked for and cannot start; the
     *     parts that had become ready are stopped first
     * @throws IllegalStateException if the stack was closed, or an earlier start failed
     */
    @Override
    public StackEndpoints start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This local stack was closed; create a new one");
            }
            if (endpoints != null) {
                return endpoints;
            }
            if (startFailed) {
                throw new IllegalStateException("This local stack failed to start; close it and create a new one");
            }
            BackgroundStart postgresStart = null;
            if (postgres != null) {
                unstopped.add(StackPart.POSTGRES);
                postgresStart = BackgroundStart.begin(
                        StackPart.POSTGRES, postgres.config().startTimeout(), this::startPostgres);
            }
            BackgroundStart clickhouseStart = null;
            if (clickhouse != null) {
                unstopped.add(StackPart.CLICKHOUSE);
                clickhouseStart = BackgroundStart.begin(
                        StackPart.CLICKHOUSE, clickhouse.config().startTimeout(), this::startClickHouse);
            }
            try {
                StackEndpoints started = StackEndpoints.ofKafka(startKafka());
                if (clickhouseStart != null) {
                    started = started.withClickHouse(clickhouseStart.await());
                }
                if (startRedis()) {
                    started = started.withRedis(redis.authenticatedUri(), redis.passwordFile());
                }
                if (postgresStart != null && awaitPostgres(postgresStart)) {
                    started = started.withPostgres(postgres.postgresEndpoint());
                }
                postgresReady.complete(Optional.empty()); // no-op when PostgreSQL was ready
                endpoints = started;
                return endpoints;
            } catch (RuntimeException e) {
                startFailed = true;
                postgresReady.complete(Optional.empty());
                supervisor.close();
                if (clickhouseStart != null) {
                    clickhouseStart.awaitAfter(e);
                }
                if (postgresStart != null) {
                    postgresStart.awaitAfter(e);
                }
                stopParts(ready::contains);
                throw e;
            }
        }
    }

    /**
     * The Redis server, for callers that manage it directly: a test that kills and restarts it, a UI
     * action that restarts it. A restart through it is not reported to {@link StackProgress}, and a
     * {@link RedisServerProcess#kill()} through it is not undone by the supervisor.
     *
     * @return the Redis server once it has started; empty before {@link #start()}, when Redis was not
     *     asked for and when it failed to start. Still present (stopped) after {@link #close()}
     */
    public Optional<RedisServerProcess> redis() {
        return ready.contains(StackPart.REDIS) ? Optional.of(redis) : Optional.empty();
    }

    /**
     * The ClickHouse server, for callers that manage it directly, as {@link #redis()}.
     *
     * @return the ClickHouse server once {@link #start()} has started it; empty before, when ClickHouse
     *     was not asked for and when it failed to start. Still present (stopped) after {@link #close()}
     */
    public Optional<ClickHouseServerProcess> clickhouse() {
        return ready.contains(StackPart.CLICKHOUSE) ? Optional.of(clickhouse) : Optional.empty();
    }

    /**
     * The PostgreSQL server, for callers that manage it directly, as {@link #redis()}.
     *
     * @return the PostgreSQL server once {@link #start()} has started it; empty before, when PostgreSQL
     *     was not asked for and when it failed to start. Still present (stopped) after {@link #close()}
     */
    public Optional<PostgresServerProcess> postgres() {
        return ready.contains(StackPart.POSTGRES) ? Optional.of(postgres) : Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here PostgreSQL starts on a thread of its own beside Kafka and is usually ready first.
     */
    @Override
    public CompletionStage<Optional<PostgresEndpoint>> postgresReady() {
        return postgresReady.minimalCompletionStage();
    }

    @Override
    public void close() {
        postgresReady.complete(Optional.empty());
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            supervisor.close(); // first: no restart may race the stop
            stopParts(part -> true);
        }
    }

    // Caller holds lifecycle.
    private String startKafka() {
        unstopped.add(StackPart.KAFKA);
        report(
                StackPart.KAFKA,
                Phase.STARTING,
                "Starting Kafka in " + kafka.config().dataDir());
        String bootstrap;
        try {
            bootstrap = kafka.start();
        } catch (RuntimeException e) {
            report(StackPart.KAFKA, Phase.FAILED, e.getMessage());
            throw e;
        }
        // What the start repaired after a crash is said, not only logged: the user should know why it
        // took longer and that nothing was lost.
        kafka.repairs().forEach(repair -> report(StackPart.KAFKA, Phase.STARTING, "After a crash: " + repair));
        ready.add(StackPart.KAFKA);
        report(StackPart.KAFKA, Phase.READY, bootstrap);
        return bootstrap;
    }

    // Runs on the ClickHouse start thread. Its failure is thrown to start(), which handles it.
    private String startClickHouse() {
        report(
                StackPart.CLICKHOUSE,
                Phase.STARTING,
                "Starting ClickHouse in " + clickhouse.config().dataDir());
        String url;
        try {
            url = clickhouse.start();
        } catch (RuntimeException e) {
            report(StackPart.CLICKHOUSE, Phase.FAILED, e.getMessage());
            throw e;
        }
        ready.add(StackPart.CLICKHOUSE);
        report(StackPart.CLICKHOUSE, Phase.READY, url);
        return url;
    }

    // Runs on the PostgreSQL start thread. Its failure is reported here and thrown to awaitPostgres().
    private String startPostgres() {
        report(
                StackPart.POSTGRES,
                Phase.STARTING,
                "Starting PostgreSQL in " + postgres.config().dataDir());
        String url;
        try {
            url = postgres.start();
        } catch (RuntimeException e) {
            reportPostgresFailure(e.getMessage());
            throw e;
        }
        ready.add(StackPart.POSTGRES);
        report(StackPart.POSTGRES, Phase.READY, url);
        postgresReady.complete(Optional.of(postgres.postgresEndpoint()));
        return url;
    }

    // Caller holds lifecycle. PostgreSQL failing is handled here: logged once, not thrown. Returns whether
    // PostgreSQL runs.
    private boolean awaitPostgres(BackgroundStart postgresStart) {
        try {
            postgresStart.await();
            return true;
        } catch (StackException e) {
            log.warn("PostgreSQL did not start; the stack runs without it", e);
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException || cause instanceof InterruptedException) {
                // The start was interrupted and will fail too; whichever comes first is reported.
                reportPostgresFailure(e.getMessage());
            }
            return false;
        }
    }

    // Either thread: a start that failed, or the wait for it that ran out, is reported FAILED once.
    private void reportPostgresFailure(String reason) {
        if (postgresFailureReported.compareAndSet(false, true)) {
            report(StackPart.POSTGRES, Phase.FAILED, String.valueOf(reason));
        }
    }

    // Caller holds lifecycle. Redis failing is handled here: logged once and reported, not thrown.
    // Returns whether Redis runs.
    private boolean startRedis() {
        if (redis == null) {
            return false;
        }
        unstopped.add(StackPart.REDIS);
        report(
                StackPart.REDIS,
                Phase.STARTING,
                "Starting Redis in " + redis.config().dataDir());
        String uri;
        try {
            uri = redis.start();
        } catch (RuntimeException e) {
            log.warn("Redis did not start; the pipeline will run without it", e);
            report(StackPart.REDIS, Phase.FAILED, e.getMessage());
            return false;
        }
        ready.add(StackPart.REDIS);
        // The address without the password: progress is shown and logged.
        report(StackPart.REDIS, Phase.READY, uri);
        return true;
    }

    /**
     * Caller holds lifecycle. Stops every part that was asked for (ClickHouse, Redis, then Kafka) and
     * reports {@link Phase#STOPPED} once for each started part that {@code reportNow} accepts.
     */
    private void stopParts(Predicate<StackPart> reportNow) {
        stoppers.forEach((part, stopper) -> {
            stopper.run();
            if (reportNow.test(part) && unstopped.remove(part)) {
                report(part, Phase.STOPPED, part.label() + " stopped");
            }
        });
    }

    private void onKafkaFault(BrokerFault fault) {
        report(StackPart.KAFKA, Phase.FAILED, fault.describe());
    }

    private void report(StackPart part, Phase phase, String message) {
        try {
            progress.onProgress(part, phase, message);
        } catch (RuntimeException e) {
            log.warn("Stack progress listener failed on {} {}", part, phase, e);
        }
    }
}
