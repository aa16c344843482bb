package io.pulseboard.history;

/** A history store could not be reached or refused an operation; the message names the store. */
public final class HistoryStoreException extends RuntimeException {
    public HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
