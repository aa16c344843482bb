package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.format.DisplayFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How old the newest event behind a live tile is, as a level and a text (the level is never told by
 * colour alone): "live · 2.1 s", "stale · 42 s", "stalled · 3 min" (whole minutes or hours), or
 * "waiting for data".
 *
 * @param level how worried to be
 * @param age the age, zero while waiting
 * @param text what the tile's badge says
 */
public record Freshness(Level level, Duration age, String text) {

    /** Older than this, a tile turns amber: a pipeline that is live delivers within a few seconds. */
    public static final Duration AMBER_AFTER = Duration.ofSeconds(10);
    /** Older than this, a tile turns red: the pipeline or the feed has stalled. */
    public static final Duration RED_AFTER = Duration.ofSeconds(60);

    public static final Freshness WAITING = new Freshness(Level.WAITING, Duration.ZERO, "waiting for data");

    public enum Level {
        WAITING,
        LIVE,
        STALE,
        STALLED
    }

    /**
     * @param newest the newest event (or snapshot) the tile's figures are drawn from; empty before any
     * @param now the wall clock
     */
    static Freshness of(Optional<Instant> newest, Instant now, DisplayFormat format) {
        if (newest.isEmpty()) {
            return WAITING;
        }
        Duration age = Duration.between(newest.get(), now);
        if (age.isNegative()) {
            // An event stamped slightly ahead of this machine's clock is as fresh as can be.
            age = Duration.ZERO;
        }
        if (age.compareTo(RED_AFTER) > 0) {
            // Whole minutes (or hours): the badge must fit beside the tile's title.
            String coarse =
                    age.toHours() > 0 ? format.count(age.toHours()) + " h" : format.count(age.toMinutes()) + " min";
            return new Freshness(Level.STALLED, age, "stalled · " + coarse);
        }
        if (age.compareTo(AMBER_AFTER) > 0) {
            return new Freshness(Level.STALE, age, "stale · " + format.duration(age));
        }
        return new Freshness(Level.LIVE, age, "live · " + format.duration(age));
    }
}
