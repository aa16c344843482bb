package io.pulseboard.session;

/** Where a {@link SessionPart} is in its life-cycle. */
public enum PartState {
    WAITING,
    STARTING,
    READY,
    FAILED,
    STOPPED
}
