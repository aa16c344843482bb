package io.pulseboard.stack.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's fatal-fault handlers from ending the host JVM. Kafka's {@code
 * ProcessTerminatingFaultHandler} (used by {@code KafkaRaftServer} for metadata faults) and a few
 * other places call {@link Exit#halt} or {@link Exit#exit}; by default those are {@code
 * Runtime.halt} and {@code System.exit}, which would close the desktop app without a word.
 *
 * <p>While at least one broker is registered, both procedures are replaced by one that logs the
 * call (with its stack) and hands a {@link BrokerFault} to every registered broker; when the last
 * one leaves, Kafka's defaults are restored. Kafka's procedures are process-wide statics, so this
 * registry is static too: it is the one place that owns them. Kafka offers no getter, so a
 * procedure installed by someone else before us is replaced by the default on restore.
 *
 * <p>Thread-safe. The procedure runs on whichever Kafka thread asked to exit.
 */
final class ExitTrap {
    private static final Logger log = LoggerFactory.getLogger(ExitTrap.class);

    private static final Object lock = new Object();

    // Guarded by lock.
    private static final List<Consumer<BrokerFault>> sinks = new ArrayList<>();

    private ExitTrap() {}

    /** A registration; closing it is idempotent. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts routing Kafka's exit and halt calls to {@code sink}.
     *
     * @param sink receives each fault, on the Kafka thread that asked to exit; must not block
     * @return the registration to close when the broker has stopped
     */
    static Registration register(Consumer<BrokerFault> sink) {
        synchronized (lock) {
            if (sinks.isEmpty()) {
                Exit.setExitProcedure((status, message) -> intercept(BrokerFault.Kind.EXIT, status, message));
                Exit.setHaltProcedure((status, message) -> intercept(BrokerFault.Kind.HALT, status, message));
            }
            sinks.add(sink);
        }
        return new Registration() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    sinks.remove(sink);
                    if (sinks.isEmpty()) {
                        Exit.resetExitProcedure();
                        Exit.resetHaltProcedure();
                    }
                }
            }
        };
    }

    private static void intercept(BrokerFault.Kind kind, int status, String message) {
        BrokerFault fault = new BrokerFault(
                kind,
                status,
                Optional.ofNullable(message),
                Thread.currentThread().getName(),
                Instant.now());
        // The Throwable only records where Kafka asked to exit; nothing is thrown.
        log.error("{}", fault.describe(), new Throwable("call site of the intercepted Kafka Exit." + kind));
        List<Consumer<BrokerFault>> targets;
        synchronized (lock) {
            targets = List.copyOf(sinks);
        }
        for (Consumer<BrokerFault> target : targets) {
            try {
                target.accept(fault);
            } catch (RuntimeException e) {
                // A Kafka thread is the boundary here: report and carry on notifying the others.
                log.error("Broker fault listener failed while handling: {}", fault.describe(), e);
            }
        }
    }
}
