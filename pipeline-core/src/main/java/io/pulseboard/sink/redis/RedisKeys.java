package io.pulseboard.sink.redis;

import java.time.Instant;

/**
 * The documented Redis key schema (docs/redis-keys.md). Every key starts with {@code pulseboard:}.
 */
public final class RedisKeys {

    public static final String PREFIX = "pulseboard:";
    /** SET of every region seen. */
    public static final String REGIONS = PREFIX + "regions";
    /** HASH reason -> running count of dead letters. */
    public static final String DEAD_LETTERS = PREFIX + "quality:dead-letters";
    /** Pub/sub channel: every metric update as JSON with a {@code type} field. */
    public static final String UPDATES_CHANNEL = PREFIX + "updates";

    /** The time series of sales metrics per region. */
    public enum Series {
        REVENUE("revenue"),
        ORDERS("orders"),
        UNITS("units");

        private final String code;

        Series(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private RedisKeys() {}

    /** HASH: latest value of one region's 5-minute window (expires after the TTL). */
    public static String salesWindow(String region, Instant windowStart) {
        return PREFIX + "sales:" + region + ":" + windowStart.toEpochMilli();
    }

    /** ZSET: score = window start (epoch ms), member = "{windowStartMs}:{value}". */
    public static String series(Series series, String region) {
        return PREFIX + "ts:" + series.code() + ":" + region;
    }

    /** HASH: latest engagement of one customer in one hour (expires after the TTL). */
    public static String engagement(String customerId, Instant hourStart) {
        return PREFIX + "engagement:" + customerId + ":" + hourStart.toEpochMilli();
    }

    /** ZSET: customers of one hour by engagement score (expires after the TTL). */
    public static String engagementTop(Instant hourStart) {
        return PREFIX + "engagement:top:" + hourStart.toEpochMilli();
    }

    /**
     * HASH: latest value of one region's category, channel or product in one 5-minute window (expires
     * after the TTL).
     *
     * @param dimension {@code category}, {@code channel} or {@code product}
     */
    public static String breakdownWindow(String dimension, String region, String value, Instant windowStart) {
        return PREFIX + "breakdown:" + dimension + ":" + region + ":" + value + ":" + windowStart.toEpochMilli();
    }

    /** ZSET: revenue time series of one region's category, channel or product, as {@link #series}. */
    public static String breakdownSeries(String dimension, String region, String value) {
        return PREFIX + "ts:" + dimension + "-revenue:" + region + ":" + value;
    }

    /** SET: every category, channel or product seen in a region. */
    public static String breakdownValues(String dimension, String region) {
        return PREFIX + "values:" + dimension + ":" + region;
    }

    /**
     * ZSET: a region's categories, channels or products in one 5-minute window by revenue (member =
     * value, score = revenue; expires after the TTL).
     */
    public static String breakdownTop(String dimension, String region, Instant windowStart) {
        return PREFIX + "top:" + dimension + ":" + region + ":" + windowStart.toEpochMilli();
    }

    /**
     * HASH: latest value of a region's hour or day against its target (expires after the TTL).
     *
     * @param period {@code HOUR} or {@code DAY}
     */
    public static String target(String region, String period, Instant windowStart) {
        return PREFIX + "target:" + region + ":" + period + ":" + windowStart.toEpochMilli();
    }

    /** ZSET: revenue per hour or per day of a region, as {@link #series} (member {@code {startMs}:{revenue}}). */
    public static String targetSeries(String region, String period) {
        return PREFIX + "ts:target-revenue:" + region + ":" + period;
    }
}
