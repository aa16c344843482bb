package io.pulseboard.session;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.probe.BootstrapReach;
import io.pulseboard.probe.ConnectionCheck;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The topology running in this process against a Kafka that runs elsewhere (a company's cluster, or
 * a {@code pulseboard stack up} on this machine), with the Redis and history store its configuration
 * names; no generator. The desktop app's remote profiles and {@code pulseboard pipeline} start it.
 */
public final class RemoteSession extends AbstractSession implements PipelineSession {

    private final String name;
    private final PulseboardConfig config;
    private final Clock clock;
    private final Preflight preflight;
    private volatile Optional<HistoryStore> history = Optional.empty();
    private volatile Optional<PostgresConnection> reference = Optional.empty();
    private volatile PipelineRuntime runtime;

    /**
     * @param name how the dashboard names the cluster, e.g. the profile's name
     * @param config the configuration, pointing at the cluster
     * @param clock the pipeline's clock (freshness)
     * @param listener told about every step; see {@link SessionListener} for threads
     * @param reachTimeout how long the start waits for a TCP connection to a bootstrap server before it
     *     fails with the cause ({@link BootstrapReach}); positive
     * @param bootstrapOrigin how the user gave the bootstrap servers, for that message, e.g. {@code
     *     --bootstrap}
     */
    public RemoteSession(
            String name,
            PulseboardConfig config,
            Clock clock,
            SessionListener listener,
            Duration reachTimeout,
            String bootstrapOrigin) {
        this(name, config, clock, listener, reach(config, reachTimeout, bootstrapOrigin));
    }

    /**
     * @param preflight the first step of the start: checks the cluster and names the cause if it cannot
     *     be used (the desktop app passes its "Test connection", {@link Preflight#connectionTest})
     */
    public RemoteSession(
            String name, PulseboardConfig config, Clock clock, SessionListener listener, Preflight preflight) {
        super(listener);
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.preflight = Objects.requireNonNull(preflight, "preflight");
    }

    private static Preflight reach(PulseboardConfig config, Duration reachTimeout, String bootstrapOrigin) {
        Objects.requireNonNull(reachTimeout, "reachTimeout");
        Objects.requireNonNull(bootstrapOrigin, "bootstrapOrigin");
        if (reachTimeout.isNegative() || reachTimeout.isZero()) {
            throw new IllegalArgumentException("reachTimeout must be positive, was " + reachTimeout);
        }
        return Preflight.bootstrapReach(config.kafka().bootstrapServers(), reachTimeout, bootstrapOrigin);
    }

    @Override
    public String title() {
        return "Connecting to " + name;
    }

    @Override
    public String modeLabel() {
        return "Remote: " + name;
    }

    @Override
    public List<SessionPart> parts() {
        List<SessionPart> parts = new ArrayList<>(List.of(SessionPart.KAFKA));
        config.redis().uri().ifPresent(uri -> parts.add(SessionPart.REDIS));
        config.postgres().url().ifPresent(url -> parts.add(SessionPart.POSTGRES));
        if (config.history().kind() != HistoryConfig.Kind.NONE) {
            parts.add(SessionPart.HISTORY);
        }
        parts.add(SessionPart.TOPOLOGY);
        return List.copyOf(parts);
    }

    @Override
    public void start() throws InterruptedException {
        String bootstrap = config.kafka().bootstrapServers();
        listener.onPart(SessionPart.KAFKA, PartState.STARTING, "connecting to " + bootstrap);
        listener.onPart(SessionPart.TOPOLOGY, PartState.WAITING, "");
        ConnectionCheck check;
        try {
            check = preflight.check();
        } catch (RuntimeException e) {
            checkCancelled();
            listener.onPart(SessionPart.KAFKA, PartState.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
        checkCancelled();
        if (!check.kafka().isOk()) {
            listener.onPart(SessionPart.KAFKA, PartState.FAILED, check.kafka().message());
            throw new ClusterUnusableException(check.kafka().message());
        }
        if (check.redis().isPresent() && !check.redis().get().isOk()) {
            listener.onPart(SessionPart.KAFKA, PartState.READY, check.kafka().message());
            listener.onPart(
                    SessionPart.REDIS, PartState.FAILED, check.redis().get().message());
            throw new ClusterUnusableException("Redis: " + check.redis().get().message());
        }
        check.redis().ifPresent(redis -> listener.onPart(SessionPart.REDIS, PartState.READY, redis.message()));
        if (check.postgres().isPresent() && !check.postgres().get().isOk()) {
            listener.onPart(SessionPart.KAFKA, PartState.READY, check.kafka().message());
            listener.onPart(
                    SessionPart.POSTGRES,
                    PartState.FAILED,
                    check.postgres().get().message());
            throw new ClusterUnusableException(
                    "PostgreSQL: " + check.postgres().get().message());
        }
        reference = config.postgres().url().map(url -> migrateReferenceSchema(url));
        checkCancelled();
        history = config.history().kind() == HistoryConfig.Kind.NONE ? Optional.empty() : openHistory(config.history());
        checkCancelled();
        runtime = own(
                Optional.of(SessionPart.TOPOLOGY),
                "pipeline",
                new PipelineRuntime(config, new Json(), clock, history, reference));
        // Starting the runtime creates the topics: the first time the cluster is asked for anything.
        reporting(Optional.of(SessionPart.KAFKA), () -> {
            runtime.start();
            return runtime;
        });
        listener.onPart(SessionPart.KAFKA, PartState.READY, bootstrap + ", topics ready");
        listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "starting Kafka Streams");
        awaitRunning(runtime);
    }

    /**
     * Migrates the reference schema in the configured database; a database that cannot be reached or
     * migrated stops the start, as an unreachable Redis does, with the cause (never the password).
     */
    private PostgresConnection migrateReferenceSchema(String url) {
        PostgresConnection connection = new PostgresConnection(
                url, config.postgres().user(), config.postgres().password());
        listener.onPart(SessionPart.POSTGRES, PartState.STARTING, "migrating the reference schema in " + url);
        return reporting(Optional.of(SessionPart.POSTGRES), () -> {
            int applied = ReferenceSchema.migrate(connection).migrationsExecuted;
            listener.onPart(
                    SessionPart.POSTGRES,
                    PartState.READY,
                    url + " as " + connection.user() + ", "
                            + (applied == 0 ? "schema up to date" : applied + " migration(s) applied"));
            return connection;
        });
    }

    @Override
    public Optional<PostgresConnection> referenceDatabase() {
        return reference;
    }

    @Override
    public PulseboardConfig config() {
        return config;
    }

    @Override
    public PipelineRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("The remote session has not started its pipeline yet");
        }
        return runtime;
    }

    @Override
    public Optional<HistoryStore> history() {
        return history;
    }

    @Override
    public Optional<DemoGenerator> generator() {
        return Optional.empty();
    }
}
