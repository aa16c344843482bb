package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.serde.Json;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.postgres.PostgresServerProcess;
import io.pulseboard.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote session against a real Kafka reached over the network (here: an embedded broker). */
class RemoteSessionIT {

    private static final int SALES = 40;

    @TempDir
    Path temp;

    private EmbeddedKafkaBroker broker;
    private String bootstrap;
    private SessionFactory sessions;
    private final Steps steps = new Steps();
    private LeftBehind leftBehind;

    @BeforeEach
    void startBroker() {
        leftBehind = LeftBehind.snapshot();
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
        bootstrap = broker.start();
        sessions = new SessionFactory(AppDirectories.at(temp.resolve("data")), Map.of(), Clock.systemUTC());
    }

    /**
     * The broker stands for the remote cluster and starts threads of its own as clients use it, so
     * what the session left behind is counted once the broker has stopped too.
     */
    @AfterEach
    void stopBrokerThenCountWhatIsLeft() throws InterruptedException {
        broker.close();
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void reachesRunningAndCountsEverySaleSentToTheCluster() throws Exception {
        try (RemoteSession session = sessions.pipeline(bootstrap, source(), steps)) {
            session.start();
            assertThat(session.runtime().state()).isEqualTo(KafkaStreams.State.RUNNING);

            send(session.config());

            SalesWindowMetric window = awaitWindow(session, "EU-WEST");
            assertThat(window.count()).isEqualTo(SALES);
            assertThat(window.units()).isEqualTo(2L * SALES);
        }
        assertThat(steps.seen())
                .containsSubsequence("KAFKA:STARTING", "KAFKA:READY", "TOPOLOGY:STARTING", "TOPOLOGY:READY");
        assertThat(steps.seen()).contains("TOPOLOGY:STOPPED");
    }

    @Test
    void cancelledWhileKafkaStreamsStartsStopsThePipelineAndLeavesNothingBehind() throws Exception {
        RemoteSession session = sessions.pipeline(bootstrap, source(), steps);
        steps.assertStartIsCancelled(session, SessionPart.TOPOLOGY, PartState.STARTING);
        session.close();

        assertThat(steps.seen()).doesNotContain("TOPOLOGY:READY").contains("TOPOLOGY:STOPPED");
    }

    @Test
    void aProfileWhosePostgresqlIsUnreachableFailsBeforeThePipelineWithTheConnectionTestsCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionProfile profile = new ConnectionProfile(
                "team",
                bootstrap,
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/pulseboard"),
                Optional.of("analyst"));
        String cause = "PostgreSQL at 127.0.0.1:" + closedPort
                + ": connection refused (the host is up but nothing listens on that port)";
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        try (RemoteSession session = sessions.remote(
                profile, "", "pg-s3cret", (part, state, message) -> messages.add(part + ":" + state + ":" + message))) {
            assertThatThrownBy(session::start)
                    .isInstanceOf(ClusterUnusableException.class)
                    .hasMessage("PostgreSQL: " + cause);
        }
        assertThat(messages)
                .contains("POSTGRES:FAILED:" + cause)
                .anyMatch(s -> s.startsWith("KAFKA:READY:"))
                .noneMatch(s -> s.startsWith("TOPOLOGY:STARTING") || s.contains("pg-s3cret"));
    }

