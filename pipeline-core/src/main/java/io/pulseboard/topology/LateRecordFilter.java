package io.pulseboard.topology;

import io.pulseboard.event.DeadLetter;
import io.pulseboard.event.RejectReason;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Sends an event to the dead letters as {@link RejectReason#LATE} when any of its windows has
 * closed, so that every event is either in all its windows or in the dead-letter topic (the DSL's
 * window aggregation would otherwise drop it from the closed windows only, silently).
 *
 * <p>A window closes when stream time passes its end plus grace. This filter judges with the task's
 * stream time, which is never behind the aggregation's own observed time (the aggregation sees a
 * subset of the same records), so whatever passes here is counted in every window downstream.
 * See docs/adr/0002-late-events-whole-or-nothing.md.
 */
final class LateRecordFilter<T> implements FixedKeyProcessor<String, T, Routed<T>> {

    private final TimeWindows windows;
    private final Function<T, byte[]> reencode;
    private FixedKeyProcessorContext<String, Routed<T>> context;

    LateRecordFilter(TimeWindows windows, Function<T, byte[]> reencode) {
        this.windows = windows;
        this.reencode = reencode;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Routed<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, T> record) {
        long closeTime = context.currentStreamTimeMs() - windows.gracePeriodMs();
        long earliestEnd = windows.windowsFor(record.timestamp()).values().stream()
                .mapToLong(w -> w.end())
                .min()
                .orElse(Long.MAX_VALUE);
        if (earliestEnd > closeTime) {
            context.forward(record.withValue((Routed<T>) new Routed.Accepted<>(record.value()))
                    .withHeaders(new RecordHeaders()));
            return;
        }
        DeadLetter letter = new DeadLetter(
                RejectReason.LATE,
                "event time " + Instant.ofEpochMilli(record.timestamp()) + " is past the grace of its earliest window, "
                        + "which closed at " + Instant.ofEpochMilli(earliestEnd + windows.gracePeriodMs())
                        + " (stream time " + Instant.ofEpochMilli(context.currentStreamTimeMs()) + ")",
                SourceHeaders.text(record.headers(), SourceHeaders.SOURCE_TOPIC, "unknown"),
                (int) SourceHeaders.number(record.headers(), SourceHeaders.SOURCE_PARTITION),
                SourceHeaders.number(record.headers(), SourceHeaders.SOURCE_OFFSET),
                SourceHeaders.utf8(record.key()),
                reencode.apply(record.value()));
        context.forward(
                record.withValue((Routed<T>) new Routed.Rejected<T>(letter)).withHeaders(new RecordHeaders()));
    }
}
