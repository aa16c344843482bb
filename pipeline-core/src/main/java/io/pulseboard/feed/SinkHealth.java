package io.pulseboard.feed;

import io.pulseboard.config.UriPasswords;
import java.time.Instant;
import java.util.Optional;

/**
 * How a sink is doing, for the feed and the UI. Immutable.
 *
 * @param name e.g. {@code redis}
 * @param state see {@link State}
 * @param written writes the store acknowledged since start
 * @param buffered writes waiting (held while the store is slow or down)
 * @param dropped writes pushed out of a full buffer (their keys are re-synced later)
 * @param failedFlushes flushes that failed and were retried
 * @param resyncs times the latest values were re-sent from the window stores
 * @param lastError the newest failure, if any; any password of a URI in it is masked ({@link
 *     UriPasswords}), since the console and the dashboard show it
 * @param since when the sink entered its current state
 */
public record SinkHealth(
        String name,
        State state,
        long written,
        long buffered,
        long dropped,
        long failedFlushes,
        long resyncs,
        Optional<String> lastError,
        Instant since) {

    public SinkHealth {
        lastError = lastError.map(UriPasswords::mask);
    }

    public enum State {
        /** Not configured. */
        DISABLED,
        /** Connecting for the first time. */
        CONNECTING,
        /** Writes succeed. */
        UP,
        /** Writes fail; they are held and retried with back-off. */
        DOWN
    }

    public static SinkHealth disabled(String name) {
        return new SinkHealth(name, State.DISABLED, 0, 0, 0, 0, 0, Optional.empty(), Instant.EPOCH);
    }
}
