package io.pulseboard.generate;

import io.pulseboard.config.GeneratorConfig;
import io.pulseboard.produce.EventProducer;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an {@link EventGenerator} at a target rate (times the daily rhythm) in live event time and
 * sends every event with the {@link EventProducer}. Runs on its own named thread; {@link #setRate}
 * and {@link #stats} may be called from any thread.
 */
public final class DemoGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoGenerator.class);
    private static final long TICK_MS = 10;

    private final EventGenerator generator;
    private final EventProducer producer;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pulseboard-generator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong rate;
    private volatile boolean dailyRhythm = true;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong sales = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private double owed;
    private long lastTickNanos;

    public DemoGenerator(GeneratorConfig config, EventProducer producer, String currency, Clock clock) {
        this.generator = new EventGenerator(
                config.seed(),
                config.customers(),
                currency,
                UUID.randomUUID().toString().substring(0, 8));
        this.producer = producer;
        this.clock = clock;
        this.rate = new AtomicLong(config.eventsPerSecond());
    }

    public void start() {
        lastTickNanos = System.nanoTime();
        executor.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether the rate follows the daily rhythm (the default) or stays at the target rate (benchmarks). */
    public void setDailyRhythm(boolean on) {
        dailyRhythm = on;
    }

    /** Changes the target rate, in events per second (before the daily rhythm). */
    public void setRate(int eventsPerSecond) {
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 event per second, was " + eventsPerSecond);
        }
        rate.set(eventsPerSecond);
    }

    public GeneratorStats stats() {
        return new GeneratorStats(rate.get(), generated.get(), sales.get(), producer.stats(), failure.get());
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            double seconds = (now - lastTickNanos) / 1e9;
            lastTickNanos = now;
            Instant at = clock.instant();
            // Owed events are capped at a tenth of a second's worth: after a stall we resume, not burst.
            double perSecond = rate.get() * (dailyRhythm ? EventGenerator.dailyRhythm(at) : 1.0);
            owed = Math.min(owed + perSecond * seconds, Math.max(1, perSecond / 10));
            while (owed >= 1) {
                owed -= 1;
                GeneratedEvent event = generator.next(at);
                if (event instanceof GeneratedEvent.Sale sale) {
                    producer.send(sale.event());
                    sales.incrementAndGet();
                } else if (event instanceof GeneratedEvent.Customer customer) {
                    producer.send(customer.event());
                }
                generated.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // A thread boundary: keep generating, but make the failure visible in the stats.
            failure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.warn("Generator tick failed; continuing", e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    /**
     * @param targetRate events per second asked for
     * @param generated events generated and handed to the producer
     * @param sales of which sales
     * @param producer the producer's acknowledged/failed counts
     * @param lastFailure the newest generator failure, null if none
     */
    public record GeneratorStats(
            long targetRate, long generated, long sales, EventProducer.ProducerStats producer, String lastFailure) {}
}
