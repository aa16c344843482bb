package io.pulseboard.serde;

import io.pulseboard.event.RejectReason;

/** The outcome of parsing one record: a valid event, or the named reason it is not one. */
public sealed interface Parsed<T> {

    record Valid<T>(T event) implements Parsed<T> {}

    record Invalid<T>(RejectReason reason, String detail) implements Parsed<T> {}

    static <T> Parsed<T> invalid(RejectReason reason, String detail) {
        return new Invalid<>(reason, detail);
    }
}
