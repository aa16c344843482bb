package io.pulseboard.stack;

/**
 * Receives the life-cycle of each {@link StackPart} of a {@link LocalStack} so that a UI can show one
 * status per part.
 *
 * <p>Threads: {@link Phase#STARTING}, {@link Phase#READY} and {@link Phase#STOPPED} are reported on
 * the thread that calls {@link LocalStack#start()} or {@link LocalStack#close()}, except for a part
 * that starts on a thread of its own while the others start (ClickHouse and PostgreSQL in {@link
 * io.pulseboard.stack.embedded.EmbeddedStack}): its {@link Phase#STARTING}, {@link Phase#READY} and
 * {@link Phase#FAILED} come from that thread (PostgreSQL's {@link Phase#FAILED} from the starting thread
 * when its start did not end in time), in
 * between the other parts' updates. {@link Phase#FAILED} may also be reported on a server's internal
 * thread when a running part fails. A child server that exits on its own while the stack runs is
 * started again by a {@link ChildSupervisor}: {@link Phase#RESTARTING}, then {@link Phase#STARTING} and
 * {@link Phase#READY} (or {@link Phase#RESTARTING} again) come from the supervisor's thread. An implementation must therefore be thread-safe, return quickly
 * (hand the update to a UI buffer, never block on the UI thread) and not throw: an exception it throws
 * is logged and otherwise ignored.
 *
 * <p>Each part reported {@link Phase#STARTING} is reported {@link Phase#STOPPED} once, after it has
 * been stopped: by {@link LocalStack#close()}, or already by a failed {@link LocalStack#start()} for
 * the parts that had become {@link Phase#READY}. A part that {@link Phase#FAILED} is still reported
 * {@link Phase#STOPPED} by {@link LocalStack#close()}.
 */
@FunctionalInterface
public interface StackProgress {

    /** A listener that ignores every update. */
    StackProgress NONE = (part, phase, message) -> {};

    /** Where a part of the stack is in its life-cycle. */
    enum Phase {
        /** The part is being brought up. */
        STARTING,
        /** The part accepts connections at the endpoint returned by {@link LocalStack#start()}. */
        READY,
        /** The part could not start or failed while running; the message says why. */
        FAILED,
        /**
         * The part's server exited while the stack runs and will be started again; the message says how
         * it ended, when, and in how long the next attempt comes, e.g. {@code exited (code 137) at
         * 14:02:03 UTC; restarting in 1 s (attempt 2)}. {@link #STARTING} and {@link #READY} follow.
         */
        RESTARTING,
        /** The part was shut down. */
        STOPPED
    }

    /**
     * Reports one step of one part.
     *
     * @param part the part; never null
     * @param phase the phase reached; never null
     * @param message human-readable detail for a status line, e.g. the bootstrap address or the
     *     failure; never null, may be empty
     */
    void onProgress(StackPart part, Phase phase, String message);
}
