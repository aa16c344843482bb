package io.pulseboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.probe.ConnectionCheck.Status;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.postgres.PostgresServerProcess;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LiveConnectionTester} against a real in-JVM Kafka broker and a real Redis server. */
class ConnectionTesterIT {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    /** The deadline plus client start-up and shutdown. */
    private static final Duration KAFKA_BOUND = KAFKA_TIMEOUT.plusSeconds(4);

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static String bootstrap;

    private final LiveConnectionTester tester = new LiveConnectionTester(KAFKA_TIMEOUT, REDIS_TIMEOUT);

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")));
        bootstrap = broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ConnectionProfile plaintext(String servers, Optional<String> redisUri) {
        return new ConnectionProfile(
                "it", servers, SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), redisUri);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void liveBrokerIsOkWithBrokerCountAndClusterId() {
        ConnectionCheck check = tester.test(plaintext(bootstrap, Optional.empty()), "");

        assertThat(check.status()).isEqualTo(Status.OK);
        assertThat(check.kafka().message()).startsWith("1 broker (").contains("cluster id ");
        assertThat(check.redis()).isEmpty();
    }

    @Test
    void closedPortFailsFastNamingTheAddress() throws IOException {
        String address = "127.0.0.1:" + closedPort();

        long start = System.nanoTime();
        ConnectionCheck check = tester.test(plaintext(address, Optional.empty()), "");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(check.status()).isEqualTo(Status.FAILED);
        assertThat(check.kafka().message())
                .isEqualTo("Cannot reach Kafka at " + address
                        + ": connection refused (the host is up but nothing listens on that port)");
        assertThat(took).isLessThan(KAFKA_BOUND);
    }

    @Test
    void unknownHostIsNamed() {
        ConnectionCheck check = tester.test(plaintext("no-such-host.invalid:9092", Optional.empty()), "");

        assertThat(check.kafka().status()).isEqualTo(Status.FAILED);
        assertThat(check.kafka().message()).contains("no-such-host.invalid:9092", "unknown host");
    }

    @Test
    void sslAgainstAPlaintextListenerSuggestsPlaintext() {
        ConnectionProfile ssl = new ConnectionProfile(
                "it", bootstrap, SecurityProtocol.SSL, Optional.empty(), Optional.empty(), Optional.empty());

        long start = System.nanoTime();
        ConnectionCheck check = tester.test(ssl, "");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(check.kafka().status()).isEqualTo(Status.FAILED);
        assertThat(check.kafka().message())
                .startsWith("Kafka at " + bootstrap)
                .contains("probably a PLAINTEXT listener (choose PLAINTEXT)");
        assertThat(took).isLessThan(KAFKA_BOUND);
    }

    @Test
    void unreachableRedisFailsWhileKafkaIsOk() throws IOException {
        String redis = "redis://127.0.0.1:" + closedPort();

        ConnectionCheck check = tester.test(plaintext(bootstrap, Optional.of(redis)), "");

        assertThat(check.kafka().isOk()).isTrue();
        assertThat(check.status()).isEqualTo(Status.FAILED);
        assertThat(check.redis()).hasValueSatisfying(redisPart -> {
            assertThat(redisPart.status()).isEqualTo(Status.FAILED);
            assertThat(redisPart.message())
                    .startsWith("Cannot reach Redis at 127.0.0.1:")
                    .contains("connection refused");
        });
        assertThat(check.summary()).contains("Kafka OK: ", "\nRedis FAILED: Cannot reach Redis");
    }

    @Test
    void liveRedisAnswersPingWithItsPasswordAndSaysWhenOneIsMissing() {
        try (RedisServerProcess redis =
                new RedisServerProcess(RedisServerConfig.inDirectory(dataDir.resolve("redis")))) {
            redis.start();
            String uri = redis.authenticatedUri();

            ConnectionCheck check = tester.test(plaintext(bootstrap, Optional.of(uri)), "");

            assertThat(check.status()).isEqualTo(Status.OK);
            assertThat(check.redis())
                    .hasValueSatisfying(redisPart -> assertThat(redisPart.message())
                            .startsWith("PONG from Redis ")
                            .endsWith(" at 127.0.0.1:" + redis.port())
                            .doesNotContain(redis.password()));

            ConnectionCheck anonymous = tester.test(plaintext(bootstrap, Optional.of(redis.uri())), "");

            assertThat(anonymous.redis()).hasValueSatisfying(redisPart -> {
                assertThat(redisPart.status()).isEqualTo(Status.FAILED);
                assertThat(redisPart.message())
                        .startsWith("Cannot reach Redis at 127.0.0.1:" + redis.port() + ": NOAUTH")
                        .endsWith("This Redis requires a password; password-protected Redis is not supported in"
                                + " profiles yet.");
            });
        }
    }

    @Test
    void livePostgresqlLogsInWithItsPasswordAndNamesAWrongPasswordADatabaseAndAClosedPort() throws Exception {
        try (PostgresServerProcess postgres =
                new PostgresServerProcess(PostgresServerConfig.inDirectory(dataDir.resolve("postgres")))) {
            postgres.start();
            PostgresEndpoint endpoint = postgres.postgresEndpoint();
            String password = endpoint.readPassword();
            String at = "127.0.0.1:" + postgres.port();

            ConnectionCheck fresh = tester.test(withPostgres(endpoint.jdbcUrl()), "", password);

            assertThat(fresh.status()).isEqualTo(Status.OK);
            assertThat(fresh.postgres())
                    .hasValueSatisfying(part -> assertThat(part.message())
                            .matches("PostgreSQL 1\\d\\.\\d+ .*at " + at
                                    + " as pulseboard, no reference tables yet \\(the"
                                    + " pipeline creates them when it starts\\)"));
            ReferenceSchema.migrate(new PostgresConnection(endpoint.jdbcUrl(), endpoint.user(), password));
            assertThat(tester.test(withPostgres(endpoint.jdbcUrl()), "", password)
                            .postgres())
                    .hasValueSatisfying(part -> assertThat(part.message()).endsWith(", reference tables present"));

            ConnectionCheck wrongPassword = tester.test(withPostgres(endpoint.jdbcUrl()), "", "not-" + password);
            assertThat(wrongPassword.status()).isEqualTo(Status.FAILED);
            assertThat(wrongPassword.summary())
                    .contains("\nPostgreSQL FAILED: PostgreSQL at " + at + ": the server refused user pulseboard (")
                    .endsWith("): check the user and the password")
                    .doesNotContain(password);

            String otherDatabase = endpoint.jdbcUrl().replace("/pulseboard", "/no_such_db");
            assertThat(tester.test(withPostgres(otherDatabase), "", password).postgres())
                    .hasValueSatisfying(part -> assertThat(part.message())
                            .startsWith("PostgreSQL at " + at + ": ")
                            .contains("no_such_db")
                            .endsWith(": check the database name at the end of the URL"));
        }
        int closed = closedPort();
        assertThat(tester.test(withPostgres("jdbc:postgresql://127.0.0.1:" + closed + "/pulseboard"), "", "x")
                        .postgres())
                .hasValueSatisfying(part -> assertThat(part.message())
                        .isEqualTo("PostgreSQL at 127.0.0.1:" + closed + ": connection refused (the host is up but"
                                + " nothing listens on that port)"));
    }

    private static ConnectionProfile withPostgres(String jdbcUrl) {
        return new ConnectionProfile(
                "it",
                bootstrap,
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(jdbcUrl),
                Optional.of("pulseboard"));
    }
}
