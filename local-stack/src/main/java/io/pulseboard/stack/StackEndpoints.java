package io.pulseboard.stack;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the parts of a running {@link LocalStack} can be reached. The app and the command line turn
 * this into pipeline configuration; local-stack knows nothing of that configuration.
 *
 * <p>Kafka is always there; each optional part (Redis, ClickHouse, PostgreSQL) is an {@code
 * Optional} component with a {@code withXxx(...)} copy method, empty when that part is not running.
 * Build instances with {@link #ofKafka(String)} and those methods rather than the canonical
 * constructor, so that adding a component does not break callers. Immutable. {@link #toString()} masks
 * the Redis password; the PostgreSQL password is never in it (only its file).
 *
 * @param kafkaBootstrap Kafka {@code bootstrap.servers} value, e.g. {@code "127.0.0.1:50123"};
 *     never null or blank
 * @param redisUri the Redis URI clients connect with, with its password when the server requires one,
 *     e.g. {@code "redis://:PASSWORD@127.0.0.1:50124"} (a secret: show {@link #redisAddress()} instead);
 *     empty when Redis is not running (not asked for, or it failed to start: the pipeline then runs
 *     without it); never null
 * @param clickhouseUrl ClickHouse HTTP endpoint, e.g. {@code "http://127.0.0.1:50125"}; empty when the
 *     stack was not asked for ClickHouse; never null
 * @param redisPasswordFile an owner-only file that holds the Redis password alone, for other programs
 *     ({@code REDISCLI_AUTH=$(cat FILE) redis-cli}); empty when Redis is not running or needs no
 *     password; present only with {@code redisUri}; never null
 * @param postgres the PostgreSQL database, its user and password file; empty when PostgreSQL is not
 *     running (not asked for, or it failed to start: the stack runs on without it); never null
 */
public record StackEndpoints(
        String kafkaBootstrap,
        Optional<String> redisUri,
        Optional<String> clickhouseUrl,
        Optional<Path> redisPasswordFile,
        Optional<PostgresEndpoint> postgres) {
    private static final Pattern REDIS_URI = Pattern.compile("(rediss?://)(?:([^\\s@/]*)@)?([^\\s@/]+)(/\\S*)?");
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+");

    public StackEndpoints {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(clickhouseUrl, "clickhouseUrl");
        Objects.requireNonNull(redisPasswordFile, "redisPasswordFile");
        Objects.requireNonNull(postgres, "postgres");
        if (kafkaBootstrap.isBlank() || kafkaBootstrap.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "kafkaBootstrap must be host:port[,host:port...] without spaces, was '" + kafkaBootstrap + "'");
        }
        redisUri.ifPresent(uri -> {
            if (!REDIS_URI.matcher(uri).matches()) {
                // The value may hold a password: it is not quoted.
                throw new IllegalArgumentException("redisUri must be redis://[:password@]host:port or"
                        + " rediss://[:password@]host:port without spaces, was not");
            }
        });
        clickhouseUrl.ifPresent(url -> {
            if (!HTTP_URL.matcher(url).matches()) {
                throw new IllegalArgumentException(
                        "clickhouseUrl must be http://host:port or https://host:port without spaces, was '" + url
                                + "'");
            }
        });
        if (redisPasswordFile.isPresent() && redisUri.isEmpty()) {
            throw new IllegalArgumentException(
                    "redisPasswordFile " + redisPasswordFile.get() + " given without a redisUri");
        }
    }

    /**
     * @param kafkaBootstrap Kafka {@code bootstrap.servers} value; never null or blank
     * @return endpoints with only Kafka set
     */
    public static StackEndpoints ofKafka(String kafkaBootstrap) {
        return new StackEndpoints(
                kafkaBootstrap, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param uri Redis URI of a server that needs no password, e.g. {@code "redis://127.0.0.1:50124"};
     *     never null
     * @return a copy with Redis set
     */
    public StackEndpoints withRedis(String uri) {
        return new StackEndpoints(
                kafkaBootstrap,
                Optional.of(Objects.requireNonNull(uri, "uri")),
                clickhouseUrl,
                Optional.empty(),
                postgres);
    }

    /**
     * @param uri Redis URI with the password, e.g. {@code "redis://:PASSWORD@127.0.0.1:50124"}; never null
     * @param passwordFile owner-only file holding that password alone; never null
     * @return a copy with Redis set
     */
    public StackEndpoints withRedis(String uri, Path passwordFile) {
        return new StackEndpoints(
                kafkaBootstrap,
                Optional.of(Objects.requireNonNull(uri, "uri")),
                clickhouseUrl,
                Optional.of(Objects.requireNonNull(passwordFile, "passwordFile")),
                postgres);
    }

    /**
     * @param url ClickHouse HTTP endpoint, e.g. {@code "http://127.0.0.1:50125"}; never null
     * @return a copy with ClickHouse set
     */
    public StackEndpoints withClickHouse(String url) {
        return new StackEndpoints(
                kafkaBootstrap, redisUri, Optional.of(Objects.requireNonNull(url, "url")), redisPasswordFile, postgres);
    }

    /**
     * @param endpoint the PostgreSQL database, its user and password file; never null
     * @return a copy with PostgreSQL set
     */
    public StackEndpoints withPostgres(PostgresEndpoint endpoint) {
        return new StackEndpoints(
                kafkaBootstrap,
                redisUri,
                clickhouseUrl,
                redisPasswordFile,
                Optional.of(Objects.requireNonNull(endpoint, "endpoint")));
    }

    /**
     * @return {@link #redisUri()} without its user and password, e.g. {@code "redis://127.0.0.1:50124"},
     *     to show; empty when Redis is not running
     */
    public Optional<String> redisAddress() {
        return redisUri.map(uri -> {
            Matcher m = REDIS_URI.matcher(uri);
            if (!m.matches()) {
                throw new IllegalStateException("redisUri was validated on construction");
            }
            return m.group(1) + m.group(3) + (m.group(4) == null ? "" : m.group(4));
        });
    }

    /** The components, with the Redis address in place of the URI so that no password is shown. */
    @Override
    public String toString() {
        return "StackEndpoints[kafkaBootstrap=" + kafkaBootstrap + ", redisAddress=" + redisAddress()
                + ", clickhouseUrl=" + clickhouseUrl + ", redisPasswordFile=" + redisPasswordFile + ", postgres="
                + postgres + "]";
    }
}
