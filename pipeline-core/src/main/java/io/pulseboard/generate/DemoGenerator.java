package io.pulseboard.generate;

import io.pulseboard.config.GeneratorConfig;
import io.pulseboard.produce.EventProducer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives an {@link EventGenerator} at a target rate (times the daily rhythm) in live event time and
 * sends every event with the {@link EventProducer}. Runs on its own named thread; {@link #setRate}
 * and {@link #stats} may be called from any thread.
 *
 * <p>A rate above what this machine can generate (the generator, the producer and the broker together)
 * is measured, not assumed: when two windows of 2 s in a row reach less
 * than 90 % of the rate asked, the generator warns once per target rate with the
 * rate it reached: in the log, in {@link GeneratorStats#shortfall()} and to the shortfall listener.
 */
public final class DemoGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoGenerator.class);
    private static final long TICK_MS = 10;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final int SHORT_WINDOWS = 2;
    static final double SHORTFALL_RATIO = 0.9;

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
    private final AtomicReference<String> shortfall = new AtomicReference<>();
    private final Consumer<String> shortfallListener;
    private volatile boolean rateChanged;
    private double owed;
    private long lastTickNanos;
    // The measuring window; generator thread only.
    private long windowStartNanos;
    private double windowAsked;
    private long windowGenerated;
    private int shortWindows;

    public DemoGenerator(GeneratorConfig config, EventProducer producer, String currency, Clock clock) {
        this(config, producer, currency, clock, message -> {});
    }

    /**
     * @param shortfallListener told, on the generator's thread, the warning of a rate this machine cannot
     *     reach (see the class comment), at most once per target rate; must return quickly and not throw
     */
    public DemoGenerator(
            GeneratorConfig config,
            EventProducer producer,
            String currency,
            Clock clock,
            Consumer<String> shortfallListener) {
        this(config, producer, Pricing.reportingOnly(currency), clock, shortfallListener);
    }

    /** As the constructor with a currency, selling in the currencies and at the prices of {@code pricing}. */
    public DemoGenerator(
            GeneratorConfig config,
            EventProducer producer,
            Pricing pricing,
            Clock clock,
            Consumer<String> shortfallListener) {
        this.shortfallListener = Objects.requireNonNull(shortfallListener, "shortfallListener");
        this.generator = new EventGenerator(
                config.seed(),
                config.customers(),
                pricing,
                UUID.randomUUID().toString().substring(0, 8));
        this.producer = producer;
        this.clock = clock;
        this.rate = new AtomicLong(config.eventsPerSecond());
    }

    public void start() {
        lastTickNanos = System.nanoTime();
        windowStartNanos = lastTickNanos;
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
        rateChanged = true;
        shortfall.set(null);
    }

    public GeneratorStats stats() {
        return new GeneratorStats(
                rate.get(), generated.get(), sales.get(), producer.stats(), failure.get(), shortfall.get());
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
            measure(now, perSecond * seconds);
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
                windowGenerated++;
            }
        } catch (RuntimeException e) {
            // A thread boundary: keep generating, but make the failure visible in the stats.
            failure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.warn("Generator tick failed; continuing", e);
        }
    }

    /**
     * Called at each tick's start with the events asked for since the previous one; closes the window
     * once it is {@link #WINDOW_NANOS} long (the events generated in it were counted by the ticks it saw).
     */
    private void measure(long now, double askedSinceLastTick) {
        if (rateChanged) {
            rateChanged = false;
            shortWindows = 0;
            windowStartNanos = now;
            windowAsked = 0;
            windowGenerated = 0;
            return;
        }
        windowAsked += askedSinceLastTick;
        long elapsed = now - windowStartNanos;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        double seconds = elapsed / 1e9;
        double reached = windowGenerated / seconds;
        double asked = windowAsked / seconds;
        shortWindows = reached < SHORTFALL_RATIO * asked ? shortWindows + 1 : 0;
        windowStartNanos = now;
        windowAsked = 0;
        windowGenerated = 0;
        if (shortWindows == SHORT_WINDOWS && shortfall.get() == null) {
            String message = String.format(
                    Locale.ROOT,
                    "generator reached %,d events/s of the %,d asked (--rate %,d%s); this machine (generator,"
                            + " producer and broker together) cannot go faster: lower --rate"
                            + " (pulseboard.generator.rate) to about %,d or less",
                    Math.round(reached),
                    Math.round(asked),
                    rate.get(),
                    dailyRhythm ? " times the daily rhythm" : "",
                    Math.round(reached));
            shortfall.set(message);
            log.warn("{}", message);
            try {
                shortfallListener.accept(message);
            } catch (RuntimeException e) {
                log.warn("Generator shortfall listener failed", e);
            }
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
     * @param shortfall the warning that this machine cannot reach the target rate, with the rate reached;
     *     null while none was measured at this target rate
     */
    public record GeneratorStats(
            long targetRate,
            long generated,
            long sales,
            EventProducer.ProducerStats producer,
            String lastFailure,
            String shortfall) {}
}
