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
}
