package io.pulseboard.config;

import java.time.Duration;

/**
 * What the metrics topology computes with. Window sizes are fixed by the product (sales: 5 minutes
 * advancing by 1 minute; engagement: 1 hour); grace and retention are settings.
 *
 * @param grace how long after a window's end late events are still counted
 * @param storeRetention how long window stores keep windows for queries (at least 5 minutes + grace
 *     and at least 1 hour + grace)
 * @param maxFutureSkew how far an event's time may lie after its arrival before it is rejected
 * @param reportingCurrency the one currency sales are accepted in
 * @param partitions partitions of the topics the pipeline creates
 */
public record TopologyConfig(
        Duration grace, Duration storeRetention, Duration maxFutureSkew, String reportingCurrency, int partitions) {

    public static final Duration SALES_WINDOW = Duration.ofMinutes(5);
    public static final Duration SALES_ADVANCE = Duration.ofMinutes(1);
    public static final Duration ENGAGEMENT_WINDOW = Duration.ofHours(1);

    public TopologyConfig {
        if (grace.isNegative()) {
            throw new ConfigException("pulseboard.window.grace is negative: use e.g. 30s");
        }
        if (storeRetention.compareTo(ENGAGEMENT_WINDOW.plus(grace)) < 0) {
            throw new ConfigException("pulseboard.window.retention is " + storeRetention
                    + ": use at least 1h plus the grace (" + grace + "), e.g. 24h");
        }
        if (maxFutureSkew.isNegative()) {
            throw new ConfigException("pulseboard.events.max-future-skew is negative: use e.g. 5m");
        }
        if (!reportingCurrency.matches("[A-Z]{3}")) {
            throw new ConfigException("pulseboard.events.currency is '" + reportingCurrency
                    + "': use an ISO-4217 code such as USD or EUR");
        }
        if (partitions < 1) {
            throw new ConfigException("pulseboard.kafka.partitions is " + partitions + ": use 1 or more");
        }
    }

    public static TopologyConfig defaults() {
        return new TopologyConfig(Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofMinutes(5), "USD", 3);
    }

    public TopologyConfig withGrace(Duration newGrace) {
        return new TopologyConfig(newGrace, storeRetention, maxFutureSkew, reportingCurrency, partitions);
    }
}
