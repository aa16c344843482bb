package io.pulseboard.topology;

import io.pulseboard.event.DeadLetter;
import io.pulseboard.event.RejectReason;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lateness rule (docs/adr/0002) in the task that read the events: an event whose earliest window
 * closed before the newest event time this task accepted (its stream time) minus the grace is late,
 * whole. The stream time lives in a store, saved on {@link #save()} (the caller's wall-clock
 * punctuation), so that a restart judges alike.
 */
final class Lateness {

    /** Returned by {@link #lateWindowEnd} for a timely event. */
    static final long TIMELY = Long.MIN_VALUE;

    private static final String STREAM_TIME_KEY = "stream-time";

    private final KeyValueStore<String, Long> store;
    private final TimeWindows windows;
    private long streamTime;
    private long savedStreamTime;

    Lateness(KeyValueStore<String, Long> store, TimeWindows windows) {
        this.store = store;
        this.windows = windows;
        Long saved = store.get(STREAM_TIME_KEY);
        streamTime = saved == null ? Long.MIN_VALUE : saved;
        savedStreamTime = streamTime;
    }

    /**
     * Takes the event into the stream time and judges it.
     *
     * @return the end of the event's earliest window when the event is late, else {@link #TIMELY}
     */
    long lateWindowEnd(long eventTimeMs) {
        streamTime = Math.max(streamTime, eventTimeMs);
        long earliestEnd = earliestWindowEnd(windows, eventTimeMs);
        return earliestEnd <= streamTime - windows.gracePeriodMs() ? earliestEnd : TIMELY;
    }

    /** Writes the stream time to its store if it moved since the last save. */
    void save() {
        if (streamTime != savedStreamTime) {
            store.put(STREAM_TIME_KEY, streamTime);
            savedStreamTime = streamTime;
        }
    }

    /** The dead letter of a late event, naming where the task read it. */
    <T> DeadLetter letter(
            Record<String, T> record, ProcessingContext context, long earliestEnd, Function<T, byte[]> reencode) {
        SourceHeaders.Source source = SourceHeaders.Source.of(context);
        return new DeadLetter(
                RejectReason.LATE,
                "event time " + Instant.ofEpochMilli(record.timestamp()) + " is past the grace of its earliest window, "
                        + "which closed at " + Instant.ofEpochMilli(earliestEnd + windows.gracePeriodMs())
                        + " (stream time " + Instant.ofEpochMilli(streamTime) + ")",
                source.topic(),
                source.partition(),
                source.offset(),
                SourceHeaders.utf8(record.key()),
                reencode.apply(record.value()));
    }

    /**
     * End of the earliest of the windows an event at {@code eventTimeMs} (not negative) falls in,
     * epoch ms: the first window start {@link TimeWindows#windowsFor} would give, plus the size,
     * computed without building the windows (this runs for every event).
     */
    static long earliestWindowEnd(TimeWindows windows, long eventTimeMs) {
        long advance = windows.advanceMs;
        long start = Math.max(0, eventTimeMs - windows.sizeMs + advance) / advance * advance;
        return start + windows.sizeMs;
    }
}
