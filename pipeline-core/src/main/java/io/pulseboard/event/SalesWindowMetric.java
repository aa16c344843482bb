package io.pulseboard.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sales of one region in one 5-minute window, as published on {@code sales-metrics} (JSON, keyed by
 * region). A window is updated as events arrive; the last record for a (region, windowStart) is the
 * final value.
 *
 * @param windowStart inclusive start of the window
 * @param windowEnd exclusive end of the window
 * @param count number of sales
 * @param revenue sum of the sales' amounts, exact decimal, in {@code currency}
 * @param units sum of the sales' quantities
 * @param lastEventTime event time of the newest sale in the window (freshness reference)
 */
public record SalesWindowMetric(
        String region,
        Instant windowStart,
        Instant windowEnd,
        long count,
        BigDecimal revenue,
        long units,
        String currency,
        Instant lastEventTime) {}
