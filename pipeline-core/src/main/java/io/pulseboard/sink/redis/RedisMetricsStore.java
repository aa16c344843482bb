package io.pulseboard.sink.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pulseboard.config.RedisConfig;
import io.pulseboard.event.DataQualityCount;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.MetricSerdes;
import io.pulseboard.sink.MetricUpdate;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * Pulseboard's metrics in Redis (schema: {@link RedisKeys}, docs/redis-keys.md) on one Lettuce
 * connection. Writes are pipelined: a batch is queued without flushing, sent in one go, and awaited
 * together. Not thread-safe for writes: one flusher thread writes; reads may come from any thread.
 *
 * <p>While Redis is unreachable, commands are rejected at once (not queued inside Lettuce without
 * bound) with a {@link RedisUnreachableException} naming the address and the cause; the caller keeps its
 * own bounded buffer and retries.
 */
public final class RedisMetricsStore implements AutoCloseable {

    /**
     * Replaces the point of one timestamp and trims points older than the retention, atomically.
     * KEYS[1] series; ARGV[1] timestamp ms; ARGV[2] member; ARGV[3] oldest timestamp to keep.
     */
    static final String PUT_POINT = "redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1]) "
            + "redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2]) "
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3]) "
            + "return 1";

    /** Values per score in {@link #PUT_ENGAGEMENTS}: score, customer, message, eight field/value pairs. */
    static final int ENGAGEMENT_ARGS = 19;

    /**
     * Writes a run of engagement scores in one command (they come for nearly every customer event): for
     * each, its hash and the hour's top list, both with the TTL, and the pub/sub message.
     * KEYS: per score its hash, then its hour's top list. ARGV[1] TTL ms; ARGV[2] channel; then per
     * score {@value #ENGAGEMENT_ARGS} values: score, customer, message, and the hash's field/value pairs.
     */
    static final String PUT_ENGAGEMENTS = "local ttl, channel = ARGV[1], ARGV[2] "
            + "for i = 0, #KEYS / 2 - 1 do "
            + "local hash, top, a = KEYS[2 * i + 1], KEYS[2 * i + 2], 3 + i * " + ENGAGEMENT_ARGS + " "
            + "redis.call('HSET', hash, unpack(ARGV, a + 3, a + " + (ENGAGEMENT_ARGS - 1) + ")) "
            + "redis.call('PEXPIRE', hash, ttl) "
            + "redis.call('ZADD', top, ARGV[a], ARGV[a + 1]) "
            + "redis.call('PEXPIRE', top, ttl) "
            + "redis.call('PUBLISH', channel, ARGV[a + 2]) "
            + "end "
            + "return #KEYS / 2";

    /**
     * Scores per {@link #PUT_ENGAGEMENTS} call: a batch of 2,000 updates is about 20 commands instead
     * of 2,000, and one call still holds Redis only for well under a millisecond.
     */
    static final int ENGAGEMENTS_PER_CALL = 100;

    /** Keys per breakdown in {@link #PUT_BREAKDOWNS}: its hash, series, values set and window ranking. */
    static final int BREAKDOWN_KEYS = 4;

    /** Values per breakdown in {@link #PUT_BREAKDOWNS}: five, then ten field/value pairs of its hash. */
    static final int BREAKDOWN_ARGS = 25;

    /**
     * Writes a run of breakdown windows (category, channel, product) in one command: each is one update
     * per key and window on every flush, several times as many as the sales windows. For each: its hash
     * with the TTL; its revenue point, replaced and trimmed as {@link #PUT_POINT} does; its value in the
     * region's set; its revenue in the window's ranking, with the TTL; the pub/sub message. KEYS: per
     * breakdown {@value #BREAKDOWN_KEYS} (hash, series, values set, ranking). ARGV[1] TTL ms; ARGV[2]
     * channel; then per breakdown {@value #BREAKDOWN_ARGS} values: window start ms, revenue, value,
     * oldest timestamp to keep, message, and the hash's field/value pairs.
     */
    static final String PUT_BREAKDOWNS = "local ttl, channel = ARGV[1], ARGV[2] "
            + "for i = 0, #KEYS / " + BREAKDOWN_KEYS + " - 1 do "
            + "local k, a = i * " + BREAKDOWN_KEYS + ", 3 + i * " + BREAKDOWN_ARGS + " "
            + "local ts, revenue, value = ARGV[a], ARGV[a + 1], ARGV[a + 2] "
            + "redis.call('HSET', KEYS[k + 1], unpack(ARGV, a + 5, a + " + (BREAKDOWN_ARGS - 1) + ")) "
            + "redis.call('PEXPIRE', KEYS[k + 1], ttl) "
            + "redis.call('ZREMRANGEBYSCORE', KEYS[k + 2], ts, ts) "
            + "redis.call('ZADD', KEYS[k + 2], ts, ts .. ':' .. revenue) "
            + "redis.call('ZREMRANGEBYSCORE', KEYS[k + 2], '-inf', '(' .. ARGV[a + 3]) "
            + "redis.call('SADD', KEYS[k + 3], value) "
            + "redis.call('ZADD', KEYS[k + 4], revenue, value) "
            + "redis.call('PEXPIRE', KEYS[k + 4], ttl) "
            + "redis.call('PUBLISH', channel, ARGV[a + 4]) "
            + "end "
            + "return #KEYS / " + BREAKDOWN_KEYS;

    /** Breakdowns per {@link #PUT_BREAKDOWNS} call, as {@link #ENGAGEMENTS_PER_CALL}. */
    static final int BREAKDOWNS_PER_CALL = 100;

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final String address;
    private final RedisConfig config;
    private final Json json;
    private final Serde<EngagementScore> engagementSerde;
    private StatefulRedisConnection<String, String> connection;
    private String putPointSha;
    private String putEngagementsSha;
    private String putBreakdownsSha;

    public RedisMetricsStore(RedisConfig config, Json json) {
        this.config = config;
        this.json = json;
        this.engagementSerde = MetricSerdes.engagementScore(json);
        RedisURI uri = RedisURI.create(config.uri()
                .orElseThrow(() -> new IllegalArgumentException("RedisMetricsStore needs pulseboard.redis.uri")));
        this.address = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
    }

    /**
     * Connects if not connected.
     *
     * @throws RedisUnreachableException when Redis cannot be reached
     */
    public synchronized void connect() {
        if (connection == null) {
            try {
                connection = client.connect();
            } catch (RedisConnectionException e) {
                throw new RedisUnreachableException(address, describe(rootCause(e)), e);
            }
        }
    }

    /**
     * Checks that Redis can be reached now: connects if not connected, and fails while a connection made
     * earlier is lost (Lettuce reconnects it in the background). Sends no command.
     *
     * @throws RedisUnreachableException when it cannot, with the cause
     */
    public synchronized void checkReachable() {
        connect();
        if (!connection.isOpen()) {
            throw new RedisUnreachableException(address, "connection lost, reconnecting", null);
        }
    }

    /** @return whether a connection was made and is open now; sends nothing */
    public synchronized boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    /**
     * Sends every update in one pipelined round and waits for all replies.
     *
     * @throws RedisWriteException when any command fails or times out (the caller retries the batch); a
     *     {@link RedisUnreachableException} when Redis cannot be reached
     */
    public void write(List<MetricUpdate> updates) {
        checkReachable();
        StatefulRedisConnection<String, String> conn = connection;
        if (putPointSha == null || putEngagementsSha == null || putBreakdownsSha == null) {
            putPointSha = conn.sync().scriptLoad(PUT_POINT);
            putEngagementsSha = conn.sync().scriptLoad(PUT_ENGAGEMENTS);
            putBreakdownsSha = conn.sync().scriptLoad(PUT_BREAKDOWNS);
        }
        RedisAsyncCommands<String, String> async = conn.async();
        List<RedisFuture<?>> replies = new ArrayList<>();
        // A run of scores (or of breakdowns) goes out as one call; the updates keep their order on the
        // connection.
        List<EngagementScore> scores = new ArrayList<>(ENGAGEMENTS_PER_CALL);
        List<SalesBreakdownMetric> breakdowns = new ArrayList<>(BREAKDOWNS_PER_CALL);
        conn.setAutoFlushCommands(false);
        try {
            for (MetricUpdate update : updates) {
                if (update instanceof MetricUpdate.Engagement e) {
                    writeBreakdowns(async, breakdowns, replies);
                    scores.add(e.score());
                    if (scores.size() == ENGAGEMENTS_PER_CALL) {
                        writeEngagements(async, scores, replies);
                    }
                    continue;
                }
                writeEngagements(async, scores, replies);
                if (update instanceof MetricUpdate.Breakdown b) {
                    breakdowns.add(b.metric());
                    if (breakdowns.size() == BREAKDOWNS_PER_CALL) {
                        writeBreakdowns(async, breakdowns, replies);
                    }
                    continue;
                }
                writeBreakdowns(async, breakdowns, replies);
                if (update instanceof MetricUpdate.Sales s) {
                    writeSales(async, s.metric(), replies);
                } else if (update instanceof MetricUpdate.Quality q) {
                    writeQuality(async, q.count(), replies);
                } else if (update instanceof MetricUpdate.Target t) {
                    writeTarget(async, t.metric(), replies);
                }
            }
            writeEngagements(async, scores, replies);
            writeBreakdowns(async, breakdowns, replies);
            conn.flushCommands();
        } finally {
            conn.setAutoFlushCommands(true);
        }
        try {
            awaitAll(replies);
        } catch (RedisWriteException e) {
            if (!conn.isOpen()) {
                throw new RedisUnreachableException(address, "connection lost, reconnecting", e);
            }
            throw e;
        }
    }

    private void awaitAll(List<RedisFuture<?>> replies) {
        try {
            if (!LettuceFutures.awaitAll(TIMEOUT, replies.toArray(RedisFuture[]::new))) {
                throw new RedisWriteException(
                        "Redis did not answer " + replies.size() + " commands within " + TIMEOUT, null);
            }
        } catch (RedisWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                putPointSha = null; // Redis restarted and lost its script cache: load them again on retry.
                putEngagementsSha = null;
                putBreakdownsSha = null;
            }
            throw new RedisWriteException("Redis rejected a write: " + describe(e), e);
        }
    }

    private void writeSales(
            RedisAsyncCommands<String, String> async, SalesWindowMetric m, List<RedisFuture<?>> replies) {
        String key = RedisKeys.salesWindow(m.region(), m.windowStart());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("region", m.region());
        fields.put("windowStart", m.windowStart().toString());
        fields.put("windowEnd", m.windowEnd().toString());
        fields.put("count", Long.toString(m.count()));
        fields.put("revenue", m.revenue().toPlainString());
        fields.put("units", Long.toString(m.units()));
        fields.put("currency", m.currency());
        fields.put("lastEventTime", m.lastEventTime().toString());
        replies.add(async.hset(key, fields));
        replies.add(async.pexpire(key, config.latestTtl().toMillis()));
        replies.add(async.sadd(RedisKeys.REGIONS, m.region()));
        long ts = m.windowStart().toEpochMilli();
        putPoint(
                async,
                RedisKeys.series(RedisKeys.Series.REVENUE, m.region()),
                ts,
                m.revenue().toPlainString(),
                replies);
        putPoint(async, RedisKeys.series(RedisKeys.Series.ORDERS, m.region()), ts, Long.toString(m.count()), replies);
        putPoint(async, RedisKeys.series(RedisKeys.Series.UNITS, m.region()), ts, Long.toString(m.units()), replies);
        replies.add(async.publish(RedisKeys.UPDATES_CHANNEL, message("sales", m)));
    }

    private void putPoint(
            RedisAsyncCommands<String, String> async, String key, long ts, String value, List<RedisFuture<?>> replies) {
        long keepFrom = ts - config.seriesRetention().toMillis();
        replies.add(async.evalsha(
                putPointSha,
                ScriptOutputType.INTEGER,
                new String[] {key},
                Long.toString(ts),
                ts + ":" + value,
                Long.toString(keepFrom)));
    }

    /** Queues one call writing {@code scores} (if any) and empties the list. */
    private void writeEngagements(
            RedisAsyncCommands<String, String> async, List<EngagementScore> scores, List<RedisFuture<?>> replies) {
        if (scores.isEmpty()) {
            return;
        }
        String[] keys = new String[scores.size() * 2];
        String[] args = new String[2 + scores.size() * ENGAGEMENT_ARGS];
        args[0] = Long.toString(config.latestTtl().toMillis());
        args[1] = RedisKeys.UPDATES_CHANNEL;
        int k = 0;
        int a = 2;
        for (EngagementScore s : scores) {
            keys[k++] = RedisKeys.engagement(s.customerId(), s.windowStart());
            keys[k++] = RedisKeys.engagementTop(s.windowStart());
            String score = Long.toString(s.score());
            args[a++] = score;
            args[a++] = s.customerId();
            args[a++] = message("engagement", engagementSerde.serializer().serialize(null, s));
            args[a++] = "customerId";
            args[a++] = s.customerId();
            args[a++] = "windowStart";
            args[a++] = s.windowStart().toString();
            args[a++] = "score";
            args[a++] = score;
            args[a++] = "events";
            args[a++] = Long.toString(s.events());
            args[a++] = "pageViews";
            args[a++] = Long.toString(s.pageViews());
            args[a++] = "clicks";
            args[a++] = Long.toString(s.clicks());
            args[a++] = "addToCarts";
            args[a++] = Long.toString(s.addToCarts());
            args[a++] = "purchases";
            args[a++] = Long.toString(s.purchases());
        }
        replies.add(async.evalsha(putEngagementsSha, ScriptOutputType.INTEGER, keys, args));
        scores.clear();
    }

    /** Queues one call writing {@code breakdowns} (if any) and empties the list. */
    private void writeBreakdowns(
            RedisAsyncCommands<String, String> async,
            List<SalesBreakdownMetric> breakdowns,
            List<RedisFuture<?>> replies) {
        if (breakdowns.isEmpty()) {
            return;
        }
        String[] keys = new String[breakdowns.size() * BREAKDOWN_KEYS];
        String[] args = new String[2 + breakdowns.size() * BREAKDOWN_ARGS];
        args[0] = Long.toString(config.latestTtl().toMillis());
        args[1] = RedisKeys.UPDATES_CHANNEL;
        int k = 0;
        int a = 2;
        for (SalesBreakdownMetric m : breakdowns) {
            keys[k++] = RedisKeys.breakdownWindow(m.dimension(), m.region(), m.value(), m.windowStart());
            keys[k++] = RedisKeys.breakdownSeries(m.dimension(), m.region(), m.value());
            keys[k++] = RedisKeys.breakdownValues(m.dimension(), m.region());
            keys[k++] = RedisKeys.breakdownTop(m.dimension(), m.region(), m.windowStart());
            long ts = m.windowStart().toEpochMilli();
            String revenue = m.revenue().toPlainString();
            args[a++] = Long.toString(ts);
            args[a++] = revenue;
            args[a++] = m.value();
            args[a++] = Long.toString(ts - config.seriesRetention().toMillis());
            args[a++] = message("breakdown", m);
            args[a++] = "dimension";
            args[a++] = m.dimension();
            args[a++] = "region";
            args[a++] = m.region();
            args[a++] = "value";
            args[a++] = m.value();
            args[a++] = "windowStart";
            args[a++] = m.windowStart().toString();
            args[a++] = "windowEnd";
            args[a++] = m.windowEnd().toString();
            args[a++] = "count";
            args[a++] = Long.toString(m.count());
            args[a++] = "revenue";
            args[a++] = revenue;
            args[a++] = "units";
            args[a++] = Long.toString(m.units());
            args[a++] = "currency";
            args[a++] = m.currency();
            args[a++] = "lastEventTime";
            args[a++] = m.lastEventTime().toString();
        }
        replies.add(async.evalsha(putBreakdownsSha, ScriptOutputType.INTEGER, keys, args));
        breakdowns.clear();
    }

    /** A region's hour or day: few (two per region and flush), so plain commands as for the sales windows. */
    private void writeTarget(RedisAsyncCommands<String, String> async, TargetMetric m, List<RedisFuture<?>> replies) {
        String key = RedisKeys.target(m.region(), m.period(), m.windowStart());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("region", m.region());
        fields.put("period", m.period());
        fields.put("windowStart", m.windowStart().toString());
        fields.put("windowEnd", m.windowEnd().toString());
        fields.put("count", Long.toString(m.count()));
        fields.put("revenue", m.revenue().toPlainString());
        fields.put("currency", m.currency());
        fields.put("lastEventTime", m.lastEventTime().toString());
        if (m.target() != null) {
            fields.put("target", m.target().toPlainString());
        }
        replies.add(async.hset(key, fields));
        if (m.target() == null) {
            // The region left the reference data: a target written earlier no longer applies.
            replies.add(async.hdel(key, "target"));
        }
        replies.add(async.pexpire(key, config.latestTtl().toMillis()));
        putPoint(
                async,
                RedisKeys.targetSeries(m.region(), m.period()),
                m.windowStart().toEpochMilli(),
                m.revenue().toPlainString(),
                replies);
        replies.add(async.publish(RedisKeys.UPDATES_CHANNEL, message("target", m)));
    }

    private void writeQuality(
            RedisAsyncCommands<String, String> async, DataQualityCount c, List<RedisFuture<?>> replies) {
        replies.add(async.hset(RedisKeys.DEAD_LETTERS, c.reason().name(), Long.toString(c.count())));
        replies.add(async.publish(RedisKeys.UPDATES_CHANNEL, message("quality", c)));
    }

    private String message(String type, Object metric) {
        return message(type, json.write(metric));
    }

    /** The pub/sub message: the metric's JSON object with its type first. */
    private static String message(String type, byte[] metricJson) {
        String body = new String(metricJson, StandardCharsets.UTF_8);
        return "{\"type\":\"" + type + "\"," + body.substring(1);
    }

    /** The latest stored value of a region's window, if Redis has it. */
    public Optional<Map<String, String>> salesWindow(String region, Instant windowStart) {
        connect();
        Map<String, String> fields = connection.sync().hgetall(RedisKeys.salesWindow(region, windowStart));
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
    }

    /** The latest stored value of a region's category, channel or product window, if Redis has it. */
    public Optional<Map<String, String>> breakdownWindow(
            String dimension, String region, String value, Instant windowStart) {
        return hash(RedisKeys.breakdownWindow(dimension, region, value, windowStart));
    }

    /** The latest stored value of a region's hour or day against target, if Redis has it. */
    public Optional<Map<String, String>> target(String region, String period, Instant windowStart) {
        return hash(RedisKeys.target(region, period, windowStart));
    }

    private Optional<Map<String, String>> hash(String key) {
        connect();
        Map<String, String> fields = connection.sync().hgetall(key);
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
    }

    /**
     * The points of a series with {@code from <= timestamp < to}, oldest first.
     *
     * @return one point per stored timestamp; the value as stored (exact decimal text)
     */
    public List<Point> range(RedisKeys.Series series, String region, Instant from, Instant to) {
        return range(RedisKeys.series(series, region), from, to);
    }

    /**
     * The points of any time series of the schema ({@link RedisKeys#series}, {@link
     * RedisKeys#breakdownSeries}, {@link RedisKeys#targetSeries}) with {@code from <= timestamp < to},
     * oldest first, as {@link #range(RedisKeys.Series, String, Instant, Instant)}.
     */
    public List<Point> range(String seriesKey, Instant from, Instant to) {
        connect();
        List<String> members = connection
                .sync()
                .zrangebyscore(
                        seriesKey,
                        Range.from(
                                Range.Boundary.including(from.toEpochMilli()),
                                Range.Boundary.excluding(to.toEpochMilli())));
        List<Point> points = new ArrayList<>(members.size());
        for (String member : members) {
            int colon = member.indexOf(':');
            points.add(new Point(
                    Instant.ofEpochMilli(Long.parseLong(member.substring(0, colon))),
                    new BigDecimal(member.substring(colon + 1))));
        }
        return points;
    }

    /** Remaining time to live of a key, empty when the key has none or does not exist. */
    public Optional<Duration> ttl(String key) {
        connect();
        long ms = connection.sync().pttl(key);
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    /** One time-series point. */
    public record Point(Instant timestamp, BigDecimal value) {}

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * @return the failure's message, or its class's simple name when it has none (never "null")
     */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A batch that Redis did not fully acknowledge. */
    public static class RedisWriteException extends RuntimeException {
        public RedisWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Redis cannot be reached: refused, timed out, or the connection is lost. */
    public static final class RedisUnreachableException extends RedisWriteException {
        private final String address;
        private final String reason;

        /**
         * @param address {@code host:port}, without credentials
         * @param reason why, e.g. {@code Connection refused}
         * @param cause the client's failure; may be null
         */
        public RedisUnreachableException(String address, String reason, Throwable cause) {
            super("Redis at " + address + " unreachable: " + reason, cause);
            this.address = address;
            this.reason = reason;
        }

        /** @return {@code host:port}, without credentials; never null */
        public String address() {
            return address;
        }

        /** @return why it cannot be reached, e.g. {@code Connection refused}; never null */
        public String reason() {
            return reason;
        }
    }
}
