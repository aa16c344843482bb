package io.pulseboard.topology;

import io.pulseboard.event.DeadLetter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Dead-letter record layout: original key and value bytes, reason and coordinates in headers. */
final class DeadLetterRecords {

    private DeadLetterRecords() {}

    /** Turns a rejected record into the dead-letter topic's layout. */
    static final class Writer<K, T> implements Processor<K, Routed<T>, byte[], byte[]> {
        private ProcessorContext<byte[], byte[]> context;

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<K, Routed<T>> record) {
            if (!(record.value() instanceof Routed.Rejected<T> rejected)) {
                throw new IllegalStateException("only rejected records reach the dead-letter writer");
            }
            DeadLetter letter = rejected.deadLetter();
            RecordHeaders headers = new RecordHeaders();
            headers.add(
                    SourceHeaders.DLQ_REASON, SourceHeaders.utf8(letter.reason().name()));
            headers.add(SourceHeaders.DLQ_DETAIL, SourceHeaders.utf8(letter.detail()));
            headers.add(SourceHeaders.DLQ_TOPIC, SourceHeaders.utf8(letter.sourceTopic()));
            headers.add(SourceHeaders.DLQ_PARTITION, SourceHeaders.utf8(Integer.toString(letter.sourcePartition())));
            headers.add(SourceHeaders.DLQ_OFFSET, SourceHeaders.utf8(Long.toString(letter.sourceOffset())));
            context.forward(new Record<>(letter.originalKey(), letter.originalValue(), record.timestamp(), headers));
        }
    }

    /** Re-keys a dead letter by its reason, for counting. */
    static final class ReasonKey implements Processor<byte[], byte[], String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String reason = SourceHeaders.text(record.headers(), SourceHeaders.DLQ_REASON, "UNKNOWN");
            context.forward(new Record<>(reason, reason, record.timestamp(), new RecordHeaders()));
        }
    }
}
