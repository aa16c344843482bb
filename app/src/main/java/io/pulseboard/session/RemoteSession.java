package io.pulseboard.session;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.probe.BootstrapReach;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import java.time.Clock;
import java.time.Duration;
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
    private final Duration reachTimeout;
    private final String bootstrapOrigin;
    private volatile Optional<HistoryStore> history = Optional.empty();
    private volatile PipelineRuntime runtime;

    /**
     * @param name how the dashboard names the cluster, e.g. the profile's name
     * @param config the configuration, pointing at the cluster
     * @param clock the pipeline's clock (freshness)
     * @param listener told about every step; see {@link SessionListener} for threads
     */
    public RemoteSession(String name, PulseboardConfig config, Clock clock, SessionListener listener) {
        this(name, config, clock, listener, BootstrapReach.DEFAULT_TIMEOUT, "pulseboard.kafka.bootstrap-servers");
    }

    /**
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
        super(listener);
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reachTimeout = Objects.requireNonNull(reachTimeout, "reachTimeout");
        this.bootstrapOrigin = Objects.requireNonNull(bootstrapOrigin, "bootstrapOrigin");
        if (reachTimeout.isNegative() || reachTimeout.isZero()) {
            throw new IllegalArgumentException("reachTimeout must be positive, was " + reachTimeout);
        }
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
        return config.history().kind() == HistoryConfig.Kind.NONE
                ? List.of(SessionPart.KAFKA, SessionPart.TOPOLOGY)
                : List.of(SessionPart.KAFKA, SessionPart.HISTORY, SessionPart.TOPOLOGY);
    }

    @Override
    public void start() throws InterruptedException {
        String bootstrap = config.kafka().bootstrapServers();
        listener.onPart(SessionPart.KAFKA, PartState.STARTING, "connecting to " + bootstrap);
        listener.onPart(SessionPart.TOPOLOGY, PartState.WAITING, "");
        try {
            BootstrapReach.await(bootstrap, reachTimeout, bootstrapOrigin);
        } catch (RuntimeException e) {
            checkCancelled();
            listener.onPart(SessionPart.KAFKA, PartState.FAILED, String.valueOf(e.getMessage()));
            throw e;
        }
        checkCancelled();
        history = config.history().kind() == HistoryConfig.Kind.NONE ? Optional.empty() : openHistory(config.history());
        checkCancelled();
        runtime = own(
                Optional.of(SessionPart.TOPOLOGY), "pipeline", new PipelineRuntime(config, new Json(), clock, history));
        // Starting the runtime creates the topics: the first time the cluster is asked for anything.
        reporting(Optional.of(SessionPart.KAFKA), () -> {
            runtime.start();
            return runtime;
        });
        listener.onPart(SessionPart.KAFKA, PartState.READY, bootstrap + ", topics ready");
        listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "starting Kafka Streams");
        awaitRunning(runtime);
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
