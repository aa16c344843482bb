package io.pulseboard.session;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.topic.TopicProvisioner;
import io.pulseboard.topic.Topics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local stack alone, for clients outside this process ({@code pulseboard stack up}): the in-JVM
 * Kafka with the pipeline's topics created, and Redis. A {@code pulseboard pipeline} (a {@link
 * RemoteSession}) or kcat then use it.
 */
public final class LocalStackSession extends AbstractSession {

    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(60);

    private final PulseboardConfig loaded;
    private final LocalStackFactory stacks;
    private volatile StackEndpoints endpoints;

    /**
     * @param loaded the configuration (partitions of the topics); its endpoints are replaced by the
     *     stack's
     * @param stacks makes the local stack
     * @param listener told about every step; see {@link SessionListener} for threads
     */
    public LocalStackSession(PulseboardConfig loaded, LocalStackFactory stacks, SessionListener listener) {
        super(listener);
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
    }

    @Override
    public String title() {
        return "Starting the local stack";
    }

    @Override
    public List<SessionPart> parts() {
        return List.of(SessionPart.KAFKA, SessionPart.REDIS);
    }

    @Override
    public void start() {
        StackEndpoints started = startStack(stacks, EnumSet.of(StackPart.KAFKA, StackPart.REDIS));
        checkCancelled();
        PulseboardConfig config = pointAt(loaded, started);
        reporting(Optional.of(SessionPart.KAFKA), () -> {
            try (Admin admin = Admin.create(config.kafka().toAdminProperties())) {
                new TopicProvisioner(admin)
                        .ensure(
                                Topics.create(new Json(), config.topology().partitions())
                                        .all(),
                                TOPICS_TIMEOUT);
            }
            return config;
        });
        checkCancelled();
        listener.onPart(SessionPart.KAFKA, PartState.READY, started.kafkaBootstrap() + ", topics ready");
        endpoints = started;
    }

    /** @return where the stack's servers answer */
    public StackEndpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("The local stack has not started");
        }
        return endpoints;
    }
}
