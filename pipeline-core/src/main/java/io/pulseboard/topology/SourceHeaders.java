package io.pulseboard.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of the topology. Accepted events carry their source coordinates across the
 * repartition so that a record rejected later (late) still names where it came from; dead letters
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
