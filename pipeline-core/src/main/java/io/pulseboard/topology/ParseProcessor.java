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
 * Parses raw input bytes and enriches the event (e.g. converts its currency). A valid event is
 * re-keyed (region, customer) and stamped with its event time; an invalid one, or one the enrichment
 * rejects, becomes a {@link DeadLetter} naming its source coordinates and keeping its original bytes.
 */
final class ParseProcessor<T> implements Processor<byte[], byte[], String, Routed<T>> {

    /** A step after parsing that may change a valid event or reject it, with state stores at hand. */
    interface Enrichment<T> {
        /** Called once, from {@link Processor#init}: look up the stores here. */
        default void init(ProcessorContext<?, ?> context) {}

        /** @return the event to count, or why it is rejected; never null */
        Parsed<T> apply(T event);

        static <T> Enrichment<T> none() {
            return Parsed.Valid::new;
        }
    }

    private final BiFunction<byte[], Long, Parsed<T>> parser;
    private final Enrichment<T> enrichment;
    private final Function<T, String> key;
    private final Function<T, Instant> eventTime;
    private ProcessorContext<String, Routed<T>> context;

    ParseProcessor(
            BiFunction<byte[], Long, Parsed<T>> parser,
            Enrichment<T> enrichment,
            Function<T, String> key,
            Function<T, Instant> eventTime) {
        this.parser = parser;
        this.enrichment = enrichment;
        this.key = key;
        this.eventTime = eventTime;
    }

    @Override
    public void init(ProcessorContext<String, Routed<T>> context) {
        this.context = context;
        enrichment.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Parsed<T> parsed = parser.apply(record.value(), record.timestamp());
        if (parsed instanceof Parsed.Valid<T> valid) {
            parsed = enrichment.apply(valid.event());
        }
        if (parsed instanceof Parsed.Valid<T> valid) {
            T event = valid.event();
            // No source headers: lateness, the only later verdict, is judged in this same task, which
            // reads the coordinates from the record metadata.
            context.forward(new Record<>(
                    key.apply(event),
                    new Routed.Accepted<>(event),
                    eventTime.apply(event).toEpochMilli(),
                    new RecordHeaders()));
        } else if (parsed instanceof Parsed.Invalid<T> invalid) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
            int partition =
                    context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
            long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
            DeadLetter letter = new DeadLetter(
                    invalid.reason(), invalid.detail(), topic, partition, offset, record.key(), record.value());
            context.forward(new Record<>(null, new Routed.Rejected<>(letter), record.timestamp(), new RecordHeaders()));
        }
    }
}
