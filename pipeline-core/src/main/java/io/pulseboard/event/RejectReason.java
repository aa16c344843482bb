package io.pulseboard.event;

/**
 * Why a record went to the dead-letter topic. The name is what the {@code pb.dlq.reason} header
 * and the data-quality counts carry.
 */
public enum RejectReason {
    /** The record had no value (a tombstone or an empty payload). */
    EMPTY_VALUE,
    /** The bytes are not JSON. */
    UNPARSEABLE_JSON,
    /** The JSON is valid but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** A field has the right type but an impossible value, e.g. a blank id or a bad timestamp. */
    INVALID_VALUE,
    /** A sale's quantity is zero or negative. */
    NON_POSITIVE_QUANTITY,
    /** A sale's unit price or amount is negative. */
    NEGATIVE_PRICE,
    /** A sale in a currency other than the pipeline's reporting currency. */
    UNSUPPORTED_CURRENCY,
    /** A customer event whose eventType is not one of the documented codes. */
    UNKNOWN_EVENT_TYPE,
    /** The event time lies further ahead of the record's broker timestamp than allowed. */
    FUTURE_TIMESTAMP,
    /** The event arrived after its windows had closed (past the grace period). */
    LATE
}
