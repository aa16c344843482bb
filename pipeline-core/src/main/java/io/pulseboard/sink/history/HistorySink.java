package io.pulseboard.sink.history;

import io.pulseboard.config.HistoryConfig;
import io.pulseboard.config.KafkaConfig;
import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.reference.CurrencyConverter;
import io.pulseboard.reference.ExchangeRateHistory;
import io.pulseboard.serde.EventParser;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.Parsed;
import io.pulseboard.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends valid sales events (from {@code sales-events}) and window aggregates (from {@code
 * sales-metrics}; {@code sales-by-category}, {@code -channel} and {@code -product}; {@code
 * region-targets}) to a {@link HistoryStore} in batches, at least once. Within a batch only the last
 * value of each window is appended.
 *
 * <p>It is a consumer group of its own ({@code <application-id>-history}): offsets are committed
 * only after the store acknowledged the batch, so nothing is lost across restarts, and several
 * instances share the work. While the store is down the batch is retried with back-off (100 ms
 * doubling to 10 s) and consumption is paused: Kafka holds the backlog, memory stays bounded by
 * one batch. The stores de-duplicate, so a retried batch never double-counts.
 *
 * <p>The store is borrowed: {@link #close()} leaves it open for its opener to close.
 */
public final class HistorySink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistorySink.class);
    /** How long the sink waits for the exchange rates at start, and for a pair it has not seen. */
    private static final Duration RATES_CATCH_UP = Duration.ofSeconds(5);

    private final HistoryStore store;
    private final HistoryConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventParser parser;
    private final CurrencyConverter converter;
    // Reader thread only: the rates that convert a sale in another currency, as the topology does.
    private final RateBook rates;
    private final Map<String, Long> caughtUpFor = new java.util.HashMap<>();
    private final Json json;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pulseboard-history-sink");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    // Guarded by this.
    private SinkHealth.State state = SinkHealth.State.CONNECTING;
    private Instant since;
    private long written;
    private long buffered;
    private long failedFlushes;
    private String lastError;

    public HistorySink(
            HistoryStore store,
            HistoryConfig config,
            KafkaConfig kafka,
            String memberId,
            TopologyConfig topology,
            Json json,
            Clock clock) {
        this.store = store;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.since = clock.instant();
        this.parser = EventParser.anyCurrency(json, topology.maxFutureSkew());
        this.converter = new CurrencyConverter(topology.reportingCurrency());
        this.rates = new RateBook(kafka, json);
        Properties props = kafka.toConsumerProperties(kafka.applicationId() + "-history");
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public void start() {
        thread.execute(this::run);
    }

    public synchronized SinkHealth health() {
        return new SinkHealth(
                "history", state, written, buffered, 0, failedFlushes, 0, Optional.ofNullable(lastError), since);
    }

    /** One batch: the sales, and the last value of each window read since the last append. */
    private static final class Batch {
        final List<SalesEvent> sales = new ArrayList<>();
        final Map<String, SalesWindowMetric> windows = new LinkedHashMap<>();
        final Map<String, SalesBreakdownMetric> breakdowns = new LinkedHashMap<>();
        final Map<String, TargetMetric> targets = new LinkedHashMap<>();

        int size() {
            return sales.size() + windows.size() + breakdowns.size() + targets.size();
        }

        void clear() {
            sales.clear();
            windows.clear();
            breakdowns.clear();
            targets.clear();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(
                    Topics.SALES_EVENTS,
                    Topics.SALES_METRICS,
                    Topics.SALES_BY_CATEGORY,
                    Topics.SALES_BY_CHANNEL,
                    Topics.SALES_BY_PRODUCT,
                    Topics.REGION_TARGETS));
            if (!rates.catchUp(RATES_CATCH_UP)) {
                log.warn(
                        "The exchange rates were not read within {}; sales in other currencies wait for them",
                        RATES_CATCH_UP);
            }
            Batch batch = new Batch();
            long batchStarted = System.nanoTime();
            while (running) {
                rates.refresh();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    collect(record, batch);
                }
                setBuffered(batch.size());
                boolean due = System.nanoTime() - batchStarted
                        > config.flushInterval().toNanos();
                if (batch.sales.size() >= config.batchSize() || (due && batch.size() > 0)) {
                    appendWithRetry(batch);
                    consumer.commitSync();
                    batch.clear();
                    setBuffered(0);
                    batchStarted = System.nanoTime();
                } else if (due) {
                    batchStarted = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failed("history reader woken unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("history sink stopped: " + e.getMessage(), e);
        } finally {
            // A static member stays in its group on close unless told to leave (KIP-1092).
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            rates.close();
        }
    }

    /**
     * The sale in the reporting currency, converted as the topology converts it (the same rates, the
     * same rounding); empty for a sale the topology dead-letters (no rate valid at its time).
     */
    private Optional<SalesEvent> inReportingCurrency(SalesEvent sale) {
        if (sale.currency().equals(converter.reportingCurrency())) {
            return Optional.of(sale);
        }
        String pair = converter.pair(sale.currency());
        Optional<ExchangeRateHistory> history = rates.get(pair);
        long now = System.nanoTime();
        Long last = caughtUpFor.get(pair);
        if (history.flatMap(h -> h.rateAt(sale.timestamp())).isEmpty()
                && (last == null || now - last > RATES_CATCH_UP.toNanos() / 5)) {
            // The rate may have been published a moment ago (the topology's global store may have it);
            // at most once a second per pair, so that a stream of unconvertible sales costs little.
            caughtUpFor.put(pair, now);
            rates.catchUp(RATES_CATCH_UP);
            history = rates.get(pair);
        }
        return history.flatMap(h -> converter.convert(sale, h));
    }

    private void collect(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        if (record.topic().equals(Topics.SALES_EVENTS)) {
            // Invalid events are the dead-letter topic's business; history keeps what the metrics count.
            if (parser.parseSale(record.value(), record.timestamp()) instanceof Parsed.Valid<SalesEvent> valid) {
                inReportingCurrency(valid.event()).ifPresent(batch.sales::add);
            }
        } else if (record.value() == null) {
            return;
        } else if (record.topic().equals(Topics.SALES_METRICS)) {
            SalesWindowMetric m = json.read(record.value(), SalesWindowMetric.class);
            batch.windows.put(m.region() + "@" + m.windowStart().toEpochMilli(), m);
        } else if (record.topic().equals(Topics.REGION_TARGETS)) {
            TargetMetric m = json.read(record.value(), TargetMetric.class);
            batch.targets.put(
                    m.region() + "|" + m.period() + "@" + m.windowStart().toEpochMilli(), m);
        } else {
            SalesBreakdownMetric m = json.read(record.value(), SalesBreakdownMetric.class);
            batch.breakdowns.put(
                    m.dimension() + "|" + m.region() + "|" + m.value() + "@"
                            + m.windowStart().toEpochMilli(),
                    m);
        }
    }

    /** Retries until the store takes the batch or the sink is closed; keeps the group membership alive. */
    private void appendWithRetry(Batch batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                if (!batch.sales.isEmpty()) {
                    store.appendSales(batch.sales);
                }
                if (!batch.windows.isEmpty()) {
                    store.appendWindows(List.copyOf(batch.windows.values()));
                }
                if (!batch.breakdowns.isEmpty()) {
                    store.appendBreakdowns(List.copyOf(batch.breakdowns.values()));
                }
                if (!batch.targets.isEmpty()) {
                    store.appendTargets(List.copyOf(batch.targets.values()));
                }
                succeeded(batch.sales.size());
                consumer.resume(consumer.assignment());
                return;
            } catch (RuntimeException e) {
                failed(e.getMessage(), e);
                if (!running) {
                    throw new InterruptedException("closed while the history store was down");
                }
                consumer.pause(consumer.assignment());
                long until = System.nanoTime() + backoff.toNanos();
                while (System.nanoTime() < until && running) {
                    consumer.poll(Duration.ofMillis(Math.min(200, backoff.toMillis())));
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private synchronized void setBuffered(long count) {
        buffered = count;
    }

    private synchronized void succeeded(int count) {
        written += count;
        if (state != SinkHealth.State.UP) {
            if (state == SinkHealth.State.DOWN) {
                log.info("History store {} is reachable again", store.name());
            }
            state = SinkHealth.State.UP;
            since = clock.instant();
        }
    }

    private synchronized void failed(String message, RuntimeException e) {
        failedFlushes++;
        lastError = message;
        if (state != SinkHealth.State.DOWN) {
            log.warn("History store {} fails; retrying the batch: {}", store.name(), message, e);
            state = SinkHealth.State.DOWN;
            since = clock.instant();
        }
    }

    /** Applies the retention once; call from a scheduler. */
    public List<String> applyRetention() {
        try {
            List<String> dropped = store.applyRetention(config.retention(), clock.instant());
            if (!dropped.isEmpty()) {
                log.info("History retention dropped the days {}", dropped);
            }
            return dropped;
        } catch (RuntimeException e) {
            // The next scheduled run retries; until then the failure shows in this sink's health.
            synchronized (this) {
                lastError = "retention failed: " + e.getMessage();
            }
            log.warn("History retention failed", e);
            return List.of();
        }
    }

    /** Stops reading and writing (waits up to 10 s for the batch in flight); does not close the store. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
