package io.pulseboard.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link ChildSupervisor} waits before it starts an exited server again: {@link #first()}
 * before the first attempt, doubling with each further attempt up to {@link #max()}; the count starts
 * again once the server has stayed up for {@link #stableAfter()}. Immutable; validated on construction.
 *
 * @param first the wait before attempt 1; positive
 * @param max the longest wait; at least {@code first}
 * @param stableAfter how long a restarted server must stay up for its next exit to count as attempt 1
 *     again; positive
 */
public record RestartBackoff(Duration first, Duration max, Duration stableAfter) {

    /** 0.5 s, 1 s, 2 s, ... up to 30 s; counted from 1 again after a minute up. */
    public static final RestartBackoff DEFAULT =
            new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(1));

    public RestartBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first must be positive, was " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max must be at least first (" + first + "), was " + max);
        }
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw new IllegalArgumentException("stableAfter must be positive, was " + stableAfter);
        }
    }

    /**
     * @param attempt the restart attempt, 1 for the first since the server was last stable
     * @return {@code first * 2^(attempt - 1)}, at most {@link #max()}
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
