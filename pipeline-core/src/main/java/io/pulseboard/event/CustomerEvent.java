package io.pulseboard.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer interaction on the {@code customer-events} topic (JSON, see README "Event formats").
 *
 * @param eventId unique id chosen by the producer
 * @param timestamp event time
 * @param customerId the customer; also the key the engagement score is computed for
 * @param sessionId the browsing session the interaction belongs to
 * @param eventType what the customer did
 * @param productId the product concerned, absent for e.g. a plain page view
 */
public record CustomerEvent(
        String eventId,
        Instant timestamp,
        String customerId,
        String sessionId,
        CustomerEventType eventType,
        Optional<String> productId) {

    public CustomerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(productId, "productId");
    }
}
