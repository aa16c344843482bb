package io.pulseboard.event;

/**
 * Running total of rejected records for one reason, as published on {@code data-quality-metrics}
 * (JSON, keyed by reason).
 */
public record DataQualityCount(RejectReason reason, long count) {}
