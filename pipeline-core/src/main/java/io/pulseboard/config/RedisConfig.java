package io.pulseboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The Redis live-metrics store. Absent URI: no Redis sink.
 *
 * @param uri e.g. {@code redis://127.0.0.1:6379}, or {@code redis://:PASSWORD@127.0.0.1:6379} for a
 *     server that requires a password (the local stack's does); empty disables the sink. {@link
 *     #toString()} masks the password
 * @param latestTtl how long a window's latest value lives in Redis after its last update
 * @param seriesRetention how far back a time series keeps points, measured from its newest point
 * @param bufferEntries most distinct pending writes held while Redis is slow or down
 * @param batchSize most pending writes sent in one pipelined flush
 */
public record RedisConfig(
        Optional<String> uri, Duration latestTtl, Duration seriesRetention, int bufferEntries, int batchSize) {

    public RedisConfig {
        uri = uri.filter(u -> !u.isBlank());
        uri.ifPresent(u -> {
            if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
                throw new ConfigException(
                        "pulseboard.redis.uri is '" + u + "': use redis://host:port or rediss://host:port");
            }
            // Checked here, where the message is masked (ConfigException): a malformed URI that reached
            // the Redis client failed there with an exception quoting it whole, password included.
            try {
                java.net.URI parsed = new java.net.URI(u);
                if (parsed.getHost() == null) {
                    throw new java.net.URISyntaxException(u, "no host");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("pulseboard.redis.uri is '" + u + "': not a valid URI (" + e.getReason()
                        + "); use redis://host:port, or redis://:password@host:port");
            }
        });
        if (latestTtl.compareTo(Duration.ofMinutes(10)) < 0) {
            throw new ConfigException("pulseboard.redis.ttl is " + latestTtl + ": use at least 10m, e.g. 24h");
        }
        if (seriesRetention.compareTo(Duration.ofMinutes(10)) < 0) {
            throw new ConfigException(
                    "pulseboard.redis.retention is " + seriesRetention + ": use at least 10m, e.g. 24h");
        }
        if (bufferEntries < 1000) {
            throw new ConfigException("pulseboard.redis.buffer-entries is " + bufferEntries + ": use at least 1000");
        }
        if (batchSize < 1 || batchSize > bufferEntries) {
            throw new ConfigException("pulseboard.redis.batch-size is " + batchSize
                    + ": use 1 to pulseboard.redis.buffer-entries (" + bufferEntries + ")");
        }
    }

    public RedisConfig withUri(String newUri) {
        return new RedisConfig(Optional.ofNullable(newUri), latestTtl, seriesRetention, bufferEntries, batchSize);
    }

    /** As the record's own, with the URI's password masked. */
    @Override
    public String toString() {
        return "RedisConfig[uri=" + uri.map(UriPasswords::mask) + ", latestTtl=" + latestTtl + ", seriesRetention="
                + seriesRetention + ", bufferEntries=" + bufferEntries + ", batchSize=" + batchSize + "]";
    }
}
