package io.pulseboard.probe;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.RedisProtocolException;
import io.pulseboard.config.UriPasswords;
import io.pulseboard.probe.ConnectionCheck.Part;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a Redis server with Lettuce: connect, {@code PING}, and {@code INFO server} for the
 * version, each bounded by the timeout. Uses a fresh client per check and shuts it down (the check
 * is rare; sharing client resources is not worth their life-cycle). Stateless; thread-safe; blocking.
 */
final class RedisProbe {
    private static final Logger log = LoggerFactory.getLogger(RedisProbe.class);
    private static final Duration SHUTDOWN = Duration.ofSeconds(2);

    private final Duration timeout;

    RedisProbe(Duration timeout) {
        this.timeout = timeout;
    }

    Part check(String uri) {
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri.trim());
        } catch (IllegalArgumentException e) {
            return Part.failed(UriPasswords.mask("Redis URI '" + uri + "' is not valid: " + e.getMessage()));
        }
        redisUri.setTimeout(timeout);
        String at = "Redis at " + redisUri.getHost() + ":" + redisUri.getPort();
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String pong = connection.sync().ping();
            String version = version(connection.sync().info("server"));
            return Part.ok(pong + " from Redis " + version + " at " + redisUri.getHost() + ":" + redisUri.getPort());
        } catch (RedisConnectionException e) {
            return Part.failed("Cannot reach " + at + ": " + connectionFailure(e));
        } catch (RedisCommandTimeoutException e) {
            return Part.failed(at + " accepted the connection but did not answer PING within " + timeout.toMillis()
                    + " ms. Check that the port is Redis and whether it needs TLS (rediss://).");
        } catch (RedisCommandExecutionException e) {
            return Part.failed(at + " refused PING: " + authHint(e.getMessage()));
        } catch (RedisException e) {
            return Part.failed(UriPasswords.mask("Redis client error with " + at + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Unexpected failure checking {}", at, e);
            return Part.failed("Unexpected error checking " + at + ": " + e);
        } finally {
            client.shutdown(Duration.ZERO, SHUTDOWN);
        }
    }

    private String connectionFailure(RedisConnectionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RedisCommandExecutionException execution) {
            return authHint(execution.getMessage());
        }
        if (cause instanceof RedisProtocolException protocol) {
            return "something answered, but not in the Redis protocol (" + protocol.getMessage()
                    + "): check the port, and use rediss:// if the server expects TLS";
        }
        String described = TcpProbe.describe(cause, timeout.toMillis());
        return described.equals(String.valueOf(cause)) ? e.getMessage() + " (" + cause + ")" : described;
    }

    private static String authHint(String message) {
        String upper = String.valueOf(message).toUpperCase(Locale.ROOT);
        if (upper.startsWith("NOAUTH") || upper.startsWith("WRONGPASS")) {
            return message + ". This Redis requires a password; password-protected Redis is not supported in"
                    + " profiles yet.";
        }
        return message;
    }

    private static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "(version unknown)";
    }
}
