package io.pulseboard.topology;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.EngagementScore;
import java.time.Instant;

/** Running counts of one customer's hour (the window store's value). */
public record EngagementAggregate(
        long pageViews, long clicks, long addToCarts, long purchases, long events, long score, long lastEventMs) {

    /** The window store's binary layout. */
    public static org.apache.kafka.common.serialization.Serde<EngagementAggregate> serde() {
        return new io.pulseboard.serde.BinarySerde<>(
                "EngagementAggregate",
                1,
                (out, a) -> {
                    out.writeLong(a.pageViews());
                    out.writeLong(a.clicks());
                    out.writeLong(a.addToCarts());
                    out.writeLong(a.purchases());
                    out.writeLong(a.events());
                    out.writeLong(a.score());
                    out.writeLong(a.lastEventMs());
                },
                in -> new EngagementAggregate(
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong()));
    }

    public static EngagementAggregate empty() {
        return new EngagementAggregate(0, 0, 0, 0, 0, 0, Long.MIN_VALUE);
    }

    /** The published form of this customer's hour. */
    public EngagementScore toScore(String customerId, Instant windowStart, Instant windowEnd) {
        return new EngagementScore(
                customerId,
                windowStart,
                windowEnd,
                pageViews,
                clicks,
                addToCarts,
                purchases,
                events,
                score,
                Instant.ofEpochMilli(lastEventMs));
    }

    /** These counts plus another set (a partial sum of the same customer's events). */
    public EngagementAggregate merge(EngagementAggregate other) {
        return new EngagementAggregate(
                pageViews + other.pageViews,
                clicks + other.clicks,
                addToCarts + other.addToCarts,
                purchases + other.purchases,
                events + other.events,
                score + other.score,
                Math.max(lastEventMs, other.lastEventMs));
    }

    public EngagementAggregate add(CustomerEvent event) {
        return switch (event.eventType()) {
            case PAGE_VIEW -> next(event, 1, 0, 0, 0);
            case CLICK -> next(event, 0, 1, 0, 0);
            case ADD_TO_CART -> next(event, 0, 0, 1, 0);
            case PURCHASE -> next(event, 0, 0, 0, 1);
            default -> next(event, 0, 0, 0, 0);
        };
    }

    private EngagementAggregate next(CustomerEvent event, int views, int click, int cart, int purchase) {
        return new EngagementAggregate(
                pageViews + views,
                clicks + click,
                addToCarts + cart,
                purchases + purchase,
                events + 1,
                score + event.eventType().weight(),
                Math.max(lastEventMs, event.timestamp().toEpochMilli()));
    }
}
