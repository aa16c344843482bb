package io.pulseboard.topology;

import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Running sums of one region's window (the window store's value).
 *
 * @param lastEventMs event time of the newest sale, epoch milliseconds
 */
public record SalesAggregate(long count, BigDecimal revenue, long units, long lastEventMs) {

    /** The window store's binary layout. */
    public static org.apache.kafka.common.serialization.Serde<SalesAggregate> serde() {
        return new io.pulseboard.serde.BinarySerde<>(
                "SalesAggregate",
                1,
                (out, a) -> {
                    out.writeLong(a.count());
                    io.pulseboard.serde.BinarySerde.writeDecimal(out, a.revenue());
                    out.writeLong(a.units());
                    out.writeLong(a.lastEventMs());
                },
                in -> new SalesAggregate(
                        in.readLong(), io.pulseboard.serde.BinarySerde.readDecimal(in), in.readLong(), in.readLong()));
    }

    public static SalesAggregate empty() {
        return new SalesAggregate(0, BigDecimal.ZERO, 0, Long.MIN_VALUE);
    }

    /** The published form of this window's sums. */
    public SalesWindowMetric toMetric(String region, Instant windowStart, Instant windowEnd, String currency) {
        return new SalesWindowMetric(
                region, windowStart, windowEnd, count, revenue, units, currency, Instant.ofEpochMilli(lastEventMs));
    }

    /** These sums plus another set of sums (a partial sum of the same region's sales). */
    public SalesAggregate merge(SalesAggregate other) {
        return new SalesAggregate(
                count + other.count,
                revenue.add(other.revenue),
                units + other.units,
                Math.max(lastEventMs, other.lastEventMs));
    }

    public SalesAggregate add(SalesEvent sale) {
        return new SalesAggregate(
                count + 1,
                revenue.add(sale.amount()),
                units + sale.quantity(),
                Math.max(lastEventMs, sale.timestamp().toEpochMilli()));
    }
}
