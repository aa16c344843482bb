package io.pulseboard.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed's view of the input offsets: the newest figures when they can be read, otherwise the last
 * known ones marked unknown since the first failed read, with a problem naming the failure. A
 * successful read clears the problem. Called from the runtime's offsets thread only.
 */
final class LagTracker {

    private static final Logger log = LoggerFactory.getLogger(LagTracker.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Reads the offsets once; {@link OffsetWatcher#poll} in production. */
    @FunctionalInterface
    interface OffsetReader {
        OffsetWatcher.Progress poll() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /**
     * @param progress the figures read now, or the last known offsets with zero rates when unknown
     * @param unknownSince when the offsets stopped being readable (empty: read now)
     * @param problem why they cannot be read (empty: read now)
     */
    record Reading(OffsetWatcher.Progress progress, Optional<Instant> unknownSince, Optional<String> problem) {}

    private final OffsetReader reader;
    private final Clock clock;
    private OffsetWatcher.Progress lastKnown = new OffsetWatcher.Progress(0, 0, 0, 0);
    private Instant unknownSince;

    LagTracker(OffsetReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    Reading read() throws InterruptedException {
        try {
            OffsetWatcher.Progress progress = reader.poll();
            if (unknownSince != null) {
                log.info("Offsets readable again; they were unknown since {}", unknownSince);
                unknownSince = null;
            }
            lastKnown = progress;
            return new Reading(progress, Optional.empty(), Optional.empty());
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            if (unknownSince == null) {
                unknownSince = clock.instant();
                log.warn("Cannot read offsets from Kafka for the metrics feed; the lag is unknown until they can", e);
            } else {
                log.debug("Offsets still unreadable", e);
            }
            String problem = "cannot read offsets from Kafka: " + describe(e) + ": lag unknown since "
                    + TIME.format(unknownSince);
            OffsetWatcher.Progress stale =
                    new OffsetWatcher.Progress(lastKnown.endOffsets(), lastKnown.committedOffsets(), 0, 0);
            return new Reading(stale, Optional.of(unknownSince), Optional.of(problem));
        }
    }

    /**
     * The failure's class and message ("TimeoutException" alone when it has none), taken from the cause
     * when the exception only wraps one (an {@link ExecutionException}, or any without a message).
     */
    static String describe(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && (shown instanceof ExecutionException || shown.getMessage() == null)) {
            shown = shown.getCause();
        }
        String name = shown.getClass().getSimpleName();
        return shown.getMessage() == null ? name : name + " (" + shown.getMessage() + ")";
    }
}
