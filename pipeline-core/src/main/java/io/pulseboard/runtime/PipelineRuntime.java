package io.pulseboard.runtime;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.feed.Coalescer;
import io.pulseboard.feed.MetricsFeed;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.feed.SinkHealth;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.postgres.AlertLogWriter;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.postgres.ReferencePublisher;
import io.pulseboard.postgres.ReferenceSchema;
import io.pulseboard.runtime.rocksdb.RocksDbMemory;
import io.pulseboard.serde.Json;
import io.pulseboard.sink.history.HistorySink;
import io.pulseboard.sink.redis.RedisMetricsStore;
import io.pulseboard.sink.redis.RedisSink;
import io.pulseboard.topic.TopicProvisioner;
import io.pulseboard.topic.Topics;
import io.pulseboard.topology.MetricsTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Kafka Streams application of the metrics topology and the {@link MetricsFeed} built
 * around it. Start once, close once (close is idempotent and bounded).
 *
 * <p>Choices made explicit: processing guarantee from config (exactly_once_v2 by default); a
 * failing record stops processing (LogAndFail) since invalid input is already routed to the dead
 * letters by the topology, so an exception here is a bug, not bad data; a crashed stream thread is
 * replaced up to {@value #MAX_THREAD_REPLACEMENTS} times in {@link #REPLACEMENT_WINDOW}, after that
 * the client shuts down and the feed shows ERROR with the cause.
 *
 * <p>The history store is not the runtime's: whoever assembles the mode opens it, hands it in and
 * closes it after closing the runtime (the History screen queries the same store).
 *
 * <p>Snapshots are published when something changed, not on a clock: after each batch of metrics the
 * output reader applies, each reading of the input offsets (every {@link #OFFSET_READ_INTERVAL}, so
 * also while nothing else happens) and each change of the Streams state, coalesced to at most one
 * snapshot per {@link #SNAPSHOT_INTERVAL} ({@link Coalescer}), one built at a time on the feed thread.
 * The offsets are read on their own thread (an Admin call that may wait {@link #OFFSET_READ_TIMEOUT})
 * and every snapshot reuses the newest reading, so a slow broker never delays the metrics.
 */
public final class PipelineRuntime implements AutoCloseable {

    /**
     * How long the streams wait for the reference data's first round: its send timeout (30 s) and a
     * margin. A database that does not answer fails it sooner.
     */
    private static final Duration FIRST_REFERENCE_ROUND_TIMEOUT = Duration.ofSeconds(40);

    /** How often the reference data is read at the latest when no change is notified. */
    static final Duration REFERENCE_POLL_INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(PipelineRuntime.class);
    static final int MAX_THREAD_REPLACEMENTS = 3;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(5);
    /** The most a reading of the input offsets waits: in an outage, a snapshot at least this often plus the interval. */
    static final Duration OFFSET_READ_TIMEOUT = Duration.ofMillis(1500);
    /** How often the input offsets (lag, rates in and out) are read; the snapshots in between reuse the newest. */
    static final Duration OFFSET_READ_INTERVAL = Duration.ofSeconds(1);
    /**
     * The least time between two snapshots: a metric waits at most this long for the snapshot that
     * carries it. At most ten a second; the dashboard applies at most as many (ADR 0007).
     */
    static final Duration SNAPSHOT_INTERVAL = Duration.ofMillis(100);

    private final PulseboardConfig config;
    private final Optional<HistoryStore> history;
    private final Json json;
    private final Topics topics;
    private final Clock clock;
    /** group.instance.id of this machine's members (StaticMember); the history consumer adds "-history". */
    private final String memberId;

    private final org.apache.kafka.streams.Topology streamsTopology;
    private final MetricsFeed feed = new MetricsFeed();
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.CREATED);
    /** The newest stream-thread crash, until Streams is RUNNING again. */
    private final AtomicReference<String> error = new AtomicReference<>();
    /** Why a snapshot could not be built, shown by the next one that is. */
    private final AtomicReference<String> feedFailure = new AtomicReference<>();

    private final CountDownLatch running = new CountDownLatch(1);
    private final Deque<Long> recentCrashes = new ArrayDeque<>();
    private final ScheduledExecutorService feedExecutor =
            Executors.newSingleThreadScheduledExecutor(r -> named(r, "pulseboard-feed"));
    private final ExecutorService collectorExecutor =
            Executors.newSingleThreadExecutor(r -> named(r, "pulseboard-output-reader"));
    private final ScheduledExecutorService offsetsExecutor =
            Executors.newSingleThreadScheduledExecutor(r -> named(r, "pulseboard-offsets"));
    private final Coalescer snapshots = new Coalescer(
            SNAPSHOT_INTERVAL,
            System::nanoTime,
            (task, delay) -> feedExecutor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS),
            this::publishSnapshot);
    /** The newest reading of the input offsets and of the output rate; null before the first. */
    private final AtomicReference<OffsetsReading> offsets = new AtomicReference<>();

    private KafkaStreams streams;
    private RocksDbMemory rocksDbMemory;
    private Optional<RedisSink> redisSink = Optional.empty();
    private Optional<HistorySink> historySink = Optional.empty();
    private final Optional<PostgresConnection> referenceDatabase;
    private Optional<ReferencePublisher> referencePublisher = Optional.empty();
    private Optional<AlertLogWriter> alertLog = Optional.empty();
    private Admin admin;
    private OutputCollector collector;
    private LagTracker lag;
    private boolean closed;

    /**
     * @param config the validated configuration; {@code config.history()} gives the history sink its
     *     batch size, flush interval and retention
     * @param json the JSON mapper of the events and metrics
     * @param clock wall clock of the snapshots and the sinks' health
     * @param history the open store the history sink writes to, from {@link #start()} on (empty: no
     *     history). The runtime never closes it: its opener does, after {@link #close()}
     */
    public PipelineRuntime(PulseboardConfig config, Json json, Clock clock, Optional<HistoryStore> history) {
        this(config, json, clock, history, Optional.empty());
    }

    /**
     * As the other constructor, with the PostgreSQL database of the reference data.
     *
     * @param referenceDatabase where the reference data (exchange rates, products, regions and targets)
     *     is kept, its schema migrated ({@link ReferenceSchema#migrate}): from {@link #start()} on its
     *     tables are streamed into the reference topics ({@link ReferencePublisher}); empty: the topics
     *     keep whatever they hold (sales in other currencies stay dead letters until a rate arrives)
     */
    public PipelineRuntime(
            PulseboardConfig config,
            Json json,
            Clock clock,
            Optional<HistoryStore> history,
            Optional<PostgresConnection> referenceDatabase) {
        this.referenceDatabase = referenceDatabase;
        this.history = history;
        this.config = config;
        this.json = json;
        this.topics = Topics.create(json, config.topology().partitions());
        this.clock = clock;
        String configuredMember = config.kafka().clientOverrides().get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.memberId = configuredMember != null
                ? configuredMember
                : StaticMember.of(config.kafka().stateDir());
        this.streamsTopology = MetricsTopology.build(
                config.topology(),
                topics,
                json,
                MetricsTopology.partialFlush(config.kafka().commitInterval()));
    }

    /**
     * Creates the topics (waiting for leaders), starts Kafka Streams and the feed. Returns without
     * waiting for RUNNING: use {@link #awaitRunning}.
     *
     * @throws IllegalStateException if it was closed (e.g. by another thread while its owner was still
     *     starting it): nothing is started then
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("This pipeline runtime was closed before it started");
        }
        admin = Admin.create(config.kafka().toAdminProperties());
        new TopicProvisioner(admin).ensure(topics.all(), Duration.ofSeconds(60));
        // The reference data's first round runs on the publisher's thread while the streams are built,
        // and ends before they start, so that their global stores begin with the rates in place.
        referencePublisher = referenceDatabase.map(this::startReferencePublisher);
        rocksDbMemory = new RocksDbMemory(config.kafka().rocksDbMemoryBytes());
        streams = new KafkaStreams(streamsTopology, streamsProperties());
        referencePublisher.ifPresent(this::awaitFirstReferenceRound);
        streams.setStateListener((newState, oldState) -> {
            state.set(newState);
            log.info("Kafka Streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.countDown();
                // A crashed thread was replaced and every task is assigned again: the crash is over (it
                // stays in the log); the feed shows a problem only while it lasts.
                error.set(null);
            }
            changed();
        });
        streams.setUncaughtExceptionHandler(this::onStreamThreadCrash);
        streams.start();
        redisSink = config.redis()
                .uri()
                .map(uri -> new RedisSink(
                        new RedisMetricsStore(config.redis(), json),
                        config.redis().bufferEntries(),
                        config.redis().batchSize(),
                        new WindowStoreReader(
                                streams,
                                clock,
                                config.topology().reportingCurrency(),
                                config.redis().latestTtl(),
                                json)::latestUpdates,
                        clock));
        redisSink.ifPresent(RedisSink::start);
        historySink = history.map(store -> new HistorySink(
                store, config.history(), config.kafka(), memberId + "-history", config.topology(), json, clock));
        // The alerts the topology fires and resolves, into PostgreSQL's alert log (docs/adr/0020).
        alertLog = referenceDatabase.map(database -> {
            String group = config.kafka().applicationId() + "-alert-log";
            AlertLogWriter writer = new AlertLogWriter(
                    database,
                    config.kafka().toConsumerProperties(group),
                    group,
                    topics.alerts().name(),
                    json);
            writer.start();
            return writer;
        });
        historySink.ifPresent(sink -> {
            sink.start();
            feedExecutor.scheduleWithFixedDelay(sink::applyRetention, 1, 60, TimeUnit.MINUTES);
        });
        collector = new OutputCollector(
                config.kafka(), topics, clock, update -> redisSink.ifPresent(s -> s.offer(update)), this::changed);
        collectorExecutor.execute(collector);
        OffsetWatcher watcher = new OffsetWatcher(
                admin,
                config.kafka().applicationId(),
                List.of(topics.salesEvents().name(), topics.customerEvents().name()),
                OFFSET_READ_TIMEOUT);
        lag = new LagTracker(watcher::poll, clock);
        offsetsExecutor.scheduleAtFixedRate(
                this::readOffsets, 0, OFFSET_READ_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Something a snapshot shows changed: one will be built on the feed thread, at once or when
     * {@link #SNAPSHOT_INTERVAL} has passed since the last. Any thread; cheap (the output reader calls
     * it after every batch).
     */
    private void changed() {
        try {
            snapshots.changed();
        } catch (RejectedExecutionException e) {
            // Closing: no more snapshots.
        }
    }

    /** The input offsets read at one moment, with the rate of metric updates out since the reading before. */
    private record OffsetsReading(LagTracker.Reading lag, double outPerSecond) {}

    /** Reads the input offsets (on the offsets thread) for the snapshots to come, and asks for one. */
    private void readOffsets() {
        try {
            offsets.set(new OffsetsReading(lag.read(), outRate()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // Caught here: an exception would cancel every later reading of this schedule.
            feedFailure.set("feed failed: " + LagTracker.describe(e));
            log.warn("Reading the input offsets for the metrics feed failed", e);
        }
        changed();
    }

    Properties streamsProperties() {
        Properties props = config.kafka().toStreamsProperties();
        // Static membership (StaticMember): a restart after a crash takes its dead member's place at
        // once. Kafka Streams suffixes the id with each stream thread's index. An id set through
        // pulseboard.kafka.client.group.instance.id wins.
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, memberId);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // No task of the topology depends on the order between its partitions (one reads two: customer
        // sums at home and those that crossed the repartition to it, after lateness was judged;
        // TopologyShapeTest), so there is nothing to wait for. With the default (0) Kafka Streams 4.4
        // checks, on every loop and for every task with an empty partition, whether to wait, and
        // formats its log line with String.format even when TRACE is off: 14 % of the stream
        // thread's CPU in the bench's profile.
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        return rocksDbMemory.applyTo(props);
    }

    /** Blocks until Kafka Streams reports RUNNING; false if the timeout passes first. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public MetricsFeed feed() {
        return feed;
    }

    public KafkaStreams.State state() {
        return state.get();
    }

    public Topics topics() {
        return topics;
    }

    /** Forgets the latency samples so far (e.g. after a warm-up); later snapshots summarise only newer ones. */
    public void resetLatency() {
        if (collector != null) {
            collector.latency().reset();
        }
    }

    /** Event time to feed delivery of every update since the last {@link #resetLatency()}. */
    public PipelineSnapshot.LatencySummary latencySinceReset() {
        return collector == null
                ? PipelineSnapshot.LatencySummary.NONE
                : collector.latency().summarySinceReset();
    }

    /** Native bytes the RocksDB stores hold in their shared cache now (memtables included); 0 before start. */
    public long rocksDbMemoryUsage() {
        RocksDbMemory memory = rocksDbMemory;
        return memory == null ? 0 : memory.usage();
    }

    /** The Redis sink's health now (DISABLED when no Redis is configured). */
    public SinkHealth redisHealth() {
        return redisSink.map(RedisSink::health).orElse(SinkHealth.disabled("redis"));
    }

    /** The reference-data publisher's health now (DISABLED without a PostgreSQL database). */
    public SinkHealth referenceHealth() {
        return referencePublisher.map(ReferencePublisher::health).orElse(SinkHealth.disabled("reference"));
    }

    /**
     * Starts the reference data flowing: its first round at once, on the publisher's thread, then each
     * change. A database that cannot be reached is reported by {@link #referenceHealth()} and retried;
     * the pipeline runs on. The schema is the caller's to migrate ({@link ReferenceSchema#migrate}),
     * once, before.
     */
    private ReferencePublisher startReferencePublisher(PostgresConnection database) {
        ReferencePublisher publisher = new ReferencePublisher(
                database,
                config.kafka().toProducerProperties(config.producer()),
                topics,
                json,
                clock,
                REFERENCE_POLL_INTERVAL);
        publisher.start();
        return publisher;
    }

    private void awaitFirstReferenceRound(ReferencePublisher publisher) {
        try {
            if (!publisher.awaitFirstRound(FIRST_REFERENCE_ROUND_TIMEOUT)) {
                log.warn(
                        "The reference data's first round did not end within {} s; the streams start without"
                                + " waiting longer (a sale in another currency may be dead-lettered until it does)",
                        FIRST_REFERENCE_ROUND_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the reference data was first sent", e);
        }
    }

    public SinkHealth historyHealth() {
        return historySink.map(HistorySink::health).orElse(SinkHealth.disabled("history"));
    }

    /** The running KafkaStreams, for interactive queries of the window stores. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    private StreamThreadExceptionResponse onStreamThreadCrash(Throwable exception) {
        error.set(exception.getClass().getSimpleName() + ": " + exception.getMessage());
        long now = System.nanoTime();
        synchronized (recentCrashes) {
            recentCrashes.addLast(now);
            while (!recentCrashes.isEmpty() && now - recentCrashes.peekFirst() > REPLACEMENT_WINDOW.toNanos()) {
                recentCrashes.removeFirst();
            }
            if (recentCrashes.size() <= MAX_THREAD_REPLACEMENTS) {
                log.error(
                        "A stream thread crashed; replacing it ({} of {} in {})",
                        recentCrashes.size(),
                        MAX_THREAD_REPLACEMENTS,
                        REPLACEMENT_WINDOW,
                        exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        log.error("Stream threads keep crashing; shutting the pipeline down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Builds and publishes a snapshot on the feed thread; none before the first reading of the offsets. */
    private void publishSnapshot() {
        OffsetsReading read = offsets.get();
        if (read == null) {
            return; // that reading asks for the first snapshot
        }
        try {
            LagTracker.Reading reading = read.lag();
            OffsetWatcher.Progress progress = reading.progress();
            OutputCollector.Collected collected = collector.copy(10, referenceHealth());
            double lagSeconds = progress.processedPerSecond() > 0
                    ? progress.lag() / progress.processedPerSecond()
                    : (progress.lag() > 0 ? Double.POSITIVE_INFINITY : 0);
            feed.publish(new PipelineSnapshot(
                    clock.instant(),
                    state.get().name(),
                    problem(reading.problem()),
                    progress.inPerSecond(),
                    progress.processedPerSecond(),
                    read.outPerSecond(),
                    progress.lag(),
                    lagSeconds,
                    reading.unknownSince(),
                    collector.latency().summary(),
                    collected.regions(),
                    collected.deadLetters(),
                    collected.topCustomers(),
                    collected.engagementDistribution(),
                    redisHealth(),
                    historyHealth(),
                    config.topology().reportingCurrency(),
                    collected.newestCustomerEvent(),
                    collected.business()));
            // The snapshot just published carried a failed build's reason, if any; the next one need not.
            feedFailure.set(null);
        } catch (RuntimeException e) {
            feedFailure.set("feed failed: " + LagTracker.describe(e));
            log.warn("Building a metrics snapshot failed", e);
        }
    }

    /** The stream threads' error, the offsets' problem (only while it lasts) and the output reader's, joined. */
    private Optional<String> problem(Optional<String> offsets) {
        String joined = java.util.stream.Stream.of(
                        Optional.ofNullable(error.get()),
                        offsets,
                        Optional.ofNullable(collector.failure()),
                        Optional.ofNullable(feedFailure.get()))
                .flatMap(Optional::stream)
                .collect(java.util.stream.Collectors.joining("; "));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    // The offsets thread's alone.
    private long lastUpdates;
    private long lastOutNanos = System.nanoTime();

    private double outRate() {
        long updates = collector.metricUpdates();
        long now = System.nanoTime();
        double rate = (updates - lastUpdates) / Math.max(1e-9, (now - lastOutNanos) / 1e9);
        lastUpdates = updates;
        lastOutNanos = now;
        return rate;
    }

    /**
     * Stops the feed, the sinks and Kafka Streams, waiting at most about {@code timeout} for Streams.
     * Leaves the history store open: its opener closes it after this returns.
     */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        offsetsExecutor.shutdownNow();
        feedExecutor.shutdownNow();
        if (collector != null) {
            collector.stop();
        }
        collectorExecutor.shutdown();
        redisSink.ifPresent(RedisSink::close);
        historySink.ifPresent(HistorySink::close);
        referencePublisher.ifPresent(ReferencePublisher::close);
        alertLog.ifPresent(AlertLogWriter::close);
        // Leave the group: Streams stays in it by default, and a restarted instance would then wait
        // for the old member's session timeout (45 s, measured) before it gets its partitions back.
        boolean streamsClosed = streams == null
                || streams.close(CloseOptions.timeout(timeout)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!streamsClosed) {
            log.warn("Kafka Streams did not close within {}", timeout);
        }
        // Its stores are closed with Streams; if Streams did not close in time the shared memory is left
        // to the process's exit rather than freed under a store that may still use it.
        if (rocksDbMemory != null && streamsClosed) {
            rocksDbMemory.close();
        }
        try {
            collectorExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
