package io.pulseboard.stack;

/**
 * A part of the local stack could not be started, failed while running, or could not be stopped.
 *
 * <p>Unchecked: callers either let it reach the thread boundary (where it is logged once and shown
 * in the UI) or catch it to offer a retry. The message names the part and what to check; the cause,
 * when there is one, is the underlying failure.
 */
public class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and, where known, how to fix it; never null
     */
    public StackException(String message) {
        super(message);
    }

    /**
     * @param message what failed and, where known, how to fix it; never null
     * @param cause the underlying failure; may be null
     */
    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
