package io.pulseboard.session;

/**
 * A remote session's {@link Preflight} found the cluster (Kafka, or the Redis the profile names)
 * unreachable or unusable; the message says which, why and what to do, as "Test connection" does.
 */
public final class ClusterUnusableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClusterUnusableException(String message) {
        super(message);
    }
}
