package io.pulseboard.stack;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the parts of a running {@link LocalStack} can be reached. The app and the command line turn
 * this into pipeline configuration; local-stack knows nothing of that configuration.
 *
 * <p>Kafka is always there; each optional part (Redis, ClickHouse; PostgreSQL later) is an {@code
 * Optional} component with a {@code withXxx(...)} copy method, empty when that part is not running.
 * Build instances with {@link #ofKafka(String)} and those methods rather than the canonical
 * constructor, so that adding a component does not break callers. Immutable.
 *
 * @param kafkaBootstrap Kafka {@code bootstrap.servers} value, e.g. {@code "127.0.0.1:50123"};
 *     never null or blank
 * @param redisUri Redis URI, e.g. {@code "redis://127.0.0.1:50124"}; empty when Redis is not running
 *     (not asked for, or it failed to start: the pipeline then runs without it); never null
 * @param clickhouseUrl ClickHouse HTTP endpoint, e.g. {@code "http://127.0.0.1:50125"}; empty when the
 *     stack was not asked for ClickHouse; never null
 */
public record StackEndpoints(String kafkaBootstrap, Optional<String> redisUri, Optional<String> clickhouseUrl) {
    private static final Pattern REDIS_URI = Pattern.compile("rediss?://\\S+");
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+");

    public StackEndpoints {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(clickhouseUrl, "clickhouseUrl");
        if (kafkaBootstrap.isBlank() || kafkaBootstrap.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "kafkaBootstrap must be host:port[,host:port...] without spaces, was '" + kafkaBootstrap + "'");
        }
        redisUri.ifPresent(uri -> {
            if (!REDIS_URI.matcher(uri).matches()) {
                throw new IllegalArgumentException(
                        "redisUri must be redis://host:port or rediss://host:port without spaces, was '" + uri + "'");
            }
        });
        clickhouseUrl.ifPresent(url -> {
            if (!HTTP_URL.matcher(url).matches()) {
                throw new IllegalArgumentException(
                        "clickhouseUrl must be http://host:port or https://host:port without spaces, was '" + url
                                + "'");
            }
        });
    }

    /**
     * @param kafkaBootstrap Kafka {@code bootstrap.servers} value; never null or blank
     * @return endpoints with only Kafka set
     */
    public static StackEndpoints ofKafka(String kafkaBootstrap) {
        return new StackEndpoints(kafkaBootstrap, Optional.empty(), Optional.empty());
    }

    /**
     * @param uri Redis URI, e.g. {@code "redis://127.0.0.1:50124"}; never null
     * @return a copy with Redis set
     */
    public StackEndpoints withRedis(String uri) {
        return new StackEndpoints(kafkaBootstrap, Optional.of(Objects.requireNonNull(uri, "uri")), clickhouseUrl);
    }

    /**
     * @param url ClickHouse HTTP endpoint, e.g. {@code "http://127.0.0.1:50125"}; never null
     * @return a copy with ClickHouse set
     */
    public StackEndpoints withClickHouse(String url) {
        return new StackEndpoints(kafkaBootstrap, redisUri, Optional.of(Objects.requireNonNull(url, "url")));
    }
}
