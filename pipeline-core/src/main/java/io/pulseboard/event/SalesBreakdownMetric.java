package io.pulseboard.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Sales of one region's product category, channel or product in one 5-minute window (advancing by 1
 * minute, as {@link SalesWindowMetric}), published on {@code sales-by-category}, {@code
 * sales-by-channel} and {@code sales-by-product} (JSON, keyed by {@code region|value}, e.g. {@code
 * EU-WEST|Electronics}). The last record for a (key, windowStart) is the final value; summed over the
 * regions, a window's category (or channel) revenues equal the regions' revenue.
 *
 * @param dimension {@code category}, {@code channel} or {@code product}
 * @param region the sales region
 * @param value the category (from the reference data; {@value #UNKNOWN_CATEGORY} for a product it does
 *     not list), the channel, or the product id
 * @param windowStart inclusive start of the window
 * @param windowEnd exclusive end of the window
 * @param count number of sales
 * @param revenue sum of the sales' amounts in {@code currency} (converted, exact decimal)
 * @param units sum of the quantities
 * @param currency the reporting currency
 * @param lastEventTime event time of the newest sale in the window
 */
public record SalesBreakdownMetric(
        String dimension,
        String region,
        String value,
        Instant windowStart,
        Instant windowEnd,
        long count,
        BigDecimal revenue,
        long units,
        String currency,
        Instant lastEventTime) {

    /** {@link #dimension()} of {@code sales-by-category}. */
    public static final String CATEGORY = "category";
    /** {@link #dimension()} of {@code sales-by-channel}. */
    public static final String CHANNEL = "channel";
    /** {@link #dimension()} of {@code sales-by-product}. */
    public static final String PRODUCT = "product";

    /** The category of a product that the reference data does not list. */
    public static final String UNKNOWN_CATEGORY = "(unlisted product)";
}
