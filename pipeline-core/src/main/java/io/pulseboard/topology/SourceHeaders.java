package io.pulseboard.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of the topology and where an event was read. Every verdict on an event (invalid,
 * late) is taken in the task that read it, from its record metadata; dead letters
 * carry the reason and the coordinates (Kafka Connect's DLQ convention: value untouched, context in
 * headers).
 */
public final class SourceHeaders {
    public static final String DLQ_REASON = "pb.dlq.reason";
    public static final String DLQ_DETAIL = "pb.dlq.detail";
    public static final String DLQ_TOPIC = "pb.dlq.source.topic";
    public static final String DLQ_PARTITION = "pb.dlq.source.partition";
    public static final String DLQ_OFFSET = "pb.dlq.source.offset";

    private SourceHeaders() {}

    /** Where an event was read. */
    record Source(String topic, int partition, long offset) {

        /** The coordinates of the record being processed, in the task that read it from its topic. */
        static Source of(org.apache.kafka.streams.processor.api.ProcessingContext context) {
            return context.recordMetadata()
                    .map(m -> new Source(m.topic(), m.partition(), m.offset()))
                    .orElse(new Source("unknown", -1, -1));
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Headers headers, String name, String fallback) {
        Header header = headers.lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }
}
