package io.pulseboard.stack.kafka;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Kafka asked to end the process ({@code Exit.exit} or {@code Exit.halt}, which its fatal-fault
 * handlers call) while an {@link EmbeddedKafkaBroker} was running. The request was intercepted: the
 * JVM keeps running, but the broker must be considered broken and closed.
 *
 * @param kind whether Kafka asked for an orderly exit or an immediate halt; never null
 * @param statusCode the exit status Kafka asked for
 * @param reason the message Kafka passed, if any; never null
 * @param threadName the thread that asked; never null
 * @param at when it asked; never null
 */
public record BrokerFault(Kind kind, int statusCode, Optional<String> reason, String threadName, Instant at) {

    /** Which of Kafka's {@code Exit} procedures was called. */
    public enum Kind {
        /** {@code Exit.exit}: Kafka wanted the JVM to run its shutdown hooks and stop. */
        EXIT,
        /** {@code Exit.halt}: Kafka wanted the JVM to stop at once (fatal fault). */
        HALT
    }

    public BrokerFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(at, "at");
    }

    /** @return one line for a log or a status bar, e.g. {@code "Kafka called Exit.halt(1) on thread x"} */
    public String describe() {
        String call = kind == Kind.HALT ? "Exit.halt" : "Exit.exit";
        return "Kafka called " + call + "(" + statusCode + ") on thread '" + threadName + "'"
                + reason.map(r -> ": " + r).orElse("") + "; the JVM was kept alive, the broker must be restarted";
    }
}
