package io.pulseboard.event;

import java.util.Objects;

/**
 * A rejected record with everything needed to find, understand and replay it.
 *
 * @param reason why it was rejected
 * @param detail human-readable explanation, e.g. the missing field's name
 * @param sourceTopic topic the record was read from
 * @param sourcePartition partition it was read from, -1 when unknown
 * @param sourceOffset offset it was read from, -1 when unknown
 * @param originalKey the record's key bytes, may be null
 * @param originalValue the record's value bytes as received, may be null (for {@link RejectReason#LATE}
 *     records: the event re-encoded as canonical JSON, since only the parsed event travels past the
 *     repartition)
 */
public record DeadLetter(
        RejectReason reason,
        String detail,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        byte[] originalKey,
        byte[] originalValue) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
    }
}
