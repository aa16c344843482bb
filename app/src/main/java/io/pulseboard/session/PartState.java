package io.pulseboard.session;

/** Where a {@link SessionPart} is in its life-cycle. */
public enum PartState {
    WAITING,
    STARTING,
    READY,
    FAILED,
    /** The part's server exited while running and is started again; the message says why and when. */
    RESTARTING,
    STOPPED
}
