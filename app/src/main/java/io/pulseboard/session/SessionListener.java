package io.pulseboard.session;

/**
 * Told about every step of every part of a session. Called on the starting thread, on a part's own
 * start thread or on a server thread that reports a failure: implementations must be thread-safe,
 * return quickly and not throw.
 */
@FunctionalInterface
public interface SessionListener {

    /** A listener that ignores every step. */
    SessionListener NONE = (part, state, message) -> {};

    /**
     * @param part the part; never null
     * @param state the state it reached; never null
     * @param message detail for a status line (an endpoint, a failure); never null, may be empty
     */
    void onPart(SessionPart part, PartState state, String message);
}