    @Test
    void reportsAnUnreachableKafkaAsAFailedPartWithTheReason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> messages = new ArrayList<>();
        try (RemoteSession session = sessions.pipeline(
                "nowhere",
                new ConfigSource(
                        Optional.empty(),
                        Map.of(
                                "pulseboard.kafka.bootstrap-servers",
                                "127.0.0.1:" + closedPort,
                                "pulseboard.kafka.client.default.api.timeout.ms",
                                "3000",
                                "pulseboard.kafka.client.request.timeout.ms",
                                "2000",
                                "pulseboard.kafka.state-dir",
                                temp.resolve("streams").toString())),
                (part, state, message) -> messages.add(part + ":" + state + ":" + message))) {
            assertThatThrownBy(session::start)
                    .hasMessageStartingWith("Cannot reach Kafka at 127.0.0.1:" + closedPort
                            + " within 10 s: connection refused (the host is up but nothing listens on that port)");
        }
        assertThat(messages)
                .anyMatch(s -> s.startsWith("KAFKA:FAILED:Cannot reach Kafka at 127.0.0.1:" + closedPort))
                .noneMatch(s -> s.startsWith("TOPOLOGY:STARTING"));
    }

    @Test
    void takesItsReferenceDataFromTheConfiguredPostgresAndConvertsEuroSales() throws Exception {
        try (PostgresServerProcess postgres =
                new PostgresServerProcess(PostgresServerConfig.inDirectory(temp.resolve("postgres")))) {
            postgres.start();
            PostgresEndpoint endpoint = postgres.postgresEndpoint();
            String password = endpoint.readPassword();
            io.pulseboard.postgres.PostgresConnection database =
                    new io.pulseboard.postgres.PostgresConnection(endpoint.jdbcUrl(), endpoint.user(), password);
            io.pulseboard.postgres.ReferenceSchema.migrate(database);
            try (java.sql.Connection c = database.open()) {
                io.pulseboard.postgres.ReferenceSchema.insertRate(
                        c, "EUR", "USD", Instant.parse("2020-01-01T00:00:00Z"), new java.math.BigDecimal("2.00"));
            }
            Map<String, String> keys = new java.util.HashMap<>(source().commandLine());
            keys.put("pulseboard.postgres.url", endpoint.jdbcUrl());
            keys.put("pulseboard.postgres.user", endpoint.user());
            keys.put("pulseboard.postgres.password", password);

            try (RemoteSession session =
                    sessions.pipeline(bootstrap, new ConfigSource(Optional.empty(), keys), steps)) {
                session.start();
                assertThat(session.referenceDatabase()).contains(database);

                send(session.config(), "EUR");

                SalesWindowMetric window = awaitWindow(session, "EU-WEST");
                assertThat(window.revenue())
                        .as("40 sales of 2 x 5.00 EUR at 2.00")
                        .isEqualByComparingTo("800.00");
                assertThat(window.currency()).isEqualTo("USD");
            }
        }
        assertThat(steps.seen()).contains("POSTGRES:STARTING", "POSTGRES:READY");
    }

    private ConfigSource source() {
        return new ConfigSource(
                Optional.empty(),
                Map.of(
                        "pulseboard.kafka.bootstrap-servers",
                        bootstrap,
                        "pulseboard.kafka.application-id",
                        "remote-it",
                        "pulseboard.kafka.state-dir",
                        temp.resolve("streams").toString()));
    }

    /** {@value #SALES} sales of 2 units in EU-WEST, a second apart, all in the same minute. */
    private static void send(PulseboardConfig config) throws Exception {
        send(config, "USD");
    }

    private static void send(PulseboardConfig config, String currency) throws Exception {
        Instant minute = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        try (EventProducer producer = new EventProducer(config.kafka(), config.producer(), new Json())) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < SALES; i++) {
                Instant at = minute.plusSeconds(i % 60);
                String json = "{\"eventId\":\"remote-" + i + "\",\"timestamp\":\"" + at
                        + "\",\"region\":\"EU-WEST\",\"productId\":\"P-1001\",\"customerId\":\"C-1\","
                        + "\"quantity\":2,\"unitPrice\":5.00,\"currency\":\"" + currency + "\",\"channel\":\"web\"}";
                acks.add(producer.send(
                        Topics.SALES_EVENTS, "EU-WEST", json.getBytes(StandardCharsets.UTF_8), at.toEpochMilli()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    private static SalesWindowMetric awaitWindow(PipelineSession session, String region) throws InterruptedException {
        return Await.until(
                Duration.ofSeconds(60),
                () -> session.feed()
                        .latest()
                        .map(s -> s.trailingWindowByRegion().get(region))
                        .filter(window -> window.count() == SALES),
                () -> "the window of " + region + " did not reach " + SALES + " sales: "
                        + session.feed().latest());
    }
}
