package io.pulseboard.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a connection test: one {@link Part} for Kafka and, if the profile names them, one for
 * Redis and one for the PostgreSQL of the reference data. Immutable; may be passed between threads.
 *
 * @param kafka the Kafka check; never null
 * @param redis the Redis check, or empty when the profile has no Redis URI; never null
 * @param postgres the PostgreSQL check, or empty when the profile has no PostgreSQL URL; never null
 */
public record ConnectionCheck(Part kafka, Optional<Part> redis, Optional<Part> postgres) {

    /** Whether a part could be reached and used. */
    public enum Status {
        OK,
        FAILED
    }

    /**
     * One checked service.
     *
     * @param status OK or FAILED; never null
     * @param message for OK a detail ("3 brokers, cluster id ..."), for FAILED what went wrong and
     *     where, in words for a person; never null, never contains a secret
     */
    public record Part(Status status, String message) {
        public Part {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }

        /** @return an OK part with the given detail */
        public static Part ok(String detail) {
            return new Part(Status.OK, detail);
        }

        /** @return a FAILED part with the given explanation */
        public static Part failed(String message) {
            return new Part(Status.FAILED, message);
        }

        /** @return whether this part is OK */
        public boolean isOk() {
            return status == Status.OK;
        }
    }

    public ConnectionCheck {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(postgres, "postgres");
    }

    /** A check of Kafka and Redis alone (a profile without PostgreSQL). */
    public ConnectionCheck(Part kafka, Optional<Part> redis) {
        this(kafka, redis, Optional.empty());
    }

    /** @return OK if every checked part is OK, else FAILED */
    public Status status() {
        boolean ok = kafka.isOk()
                && redis.map(Part::isOk).orElse(true)
                && postgres.map(Part::isOk).orElse(true);
        return ok ? Status.OK : Status.FAILED;
    }

    /** @return one line per part, e.g. {@code "Kafka OK: 1 broker ...\nRedis FAILED: ..."}; never null */
    public String summary() {
        StringBuilder text = new StringBuilder(line("Kafka", kafka));
        redis.ifPresent(part -> text.append('\n').append(line("Redis", part)));
        postgres.ifPresent(part -> text.append('\n').append(line("PostgreSQL", part)));
        return text.toString();
    }

    private static String line(String service, Part part) {
        return service + " " + part.status() + ": " + part.message();
    }
}
