package io.pulseboard.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One sale as it arrives on the {@code sales-events} topic (JSON, see README "Event formats").
 *
 * <p>{@code amount} is the revenue of the sale in {@code currency}; when a producer leaves it out the
 * parser fills in {@code quantity * unitPrice}. All fields are non-null.
 *
 * @param eventId unique id chosen by the producer (used by sinks to de-duplicate)
 * @param timestamp event time: when the sale happened (drives the windows)
 * @param region sales region, e.g. {@code EU-WEST}
 * @param quantity units sold, at least 1
 * @param unitPrice price of one unit, not negative
 * @param amount revenue of this sale, not negative
 * @param currency ISO-4217 code, must equal the pipeline's reporting currency
 * @param channel where the sale happened, e.g. {@code web}, {@code mobile}, {@code store}
 */
public record SalesEvent(
        String eventId,
        Instant timestamp,
        String region,
        String productId,
        String customerId,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal amount,
        String currency,
        String channel) {

    public SalesEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(channel, "channel");
    }
}
