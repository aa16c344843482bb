package io.pulseboard.event;

import java.time.Instant;

/**
 * Engagement of one customer in one hour, as published on {@code customer-engagement-scores}
 * (JSON, keyed by customerId). {@code score} is the sum of the weights of the customer's events
 * (see {@link CustomerEventType#weight()}).
 */
public record EngagementScore(
        String customerId,
        Instant windowStart,
        Instant windowEnd,
        long pageViews,
        long clicks,
        long addToCarts,
        long purchases,
        long events,
        long score,
        Instant lastEventTime) {}
