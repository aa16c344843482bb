package io.pulseboard.session;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.topic.TopicProvisioner;
import io.pulseboard.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack alone, for clients outside this process ({@code pulseboard stack up}): the in-JVM
 * Kafka with the pipeline's topics created, Redis, and PostgreSQL with the reference schema migrated
 * (empty tables: no demo catalogue). A {@code pulseboard pipeline} (a {@link RemoteSession}), kcat or
 * psql then use it.
 */
public final class LocalStackSession extends AbstractSession {
    private static final Logger log = LoggerFactory.getLogger(LocalStackSession.class);

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
        return List.of(SessionPart.KAFKA, SessionPart.REDIS, SessionPart.POSTGRES);
    }

    @Override
    public void start() {
        StackEndpoints started = startStack(stacks, EnumSet.of(StackPart.KAFKA, StackPart.REDIS, StackPart.POSTGRES));
        checkCancelled();
        started.postgres().ifPresent(this::migrate);
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

    /**
     * Applies the reference schema's migrations, so that the tables are there for psql and for a
     * pipeline started later (which migrates too, finding nothing to do). A failure is the PostgreSQL
     * row's status; the stack runs on without it.
     */
    private void migrate(PostgresEndpoint endpoint) {
        try {
            PostgresConnection connection = connect(endpoint);
            int migrations = ReferenceSchema.migrate(connection).migrationsExecuted;
            listener.onPart(
                    SessionPart.POSTGRES,
                    PartState.READY,
                    endpoint.jdbcUrl().substring("jdbc:".length()) + ", reference schema "
                            + (migrations == 0 ? "up to date" : "created (" + migrations + " migration(s))"));
        } catch (IOException | RuntimeException e) {
            log.warn("Reference schema not migrated in {}", endpoint.jdbcUrl(), e);
            listener.onPart(SessionPart.POSTGRES, PartState.FAILED, "reference schema not migrated: " + e.getMessage());
        }
    }

    /** @return where the stack's servers answer */
    public StackEndpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("The local stack has not started");
        }
        return endpoints;
    }
}
