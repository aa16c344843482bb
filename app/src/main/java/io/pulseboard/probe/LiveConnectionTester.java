package io.pulseboard.probe;

import io.pulseboard.settings.ConnectionProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * Tests a profile against the real servers: Kafka with a TCP probe and an Admin client {@code
 * describeCluster()} (default deadline 5 s), then, if the profile names one, Redis with a Lettuce
 * {@code PING} (default timeout 3 s), then the PostgreSQL of the reference data with a JDBC login (5 s
 * to connect). They run one after the other, so a test takes at most about the sum, plus client
 * shutdown.
 *
 * <p>Stateless and thread-safe; {@link #test} blocks: call it from a background thread.
 */
public final class LiveConnectionTester implements ConnectionTester {

    /** Default deadline of the Kafka check. */
    public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(5);

    /** Default timeout of each Redis step (connect, PING). */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(3);

    private final KafkaProbe kafka;
    private final RedisProbe redis;
    private final PostgresProbe postgres = new PostgresProbe();

    /** A tester with the default timeouts. */
    public LiveConnectionTester() {
        this(DEFAULT_KAFKA_TIMEOUT, DEFAULT_REDIS_TIMEOUT);
    }

    /**
     * @param kafkaTimeout deadline of the whole Kafka check; positive; never null
     * @param redisTimeout timeout of each Redis step; positive; never null
     */
    public LiveConnectionTester(Duration kafkaTimeout, Duration redisTimeout) {
        this.kafka = new KafkaProbe(positive(kafkaTimeout, "kafkaTimeout"));
        this.redis = new RedisProbe(positive(redisTimeout, "redisTimeout"));
    }

    @Override
    public ConnectionCheck test(ConnectionProfile profile, String password, String postgresPassword) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        ConnectionCheck.Part kafkaPart = kafka.check(profile, password);
        return new ConnectionCheck(
                kafkaPart,
                profile.redisUri().map(redis::check),
                profile.postgresUrl()
                        .map(url -> postgres.check(url, profile.postgresUser().orElse(""), postgresPassword)));
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
        return duration;
    }
}
