package io.pulseboard.stack;

import io.pulseboard.stack.StackProgress.Phase;
import io.pulseboard.stack.kafka.BrokerFault;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LocalStack} that runs its parts inside this JVM: today only Kafka ({@link
 * EmbeddedKafkaBroker}); Redis and ClickHouse will join as further parts, each reported to {@link
 * StackProgress} under its own name.
 *
 * <p>Single use. {@link #start()} and {@link #close()} block and are meant for a background thread;
 * a fatal broker fault is reported as {@link Phase#FAILED} on the Kafka thread that raised it.
 */
public final class EmbeddedKafkaStack implements LocalStack {
    /** The part name under which Kafka's progress is reported. */
    public static final String KAFKA_PART = "kafka";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaStack.class);

    private final StackProgress progress;
    private final EmbeddedKafkaBroker kafka;
    private final Object lifecycle = new Object();

    // Guarded by lifecycle.
    private StackEndpoints endpoints;
    private boolean closed;

    /**
     * @param kafkaConfig settings of the embedded broker; never null
     * @param progress told about each part's life-cycle; see {@link StackProgress} for threads; never null
     */
    public EmbeddedKafkaStack(EmbeddedKafkaConfig kafkaConfig, StackProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.kafka = new EmbeddedKafkaBroker(Objects.requireNonNull(kafkaConfig, "kafkaConfig"), this::onKafkaFault);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calling it again while running returns the same endpoints.
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
            report(Phase.STARTING, "Starting Kafka in " + kafka.config().dataDir());
            try {
                String bootstrap = kafka.start();
                endpoints = StackEndpoints.ofKafka(bootstrap);
            } catch (StackException e) {
                report(Phase.FAILED, e.getMessage());
                throw e;
            }
            report(Phase.READY, endpoints.kafkaBootstrap());
            return endpoints;
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            boolean wasStarted = kafka.state() != EmbeddedKafkaBroker.State.NEW;
            kafka.close();
            if (wasStarted) {
                report(Phase.STOPPED, "Kafka stopped");
            }
        }
    }

    private void onKafkaFault(BrokerFault fault) {
        report(Phase.FAILED, fault.describe());
    }

    private void report(Phase phase, String message) {
        try {
            progress.onProgress(KAFKA_PART, phase, message);
        } catch (RuntimeException e) {
            log.warn("Stack progress listener failed on {} {}", KAFKA_PART, phase, e);
        }
    }
}
