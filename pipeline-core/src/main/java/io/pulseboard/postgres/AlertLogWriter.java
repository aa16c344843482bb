package io.pulseboard.postgres;

import io.pulseboard.alert.AlertEvent;
import io.pulseboard.serde.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code alerts} topic into PostgreSQL's {@code alert_log}, one row per alert id: a firing
 * event inserts the row (state {@code FIRING}), a resolution sets {@code RESOLVED} with its time and
 * value and keeps an acknowledgement. Both statements are idempotent by alert id, and the consumer's
 * offsets are committed only after the rows are written, so a restart that reads an event again
 * changes nothing: the log holds each episode once (docs/adr/0020). Reads committed records only: an
 * alert of an aborted transaction is never logged.
 *
 * <p>A database that fails is logged (WARN, once per outage) and the batch retried after 0.5 s, 1 s,
 * ... (at most 30 s) from the same offsets. One thread ({@code pulseboard-alert-log}); {@link #close()}
 * from any thread.
 */
public final class AlertLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertLogWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    static final String INSERT_FIRING = "INSERT INTO alert_log (alert_id, rule_id, rule_name, region, severity,"
            + " state, message, fired_at, fired_value, threshold) VALUES (?, ?, ?, ?, ?, 'FIRING', ?, ?, ?, ?)"
            + " ON CONFLICT (alert_id) DO NOTHING";
    static final String RESOLVE = "INSERT INTO alert_log (alert_id, rule_id, rule_name, region, severity, state,"
            + " message, fired_at, fired_value, threshold, resolved_at, resolved_value)"
            + " VALUES (?, ?, ?, ?, ?, 'RESOLVED', ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (alert_id) DO UPDATE SET state = 'RESOLVED', resolved_at = EXCLUDED.resolved_at,"
            + " resolved_value = EXCLUDED.resolved_value";

    private final PostgresConnection database;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Json json;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param consumerProperties the Kafka connection (bootstrap servers, security); the group, the
     *     deserializers, read_committed and manual commits are set here
     * @param groupId the consumer group, e.g. the application id with {@code -alert-log}: every instance
     *     of one pipeline shares it, so each alert is written by one of them
     */
    public AlertLogWriter(
            PostgresConnection database, Properties consumerProperties, String groupId, String topic, Json json) {
        this.database = Objects.requireNonNull(database, "database");
        this.json = Objects.requireNonNull(json, "json");
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "pulseboard-alert-log");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        boolean down = false;
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                while (running) {
                    try {
                        write(batch);
                        consumer.commitSync();
                        if (down) {
                            log.info("Alert log: writing to {} again", database);
                            down = false;
                        }
                        backoff = Duration.ofMillis(500);
                        break;
                    } catch (SQLException | RuntimeException e) {
                        if (!down) {
                            log.warn(
                                    "Alert log: cannot write {} alert event(s) to {}; retrying",
                                    batch.count(),
                                    database,
                                    e);
                            down = true;
                        }
                        Thread.sleep(backoff.toMillis()); // back-off between attempts
                        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                                ? MAX_BACKOFF
                                : backoff.multipliedBy(2);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.warn("Alert log writer woken up while running; it stops", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(ConsumerRecords<String, byte[]> batch) throws SQLException {
        try (Connection connection = database.open()) {
            connection.setAutoCommit(false);
            try (PreparedStatement fire = connection.prepareStatement(INSERT_FIRING);
                    PreparedStatement resolve = connection.prepareStatement(RESOLVE)) {
                for (ConsumerRecord<String, byte[]> record : batch) {
                    if (record.value() == null) {
                        continue;
                    }
                    AlertEvent event = json.read(record.value(), AlertEvent.class);
                    PreparedStatement statement = event.state() == AlertEvent.State.FIRING ? fire : resolve;
                    statement.setString(1, event.alertId());
                    statement.setString(2, event.ruleId());
                    statement.setString(3, event.ruleName() == null ? event.ruleId() : event.ruleName());
                    statement.setString(4, event.region());
                    statement.setString(
                            5,
                            event.severity() == null ? null : event.severity().name());
                    statement.setString(6, event.message());
                    statement.setTimestamp(7, timestamp(event.eventTime()));
                    statement.setBigDecimal(8, event.value());
                    statement.setBigDecimal(9, event.threshold());
                    if (statement == resolve) {
                        statement.setTimestamp(10, timestamp(event.eventTime()));
                        statement.setBigDecimal(11, event.value());
                    }
                    statement.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant == null ? Instant.EPOCH : instant);
    }
}
