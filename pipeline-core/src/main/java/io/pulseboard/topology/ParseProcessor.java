package io.pulseboard.topology;

import io.pulseboard.event.DeadLetter;
import io.pulseboard.serde.Parsed;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses raw input bytes. A valid event is re-keyed (region, customer), stamped with its event time
 * and tagged with its source coordinates; an invalid one becomes a {@link DeadLetter}.
 */
final class ParseProcessor<T> implements Processor<byte[], byte[], String, Routed<T>> {

    private final BiFunction<byte[], Long, Parsed<T>> parser;
    private final Function<T, String> key;
    private final Function<T, Instant> eventTime;
    private ProcessorContext<String, Routed<T>> context;

    ParseProcessor(
            BiFunction<byte[], Long, Parsed<T>> parser, Function<T, String> key, Function<T, Instant> eventTime) {
        this.parser = parser;
        this.key = key;
        this.eventTime = eventTime;
    }

    @Override
    public void init(ProcessorContext<String, Routed<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        Parsed<T> parsed = parser.apply(record.value(), record.timestamp());
        if (parsed instanceof Parsed.Valid<T> valid) {
            T event = valid.event();
            RecordHeaders headers = new RecordHeaders();
            headers.add(SourceHeaders.SOURCE_TOPIC, SourceHeaders.utf8(topic));
            headers.add(SourceHeaders.SOURCE_PARTITION, SourceHeaders.int64(partition));
            headers.add(SourceHeaders.SOURCE_OFFSET, SourceHeaders.int64(offset));
            context.forward(new Record<>(
                    key.apply(event),
                    new Routed.Accepted<>(event),
                    eventTime.apply(event).toEpochMilli(),
                    headers));
        } else if (parsed instanceof Parsed.Invalid<T> invalid) {
            DeadLetter letter = new DeadLetter(
                    invalid.reason(), invalid.detail(), topic, partition, offset, record.key(), record.value());
            context.forward(new Record<>(null, new Routed.Rejected<>(letter), record.timestamp(), new RecordHeaders()));
        }
    }
}
