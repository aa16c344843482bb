package io.pulseboard.installers;

/** A bundle could not be made; the message says which step failed and why. */
final class PackagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PackagingException(String message) {
        super(message);
    }

    PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
