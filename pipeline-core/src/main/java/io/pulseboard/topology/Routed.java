package io.pulseboard.topology;

import io.pulseboard.event.DeadLetter;

/** A record on its way through the topology: accepted for the metrics, or rejected to the dead letters. */
sealed interface Routed<T> {

    record Accepted<T>(T value) implements Routed<T> {}

    record Rejected<T>(DeadLetter deadLetter) implements Routed<T> {}

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
