package io.pulseboard.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.TestConfigs;
import io.pulseboard.testing.TestPostgres;
import io.pulseboard.topic.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert rule in a real PostgreSQL, evaluated by a pipeline on a real broker: the alert fires on the
 * sale that crosses the threshold, reaches the alerts topic and the alert log, survives a restart of
 * the pipeline without a second firing, and resolves once, when the region goes quiet.
 */
class AlertIT {

    private static final int SALES = 60;

    @TempDir
    Path temp;

    private final Json json = new Json();
    private EmbeddedKafkaBroker broker;
    private TestPostgres postgres;
    private PulseboardConfig config;
    private PipelineRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
        String bootstrap = broker.start();
        postgres = TestPostgres.start(temp.resolve("postgres"));
        ReferenceSchema.migrate(postgres.connection());
        config = TestConfigs.pipeline(bootstrap, temp, "it");
        config = config.withTopology(config.topology().withGrace(Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close(Duration.ofSeconds(20));
        }
        if (postgres != null) {
            postgres.close();
        }
        broker.close();
    }

    @Test
    void aRuleInPostgresFiresOnceAcrossARestartAndResolvesOnceInTheTopicAndTheLog() throws Exception {
        try (Connection c = postgres.connection().open();
                Statement insert = c.createStatement()) {
            insert.executeUpdate("INSERT INTO alert_rules (rule_id, name, metric, scope, condition, threshold,"
                    + " rearm, for_windows, severity) VALUES ('eu-orders', 'EU-WEST orders high', 'REGION_ORDERS',"
                    + " 'EU-WEST', 'ABOVE', 50, 10, 1, 'CRITICAL')");
        }
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        String alertId = "eu-orders|EU-WEST|" + base.minus(Duration.ofMinutes(4));
        startRuntime();

        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            burst.add(sale("b" + i, base.plusMillis(500L * i), "EU-WEST"));
            burst.add(sale("u" + i, base.plusMillis(500L * i), "US-EAST"));
        }
        send(burst);
        long sent = System.nanoTime();
        Eventually.await(
                Duration.ofSeconds(30),
                () -> logState(alertId).equals("FIRING"),
                () -> "alert log: " + logState(alertId));
        System.out.printf(
                "AlertIT: last sale sent -> FIRING row in the alert log: %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));

        AlertLog log = new AlertLog(postgres.connection());
        Instant acknowledgedAt = Instant.parse("2026-12-02T10:15:30Z");
        assertThat(log.acknowledge(alertId, "ana", "looking into it", acknowledgedAt))
                .isEqualTo(AlertLog.Outcome.ACKNOWLEDGED);
        assertThat(log.acknowledge(alertId, "bob", "me too", Instant.now()))
                .as("the first acknowledgement is kept")
                .isEqualTo(AlertLog.Outcome.ALREADY_ACKNOWLEDGED);
        assertThat(log.acknowledge("no-such-alert", "bob", "", Instant.now())).isEqualTo(AlertLog.Outcome.UNKNOWN);
        assertThat(log.recent(10)).singleElement().satisfies(row -> {
            assertThat(row.state()).isEqualTo(io.pulseboard.alert.LoggedAlert.State.ACKNOWLEDGED);
            assertThat(row.acknowledgedBy()).contains("ana");
            assertThat(row.acknowledgedAt()).contains(acknowledgedAt);
            assertThat(row.note()).isEqualTo("looking into it");
        });

        runtime.close(Duration.ofSeconds(20));
        startRuntime();
        send(List.of(sale("again", base.plusSeconds(45), "EU-WEST")));
        // Quiet from base + 1 min on: a sale 20 minutes later moves stream time past the empty windows.
        send(List.of(sale("later", base.plus(Duration.ofMinutes(20)), "EU-WEST")));
        Eventually.await(
                Duration.ofSeconds(30),
                () -> logState(alertId).equals("RESOLVED"),
                () -> "alert log: " + logState(alertId));

        List<AlertEvent> events = alertsTopic();
        assertThat(events)
                .extracting(AlertEvent::alertId, AlertEvent::state)
                .as("one firing and one resolution, whatever the restart")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(alertId, AlertEvent.State.FIRING),
                        org.assertj.core.groups.Tuple.tuple(alertId, AlertEvent.State.RESOLVED));
        AlertEvent fired = events.get(0);
        assertThat(fired.value()).isGreaterThan(new BigDecimal("50")).isLessThanOrEqualTo(new BigDecimal(SALES));
        assertThat(fired.severity()).isEqualTo(io.pulseboard.alert.AlertRule.Severity.CRITICAL);
        assertThat(events.get(1).value()).isEqualByComparingTo("0");
        assertThat(events.get(1).windowStart()).isEqualTo(base.plus(Duration.ofMinutes(1)));
        try (Connection c = postgres.connection().open();
                Statement query = c.createStatement();
                ResultSet row = query.executeQuery("SELECT count(*), min(rule_id), min(region), min(severity),"
                        + " min(fired_value), min(resolved_value), min(message) FROM alert_log")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(1);
            assertThat(row.getString(2)).isEqualTo("eu-orders");
            assertThat(row.getString(3)).isEqualTo("EU-WEST");
            assertThat(row.getString(4)).isEqualTo("CRITICAL");
            assertThat(row.getBigDecimal(5)).isEqualByComparingTo(fired.value());
            assertThat(row.getBigDecimal(6)).isEqualByComparingTo("0");
            assertThat(row.getString(7)).isEqualTo(fired.message());
        }
        assertThat(log.recent(10))
                .singleElement()
                .as("the resolution keeps the acknowledgement")
                .satisfies(row -> {
                    assertThat(row.state()).isEqualTo(io.pulseboard.alert.LoggedAlert.State.RESOLVED);
                    assertThat(row.acknowledgedBy()).contains("ana");
                    assertThat(row.note()).isEqualTo("looking into it");
                    assertThat(row.resolvedValue())
                            .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
                });
        assertThat(log.acknowledge(alertId, "bob", "", Instant.now())).isEqualTo(AlertLog.Outcome.ALREADY_RESOLVED);
    }

    @Test
    void aRuleInsertedWhileThePipelineRunsFiresOnTheNextSalesThatCrossIt() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        String alertId = "us-orders|US-EAST|" + base.minus(Duration.ofMinutes(4));
        startRuntime();
        List<byte[]> before = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            before.add(sale("p" + i, base.plusMillis(100L * i), "US-EAST"));
        }
        send(before);

        try (Connection c = postgres.connection().open();
                Statement insert = c.createStatement()) {
            insert.executeUpdate("INSERT INTO alert_rules (rule_id, name, metric, scope, condition, threshold)"
                    + " VALUES ('us-orders', 'US-EAST orders', 'REGION_ORDERS', 'US-EAST', 'ABOVE', 30)");
        }
        long inserted = System.nanoTime();
        // The rule reaches the evaluation through the change stream: the next update of a window above
        // 30 fires it. One sale every 200 ms until the log shows it.
        int sent = 0;
        long deadline = inserted + TimeUnit.SECONDS.toNanos(30);
        while (!logState(alertId).equals("FIRING")) {
            assertThat(System.nanoTime())
                    .as("FIRING in the alert log within 30 s")
                    .isLessThan(deadline);
            send(List.of(sale("n" + sent, base.plusSeconds(5 + sent), "US-EAST")));
            sent++;
            TimeUnit.MILLISECONDS.sleep(200); // the pace of the sales, not a wait for the outcome
        }
        System.out.printf(
                "AlertIT: rule committed in PostgreSQL -> FIRING row in the alert log: %d ms (%d sale(s) after it)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inserted), sent);

        List<AlertEvent> events = alertsTopic();
        assertThat(events).extracting(AlertEvent::alertId).containsExactly(alertId);
        assertThat(events.get(0).value()).isGreaterThan(new BigDecimal("40"));
    }

    private void startRuntime() throws InterruptedException {
        runtime = new PipelineRuntime(
                config, json, Clock.systemUTC(), Optional.empty(), Optional.of(postgres.connection()));
        runtime.start();
        assertThat(runtime.awaitRunning(Duration.ofSeconds(60)))
                .as("Kafka Streams reaches RUNNING")
                .isTrue();
    }

    private String logState(String alertId) {
        try (Connection c = postgres.connection().open();
                Statement query = c.createStatement();
                ResultSet row = query.executeQuery(
                        "SELECT state FROM alert_log WHERE alert_id = '" + alertId.replace("'", "''") + "'")) {
            return row.next() ? row.getString(1) : "(no row)";
        } catch (java.sql.SQLException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private List<AlertEvent> alertsTopic() {
        Properties props = config.kafka().toConsumerProperties(null);
        try (KafkaConsumer<String, String> reader =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = reader.partitionsFor(Topics.ALERTS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = reader.endOffsets(partitions);
            List<AlertEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    events.add(json.read(record.value().getBytes(StandardCharsets.UTF_8), AlertEvent.class));
                }
            }
            return events;
        }
    }

    private static byte[] sale(String id, Instant at, String region) {
        return ("{\"eventId\":\"" + id + "\",\"timestamp\":\"" + at + "\",\"region\":\"" + region
                        + "\",\"productId\":\"P-1\",\"customerId\":\"C-1\",\"quantity\":1,\"unitPrice\":10.00,"
                        + "\"amount\":10.00,\"currency\":\"USD\",\"channel\":\"web\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void send(List<byte[]> payloads) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                config.kafka().toProducerProperties(config.producer()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (byte[] payload : payloads) {
                acks.add(producer.send(new ProducerRecord<>(Topics.SALES_EVENTS, payload)));
            }
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }
}
