package io.pulseboard.startup;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.HistoryStores;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionListener;
import io.pulseboard.session.SessionPart;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The topology running in this process against a remote Kafka (and optionally Redis), no
 * generator. {@link #start()} blocks: call it off the UI thread.
 */
public final class RemoteSession implements AutoCloseable {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

    private final PulseboardConfig config;
    private final Clock clock;
    private final SessionListener listener;
    private volatile boolean cancelled;
    private PipelineRuntime runtime;
    private Optional<HistoryStore> history = Optional.empty();

    public RemoteSession(PulseboardConfig config, Clock clock, SessionListener listener) {
        this.config = config;
        this.clock = clock;
        this.listener = listener;
    }

    public void start() throws InterruptedException {
        listener.onPart(
                SessionPart.KAFKA,
                PartState.STARTING,
                "connecting to " + config.kafka().bootstrapServers());
        listener.onPart(SessionPart.TOPOLOGY, PartState.WAITING, "");
        try {
            history = HistoryStores.open(config.history());
            runtime = new PipelineRuntime(config, new Json(), clock, history);
            runtime.start();
        } catch (RuntimeException e) {
            listener.onPart(SessionPart.KAFKA, PartState.FAILED, e.getMessage());
            throw e;
        }
        listener.onPart(SessionPart.KAFKA, PartState.READY, config.kafka().bootstrapServers() + ", topics ready");
        listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "starting Kafka Streams");
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (!runtime.awaitRunning(Duration.ofMillis(200))) {
            if (cancelled) {
                throw new CancellationException("Connection cancelled");
            }
            if (System.nanoTime() > deadline) {
                listener.onPart(
                        SessionPart.TOPOLOGY,
                        PartState.FAILED,
                        "not RUNNING after " + RUNNING_TIMEOUT.toSeconds() + " s");
                throw new IllegalStateException("Kafka Streams did not reach RUNNING (state " + runtime.state() + ")");
            }
            listener.onPart(SessionPart.TOPOLOGY, PartState.STARTING, "Kafka Streams " + runtime.state());
        }
        listener.onPart(SessionPart.TOPOLOGY, PartState.READY, "Kafka Streams RUNNING");
    }

    public void cancel() {
        cancelled = true;
    }

    public Optional<PipelineRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }

    /** The history store the session opened, for queries (the History screen). */
    public Optional<HistoryStore> history() {
        return history;
    }

    @Override
    public synchronized void close() {
        cancelled = true;
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        history.ifPresent(HistoryStore::close);
        history = Optional.empty();
    }
}
