package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.generate.DemoGenerator;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.duckdb.DuckDbHistoryStore;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.stack.AppDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local demo on an empty data directory: real in-JVM Kafka, redis-server, DuckDB. */
class LocalDemoSessionIT {

    @TempDir
    Path temp;

    private SessionFactory sessions;
    private AppDirectories directories;
    private final Steps steps = new Steps();
    private LeftBehind leftBehind;

    @BeforeEach
    void emptyDataHome() {
        directories = AppDirectories.at(temp.resolve("data"));
        sessions = new SessionFactory(directories, Map.of(), Clock.systemUTC());
        leftBehind = LeftBehind.snapshot();
    }

    @Test
    void reachesRunningWithLiveMetricsAndHandsItsHistoryStoreToThePipeline() throws Exception {
        Path historyFile = directories.dataHome().resolve("history").resolve("history.duckdb");
        try (LocalDemoSession session = newSession(Map.of())) {
            session.start();

            assertThat(session.runtime().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(session.config().kafka().applicationId()).isEqualTo("pulseboard-demo");
            assertThat(session.config().kafka().commitInterval()).isEqualTo(Duration.ofMillis(25));
            assertThat(session.config().history().duckdbFile()).contains(historyFile);
            assertThat(session.history()).isPresent();
            PipelineSnapshot live = awaitLiveMetrics(session);
            assertThat(live.trailingWindowByRegion()).isNotEmpty();
            assertThat(live.history().written())
                    .as("sales the pipeline wrote to the session's history store")
                    .isPositive();
            assertTheMetricsAreInTheLockedDownRedis(session, live);
            assertThat(session.referenceDatabase()).as("the demo's PostgreSQL").isPresent();
            assertThat(session.generator().orElseThrow().stats().sales())
                    .as("sales generated, in EUR, JPY and USD")
                    .isPositive();
            assertThat(live.deadLetterTotal())
                    .as("every sale in another currency was converted, none dead-lettered")
                    .isZero();
        }
        for (SessionPart part : SessionPart.values()) {
            assertThat(steps.seen()).as(part + " became ready").contains(part + ":" + PartState.READY);
        }
        // Closing the session closed the store: DuckDB locks its file while it is open.
        try (HistoryStore reopened = new DuckDbHistoryStore(historyFile)) {
            assertThat(reopened).isNotNull();
        }
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void theUsersSettingsWinOverTheDemosDefaultsIncludingTheApplicationId() {
        var config = sessions.localDemoConfig(new ConfigSource(
                Optional.empty(),
                Map.of("pulseboard.kafka.application-id", "x", "pulseboard.kafka.commit-interval", "50ms")));

        assertThat(config.kafka().applicationId()).isEqualTo("x");
        assertThat(config.kafka().commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.kafka().toStreamsProperties().getProperty("fetch.max.wait.ms"))
                .as("the demo's client default stays where the user set nothing")
                .isEqualTo("50");
    }

    @Test
    void cancelledWhileStartingStopsBeforeThePipelineAndLeavesNothingBehind() throws Exception {
        LocalDemoSession session = newSession(Map.of());
        // Kafka and Redis are up, the history store may still be opening; the topology has not started.
        steps.assertStartIsCancelled(session, SessionPart.REDIS, PartState.READY);
        session.close();

        assertThat(steps.seen()).doesNotContain("TOPOLOGY:STARTING", "GENERATOR:STARTING");
        assertThat(steps.seen()).contains("KAFKA:STOPPED", "REDIS:STOPPED");
        assertThatThrownBy(session::runtime).isInstanceOf(IllegalStateException.class);
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void aHistoryStoreThatCannotOpenFailsTheStartAndCloseStopsWhatDidStart() throws Exception {
        // A directory where the DuckDB file should be: DuckDB cannot open it.
        Files.createDirectories(directories.dataHome().resolve("history").resolve("history.duckdb"));
        LocalDemoSession session = newSession(Map.of());

        assertThatThrownBy(session::start).isInstanceOf(RuntimeException.class);
        session.close();

        assertThat(steps.seen()).contains(SessionPart.HISTORY + ":" + PartState.FAILED);
        assertThatThrownBy(session::runtime).isInstanceOf(IllegalStateException.class);
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void aRateThisMachineCannotReachIsWarnedWithTheRateReached() throws Exception {
        try (LocalDemoSession session = newSession(Map.of("pulseboard.generator.rate", "10000000"))) {
            session.start();

            String warning = Await.until(
                    Duration.ofSeconds(60),
                    () -> steps.withMessages().stream()
                            .filter(s -> s.startsWith("GENERATOR:READY generator reached"))
                            .findFirst(),
                    () -> "no shortfall warning: " + steps.withMessages());
            assertThat(warning)
                    .matches("GENERATOR:READY generator reached [0-9,]+ events/s of the [0-9,]+ asked \\(--rate"
                            + " 10,000,000 times the daily rhythm\\); this machine \\(generator, producer and broker"
                            + " together\\) cannot go faster: lower --rate \\(pulseboard.generator.rate\\) to about"
                            + " [0-9,]+ or less");
            long reached = Long.parseLong(
                    warning.replaceAll(".*reached ([0-9,]+) events.*", "$1").replace(",", ""));
            long asked = Long.parseLong(
                    warning.replaceAll(".*of the ([0-9,]+) asked.*", "$1").replace(",", ""));
            assertThat(reached).isPositive().isLessThan(asked * 9 / 10);
            assertThat(session.generator().orElseThrow().stats().shortfall())
                    .isEqualTo(warning.substring("GENERATOR:READY ".length()));
        }
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void aReachableRateIsNotWarned() throws Exception {
        try (LocalDemoSession session = newSession(Map.of())) {
            session.start();
            DemoGenerator generator = session.generator().orElseThrow();
            // Three measuring windows (2 s each) at 500 events/s.
            long start = generator.stats().generated();
            Await.until(
                    Duration.ofSeconds(60),
                    () -> Optional.of(generator.stats().generated()).filter(n -> n > start + 3_000),
                    () -> "the generator is stuck at " + generator.stats().generated());

            assertThat(generator.stats().shortfall()).isNull();
            assertThat(steps.withMessages()).noneMatch(s -> s.contains("generator reached"));
        }
    }

    private LocalDemoSession newSession(Map<String, String> keys) {
        Map<String, String> all = new java.util.HashMap<>(keys);
        all.putIfAbsent("pulseboard.generator.rate", "500");
        all.putIfAbsent("pulseboard.generator.seed", "1");
        return sessions.localDemo(new ConfigSource(Optional.empty(), all), steps);
    }

    private static PipelineSnapshot awaitLiveMetrics(PipelineSession session) throws InterruptedException {
        return Await.until(
                Duration.ofSeconds(60),
                () -> session.feed()
                        .latest()
                        .filter(s -> !s.trailingWindowByRegion().isEmpty()
                                && s.history().written() > 0
                                && s.redis().written() > 0),
                () -> "no live metrics: " + session.feed().latest());
    }

    /** The pipeline wrote to the stack's Redis with the password it was handed; without it, Redis refuses. */
    private static void assertTheMetricsAreInTheLockedDownRedis(LocalDemoSession session, PipelineSnapshot live)
            throws InterruptedException {
        assertThat(live.redis().state()).isEqualTo(SinkHealth.State.UP);
        String uri = session.endpoints().redisUri().orElseThrow();
        assertThat(session.config().redis().uri()).contains(uri);
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // The sink coalesces its writes (ADR 0006): the regions reach Redis a moment after the
            // snapshot that shows them (CI once read the set while it was still empty).
            java.util.Set<String> regions = live.trailingWindowByRegion().keySet();
            Await.until(
                    Duration.ofSeconds(30),
                    () -> Optional.of(connection.sync().smembers("pulseboard:regions"))
                            .filter(inRedis -> inRedis.containsAll(regions)),
                    () -> "regions " + regions + " not in Redis: "
                            + connection.sync().smembers("pulseboard:regions"));
        } finally {
            client.shutdown();
        }
        RedisClient anonymous =
                RedisClient.create(session.endpoints().redisAddress().orElseThrow());
        try {
            assertThatThrownBy(anonymous::connect)
                    .isInstanceOf(RedisConnectionException.class)
                    .rootCause()
                    .hasMessageStartingWith("NOAUTH");
        } finally {
            anonymous.shutdown();
        }
    }
}
