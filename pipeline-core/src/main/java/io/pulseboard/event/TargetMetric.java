package io.pulseboard.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A region's revenue in one hour or one day (UTC, tumbling) against its target, published on {@code
 * region-targets} (JSON, keyed by {@code region|HOUR} or {@code region|DAY}). The target is the one the
 * reference data held when the window last changed; the last record for a (key, windowStart) is the
 * final value.
 *
 * @param region the sales region
 * @param period {@code HOUR} or {@code DAY}
 * @param windowStart inclusive start of the hour or day
 * @param windowEnd exclusive end
 * @param count number of sales
 * @param revenue sum of the sales' amounts in {@code currency} (converted, exact decimal)
 * @param currency the reporting currency
 * @param target the region's revenue target for such a period, in {@code currency}; null when the
 *     reference data has no such region
 * @param lastEventTime event time of the newest sale in the window
 */
public record TargetMetric(
        String region,
        String period,
        Instant windowStart,
        Instant windowEnd,
        long count,
        BigDecimal revenue,
        String currency,
        BigDecimal target,
        Instant lastEventTime) {}
