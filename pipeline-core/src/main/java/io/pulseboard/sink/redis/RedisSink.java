package io.pulseboard.sink.redis;

import io.pulseboard.feed.SinkHealth;
import io.pulseboard.sink.MetricUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metric updates to Redis in pipelined batches from a bounded, coalescing buffer.
 *
 * <p>{@link #offer} never blocks the caller: the update replaces an unsent one with the same key,
 * or joins the buffer; when the buffer is full the oldest entry is pushed out, counted as dropped,
 * and a re-sync is scheduled. One owned thread flushes: on failure the batch goes back into the
 * buffer (unless a newer update for the key arrived meanwhile) and is retried with exponential
 * back-off (100 ms doubling to 5 s). After Redis comes back, and after anything was dropped, the
 * latest values are re-sent from {@code resyncSource} (the Streams window stores), so nothing stays
 * stale.
 *
 * <p>Health tells the truth before any write too: while nothing waits to be written and the sink is not
 * {@code UP} (from the start, or after Redis went away), the flusher checks, with the same back-off, that
 * Redis can be reached. The first failed check or write turns the sink {@code DOWN}, its {@code
 * lastError} naming the address, since when and the cause ({@code Redis at 127.0.0.1:6379 unreachable
 * since 14:02:03 UTC: Connection refused}); the first success turns it {@code UP} and clears the error.
 */
public final class RedisSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSink.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final long IDLE_WAIT_MS = 50;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Least time between the starts of two writes (the dashboard refreshes every 200 ms). */
    static final Duration LINGER = Duration.ofMillis(100);

    private final RedisMetricsStore store;
    private final int capacity;
    private final int batchSize;
    private final Supplier<List<MetricUpdate>> resyncSource;
    private final Clock clock;
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pulseboard-redis-sink");
        t.setDaemon(true);
        return t;
    });
    private final LinkedHashMap<String, MetricUpdate> buffer = new LinkedHashMap<>();

    // Guarded by this.
    private SinkHealth.State state = SinkHealth.State.CONNECTING;
    private Instant since;
    private long written;
    private long dropped;
    private long failedFlushes;
    private long resyncs;
    private String lastError;
    private Instant unreachableSince;
    private boolean resyncNeeded = true;
    private volatile boolean running = true;

    /**
     * @param resyncSource the latest value of every window still relevant; called on the flusher thread
     */
    public RedisSink(
            RedisMetricsStore store,
            int capacity,
            int batchSize,
            Supplier<List<MetricUpdate>> resyncSource,
            Clock clock) {
        this.store = store;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.resyncSource = resyncSource;
        this.clock = clock;
        this.since = clock.instant();
    }

    public void start() {
        flusher.execute(this::flushLoop);
    }

    /** Queues an update; never blocks on Redis. Any thread. */
    public synchronized void offer(MetricUpdate update) {
        buffer.remove(update.key());
        buffer.put(update.key(), update);
        if (buffer.size() > capacity) {
            Iterator<String> oldest = buffer.keySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
            resyncNeeded = true;
        }
        notifyAll();
    }

    public synchronized SinkHealth health() {
        return new SinkHealth(
                "redis",
                state,
                written,
                buffer.size(),
                dropped,
                failedFlushes,
                resyncs,
                Optional.ofNullable(lastError),
                since);
    }

    private void flushLoop() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try {
                if (takeResyncFlag()) {
                    resync();
                }
                List<MetricUpdate> batch = nextBatch();
                if (batch.isEmpty()) {
                    if (needsCheck()) {
                        backoff = check(backoff);
                    }
                    continue;
                }
                try {
                    long started = System.nanoTime();
                    store.write(batch);
                    succeeded(batch.size());
                    backoff = MIN_BACKOFF;
                    lingerAfter(started);
                } catch (RuntimeException e) {
                    failed(batch, e);
                    pause(backoff);
                    backoff = longer(backoff);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether Redis must be checked while nothing waits: not known UP, or its connection is lost. */
    private boolean needsCheck() {
        synchronized (this) {
            if (state != SinkHealth.State.UP) {
                return true;
            }
        }
        return !store.isConnected();
    }

    /** One reachability check; on failure the back-off pause. @return the next back-off */
    private Duration check(Duration backoff) throws InterruptedException {
        try {
            store.checkReachable();
        } catch (RuntimeException e) {
            failed(List.of(), e);
            pause(backoff);
            return longer(backoff);
        }
        succeeded(0);
        return MIN_BACKOFF;
    }

    private static Duration longer(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /**
     * Waits until {@link #LINGER} after the last write started unless a full batch is waiting: updates
     * of the same key coalesce in the buffer meanwhile. Writing as soon as anything arrived sent one
     * tiny batch per update, and Lettuce's command encoding took a fifth of the CPU (issue #6 profile).
     */
    private void lingerAfter(long startedNanos) throws InterruptedException {
        long rest = LINGER.toNanos() - (System.nanoTime() - startedNanos);
        if (rest > 0 && bufferedLessThan(batchSize)) {
            TimeUnit.NANOSECONDS.sleep(rest);
        }
    }

    private synchronized boolean bufferedLessThan(int count) {
        return buffer.size() < count;
    }

    private synchronized boolean takeResyncFlag() {
        if (resyncNeeded && state != SinkHealth.State.DOWN) {
            resyncNeeded = false;
            return true;
        }
        return false;
    }

    /** Re-sends the latest values. Runs on the flusher; updates offered meanwhile are newer and win. */
    private void resync() {
        List<MetricUpdate> latest;
        try {
            latest = resyncSource.get();
        } catch (RuntimeException e) {
            // The stores may not be queryable yet (rebalancing): try again on the next round.
            synchronized (this) {
                resyncNeeded = true;
                lastError = "re-sync source not ready: " + RedisMetricsStore.describe(e);
            }
            log.debug("Re-sync source not ready", e);
            return;
        }
        synchronized (this) {
            for (MetricUpdate update : latest) {
                buffer.putIfAbsent(update.key(), update);
            }
            resyncs++;
        }
        log.info("Re-syncing {} latest values to Redis", latest.size());
    }

    private synchronized List<MetricUpdate> nextBatch() throws InterruptedException {
        if (buffer.isEmpty() && running) {
            wait(IDLE_WAIT_MS);
        }
        List<MetricUpdate> batch = new ArrayList<>(Math.min(batchSize, buffer.size()));
        Iterator<Map.Entry<String, MetricUpdate>> it = buffer.entrySet().iterator();
        while (it.hasNext() && batch.size() < batchSize) {
            batch.add(it.next().getValue());
            it.remove();
        }
        return batch;
    }

    private synchronized void succeeded(int count) {
        written += count;
        unreachableSince = null;
        if (state != SinkHealth.State.UP) {
            lastError = null;
            if (state == SinkHealth.State.DOWN) {
                log.info("Redis is reachable again; re-syncing the latest values");
                resyncNeeded = true;
            }
            state = SinkHealth.State.UP;
            since = clock.instant();
        }
    }

    private synchronized void failed(List<MetricUpdate> batch, RuntimeException e) {
        if (!batch.isEmpty()) {
            failedFlushes++;
        }
        lastError = describe(e);
        for (MetricUpdate update : batch) {
            buffer.putIfAbsent(update.key(), update);
        }
        while (buffer.size() > capacity) {
            Iterator<String> oldest = buffer.keySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
            resyncNeeded = true;
        }
        if (state != SinkHealth.State.DOWN) {
            log.warn("Redis is down, holding {} updates and retrying: {}", buffer.size(), lastError);
            state = SinkHealth.State.DOWN;
            since = clock.instant();
        }
    }

    // Caller holds this.
    private String describe(RuntimeException e) {
        if (e instanceof RedisMetricsStore.RedisUnreachableException unreachable) {
            if (unreachableSince == null) {
                unreachableSince = clock.instant();
            }
            return "Redis at " + unreachable.address() + " unreachable since " + TIME.format(unreachableSince)
                    + " UTC: " + unreachable.reason();
        }
        return RedisMetricsStore.describe(e);
    }

    private static void pause(Duration backoff) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
    }

    /** Stops flushing (pending updates are not waited for: the re-sync covers them on the next start). */
    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                flusher.shutdownNow();
            }
        } catch (InterruptedException e) {
            flusher.shutdownNow();
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
