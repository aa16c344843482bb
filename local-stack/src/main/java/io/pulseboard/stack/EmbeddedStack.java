package io.pulseboard.stack;

import io.pulseboard.stack.StackProgress.Phase;
import io.pulseboard.stack.kafka.BrokerFault;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalStack} whose parts run on this machine without Docker: Kafka inside this JVM ({@link
 * EmbeddedKafkaBroker}), then Redis as a child process ({@link RedisServerProcess}). Each part is
 * reported to {@link StackProgress} under its {@link StackPart}; the {@link Phase#READY} message is the
 * part's endpoint.
 *
 * <p>Kafka is required: if it cannot start, {@link #start()} throws. Redis is optional: if it cannot
 * start, that is reported as {@link Phase#FAILED} with the reason and {@link #start()} returns endpoints
 * without a Redis URI, because the pipeline runs without Redis. {@link #close()} stops Redis, then Kafka.
 *
 * <p>Single use. {@link #start()} and {@link #close()} block and are meant for a background thread;
 * a fatal broker fault is reported as {@link Phase#FAILED} on the Kafka thread that raised it. {@link
 * #redis()} may be called from any thread.
 */
public final class EmbeddedStack implements LocalStack {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final StackProgress progress;
    private final EmbeddedKafkaBroker kafka;
    private final RedisServerProcess redis;
    private final Object lifecycle = new Object();
    private volatile boolean redisStarted;

    // Guarded by lifecycle.
    private StackEndpoints endpoints;
    private boolean redisAttempted;
    private boolean closed;

    /**
     * @param kafkaConfig settings of the embedded broker; never null
     * @param redisConfig settings of the Redis server process; never null
     * @param progress told about each part's life-cycle; see {@link StackProgress} for threads; never null
     */
    public EmbeddedStack(EmbeddedKafkaConfig kafkaConfig, RedisServerConfig redisConfig, StackProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.kafka = new EmbeddedKafkaBroker(Objects.requireNonNull(kafkaConfig, "kafkaConfig"), this::onKafkaFault);
        this.redis = new RedisServerProcess(Objects.requireNonNull(redisConfig, "redisConfig"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calling it again while running returns the same endpoints. A Redis that failed to start is not
     * retried by a second call.
     *
     * @throws StackException if Kafka cannot start (Redis is then not started)
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
            StackEndpoints started = StackEndpoints.ofKafka(startKafka());
            endpoints = startRedis().map(started::withRedis).orElse(started);
            return endpoints;
        }
    }

    /**
     * The Redis server, for callers that manage it directly: a test that kills and restarts it, a UI
     * action that restarts it. A restart through it is not reported to {@link StackProgress}.
     *
     * @return the Redis server once it has started; empty before {@link #start()} and when Redis failed
     *     to start. Still present (stopped) after {@link #close()}
     */
    public Optional<RedisServerProcess> redis() {
        return redisStarted ? Optional.of(redis) : Optional.empty();
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            redis.close();
            if (redisAttempted) {
                report(StackPart.REDIS, Phase.STOPPED, "Redis stopped");
            }
            boolean kafkaWasStarted = kafka.state() != EmbeddedKafkaBroker.State.NEW;
            kafka.close();
            if (kafkaWasStarted) {
                report(StackPart.KAFKA, Phase.STOPPED, "Kafka stopped");
            }
        }
    }

    // Caller holds lifecycle.
    private String startKafka() {
        report(
                StackPart.KAFKA,
                Phase.STARTING,
                "Starting Kafka in " + kafka.config().dataDir());
        String bootstrap;
        try {
            bootstrap = kafka.start();
        } catch (StackException e) {
            report(StackPart.KAFKA, Phase.FAILED, e.getMessage());
            throw e;
        }
        report(StackPart.KAFKA, Phase.READY, bootstrap);
        return bootstrap;
    }

    // Caller holds lifecycle. Redis failing is handled here: logged once and reported, not thrown.
    private Optional<String> startRedis() {
        redisAttempted = true;
        report(
                StackPart.REDIS,
                Phase.STARTING,
                "Starting Redis in " + redis.config().dataDir());
        String uri;
        try {
            uri = redis.start();
        } catch (StackException e) {
            log.warn("Redis did not start; the pipeline will run without it", e);
            report(StackPart.REDIS, Phase.FAILED, e.getMessage());
            return Optional.empty();
        }
        redisStarted = true;
        report(StackPart.REDIS, Phase.READY, uri);
        return Optional.of(uri);
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
