package io.pulseboard.postgres;

import io.pulseboard.feed.SinkHealth;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the reference data out of PostgreSQL into its compacted topics (docs/adr/0019): it reads a
 * consistent snapshot of the tables ({@link ReferenceSnapshot}), sends each record whose value changed
 * since the last snapshot it sent (a tombstone for one that disappeared), and waits for the next
 * change: the tables' triggers {@code NOTIFY pulseboard_reference}, and the snapshot is read again at
 * least every {@code pollInterval} (a notification can be missed while reconnecting). A change thus
 * reaches the topics within milliseconds, and within one poll interval at worst.
 *
 * <p>Correctness does not hang on the notifications or on ordering: every round sends the current
 * state of each changed key, so the topic's latest record per key converges on the table's state
 * whatever was missed in between. A publisher that restarts sends everything once again (compaction
 * drops the duplicates).
 *
 * <p>Failures: an unreachable or failing database is logged (WARN, once per outage), shown by {@link
 * #health()} as DOWN with the cause, and retried after 0.5 s, 1 s, 2 s, ... (at most 30 s). Thread-safe:
 * {@link #start()} from the owner; {@link #awaitFirstRound} and {@link #health()} from any thread.
 */
public final class ReferencePublisher implements AutoCloseable {
    /** The channel the migration's triggers notify. */
    public static final String CHANNEL = "pulseboard_reference";

    private static final Logger log = LoggerFactory.getLogger(ReferencePublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final PostgresConnection database;
    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Json json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Thread thread;
    private final CountDownLatch firstRound = new CountDownLatch(1);
    // What the topics hold after the last round, per topic and key. Only the publishing thread uses it.
    private final Map<String, Map<String, byte[]>> sent = new HashMap<>();
    private volatile boolean running = true;
    private Connection connection; // publishing thread only

    // Guarded by this.
    private SinkHealth.State state = SinkHealth.State.CONNECTING;
    private Instant since;
    private long written;
    private long failures;
    private String lastError;

    /**
     * @param database where the reference data is; never null
     * @param producerProperties the Kafka connection (bootstrap servers, security); serializers,
     *     idempotence and acks are set here
     * @param topics the reference topics' names; never null
     * @param pollInterval how often the snapshot is read at the latest when nothing notifies
     */
    public ReferencePublisher(
            PostgresConnection database,
            Properties producerProperties,
            Topics topics,
            Json json,
            Clock clock,
            Duration pollInterval) {
        this(database, createProducer(producerProperties), topics, json, clock, pollInterval);
    }

    ReferencePublisher(
            PostgresConnection database,
            Producer<String, byte[]> producer,
            Topics topics,
            Json json,
            Clock clock,
            Duration pollInterval) {
        this.database = Objects.requireNonNull(database, "database");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.since = clock.instant();
        this.thread = new Thread(this::run, "pulseboard-reference");
        this.thread.setDaemon(true);
    }

    private static Producer<String, byte[]> createProducer(Properties properties) {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "pulseboard-reference");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Starts the publishing thread, which repeats rounds until {@link #close()}: the first at once,
     * then one per change (or poll interval).
     */
    public void start() {
        thread.start();
    }

    /**
     * Waits until the first round has ended, so that a pipeline's global stores begin with the rates in
     * place: it calls this after {@link #start()} and before its streams start, doing its own start-up
     * work in between. A first round that failed ends the wait too (the failure is in {@link #health()},
     * and the thread retries).
     *
     * @return whether the first round ended within {@code timeout}
     */
    public boolean awaitFirstRound(Duration timeout) throws InterruptedException {
        return firstRound.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the publisher's state for the feed and the UI, named {@code reference} */
    public synchronized SinkHealth health() {
        return new SinkHealth("reference", state, written, 0, 0, failures, 0, Optional.ofNullable(lastError), since);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
        producer.close(Duration.ofSeconds(5));
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                try {
                    round();
                } finally {
                    firstRound.countDown();
                }
                backoff = Duration.ofMillis(500);
                awaitChange();
            } catch (InterruptedException e) {
                if (running) {
                    log.warn("Reference publisher interrupted; it stops");
                }
                return;
            } catch (SQLException | RuntimeException e) {
                failed(e);
                closeConnection();
                try {
                    Thread.sleep(backoff.toMillis()); // a back-off between attempts, not a wait for a condition
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    // Publishing thread.
    private void round() throws SQLException, InterruptedException {
        Connection open = connection();
        ReferenceSnapshot snapshot = ReferenceSnapshot.read(open);
        int changes = 0;
        changes += send(topics.exchangeRates().name(), encode(snapshot.exchangeRates()));
        changes += send(topics.products().name(), encode(snapshot.products()));
        changes += send(topics.regions().name(), encode(snapshot.regions()));
        changes += send(topics.alertRules().name(), encode(snapshot.alertRules()));
        up(changes);
    }

    private Map<String, byte[]> encode(Map<String, ?> values) {
        Map<String, byte[]> encoded = new HashMap<>();
        values.forEach((key, value) -> encoded.put(key, json.write(value)));
        return encoded;
    }

    /** Sends the keys whose value changed or vanished, waits for their acknowledgement, then remembers them. */
    private int send(String topic, Map<String, byte[]> current) throws InterruptedException {
        Map<String, byte[]> previous = sent.getOrDefault(topic, Map.of());
        Map<String, Future<RecordMetadata>> pending = new HashMap<>();
        current.forEach((key, value) -> {
            if (!Arrays.equals(previous.get(key), value)) {
                pending.put(key, producer.send(new ProducerRecord<>(topic, key, value)));
            }
        });
        previous.keySet().stream()
                .filter(key -> !current.containsKey(key))
                .forEach(key -> pending.put(key, producer.send(new ProducerRecord<>(topic, key, null))));
        producer.flush();
        for (Map.Entry<String, Future<RecordMetadata>> entry : pending.entrySet()) {
            try {
                entry.getValue().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "Cannot send reference record " + entry.getKey() + " to " + topic + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "Kafka did not acknowledge reference record " + entry.getKey() + " to " + topic + " within "
                                + SEND_TIMEOUT.toSeconds() + " s",
                        e);
            }
        }
        if (!pending.isEmpty()) {
            log.info("Reference data: {} record(s) sent to {}", pending.size(), topic);
        }
        sent.put(topic, Map.copyOf(current));
        return pending.size();
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection opened = database.open();
            try (Statement listen = opened.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    /** Waits for a notification on the channel, at most one poll interval. */
    private void awaitChange() throws SQLException, InterruptedException {
        PGConnection pg = connection().unwrap(PGConnection.class);
        long deadline = System.nanoTime() + pollInterval.toNanos();
        while (running) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            // Blocks up to 'left' ms on the socket; returns as soon as a notification arrives.
            PGNotification[] notifications = pg.getNotifications((int) Math.min(left, 500));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (notifications != null && notifications.length > 0) {
                return;
            }
        }
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                log.debug("Closing the reference connection failed", e);
            }
        }
    }

    private synchronized void up(int changes) {
        if (state != SinkHealth.State.UP) {
            log.info("Reference data: reading {} ({} change(s) sent)", database, changes);
            state = SinkHealth.State.UP;
            since = clock.instant();
        }
        written += changes;
    }

    private synchronized void failed(Exception e) {
        failures++;
        lastError = "PostgreSQL at " + database.jdbcUrl() + ": " + e.getMessage();
        if (state != SinkHealth.State.DOWN) {
            log.warn("Reference data: cannot read {}; retrying", database, e);
            state = SinkHealth.State.DOWN;
            since = clock.instant();
        }
    }
}
