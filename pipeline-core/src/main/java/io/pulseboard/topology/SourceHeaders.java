package io.pulseboard.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of the topology. Accepted events that cross a repartition carry their source
 * coordinates so that a record rejected later (late) still names where it came from (an event
 * judged in the task that read it takes them from its record metadata); dead letters
 * carry the reason and the coordinates (Kafka Connect's DLQ convention: value untouched, context in
 * headers).
 */
public final class SourceHeaders {
    public static final String SOURCE_TOPIC = "pb.source.topic";
    public static final String SOURCE_PARTITION = "pb.source.partition";
    public static final String SOURCE_OFFSET = "pb.source.offset";

    public static final String DLQ_REASON = "pb.dlq.reason";
    public static final String DLQ_DETAIL = "pb.dlq.detail";
    public static final String DLQ_TOPIC = "pb.dlq.source.topic";
    public static final String DLQ_PARTITION = "pb.dlq.source.partition";
    public static final String DLQ_OFFSET = "pb.dlq.source.offset";

    private SourceHeaders() {}

    /** Where an event was read: its record's metadata, or the headers it brought across a repartition. */
    record Source(String topic, int partition, long offset) {

        /** The coordinates of the record being processed. */
        static Source of(org.apache.kafka.streams.processor.api.ProcessingContext context, Headers headers) {
            Header topic = headers.lastHeader(SOURCE_TOPIC);
            if (topic != null) {
                return new Source(
                        new String(topic.value(), StandardCharsets.UTF_8),
                        (int) number(headers, SOURCE_PARTITION),
                        number(headers, SOURCE_OFFSET));
            }
            return context.recordMetadata()
                    .map(m -> new Source(m.topic(), m.partition(), m.offset()))
                    .orElse(new Source("unknown", -1, -1));
        }

        /** Adds the coordinates to headers that cross a repartition. */
        void addTo(Headers headers) {
            headers.add(SOURCE_TOPIC, utf8(topic));
            headers.add(SOURCE_PARTITION, int64(partition));
            headers.add(SOURCE_OFFSET, int64(offset));
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] int64(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static String text(Headers headers, String name, String fallback) {
        Header header = headers.lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    static long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Long.BYTES
                ? -1
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
