package io.pulseboard.benchmarks;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.serde.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * The events a benchmark rotates through, made once by the project's own generator with the bench's
 * settings (seed 1, 5,000 customers, USD, event times spread over one minute) and encoded as the
 * producer sends them ({@link Json#write}).
 *
 * <p>{@link #SIZE} different events of each kind, so that branch prediction does not learn one
 * payload; {@link #next} steps through them. Not thread-safe: one per benchmark thread.
 */
final class Payloads {

    /** Events of each kind; a power of two so that the next index is a mask. */
    static final int SIZE = 1024;

    static final int MASK = SIZE - 1;

    /** The reporting currency the generator writes and the parser accepts. */
    static final String CURRENCY = "USD";

    /** The sales, in the order the generator made them. */
    final SalesEvent[] sales = new SalesEvent[SIZE];

    /** {@link #sales} as JSON, as the producer sends them. */
    final byte[][] saleBytes = new byte[SIZE][];

    /** The customer events, in the order the generator made them. */
    final CustomerEvent[] customers = new CustomerEvent[SIZE];

    /** {@link #customers} as JSON, as the producer sends them. */
    final byte[][] customerBytes = new byte[SIZE][];

    /**
     * The broker timestamp each record would carry (its event time, as when the bench sends them), the
     * time the parser judges "too far in the future" against.
     */
    final long[] saleTimestamps = new long[SIZE];

    final long[] customerTimestamps = new long[SIZE];

    Payloads(Json json) {
        EventGenerator generator = new EventGenerator(1, 5000, CURRENCY, "bench");
        Instant base = Instant.parse("2026-12-01T12:00:00Z");
        // About one event in twenty is a sale: enough events for SIZE sales, their times over a minute.
        int total = 40 * SIZE;
        int sale = 0;
        int customer = 0;
        for (int i = 0; i < total && (sale < SIZE || customer < SIZE); i++) {
            GeneratedEvent event =
                    generator.next(base.plusMillis(Duration.ofMinutes(1).toMillis() * i / total));
            if (event instanceof GeneratedEvent.Sale s && sale < SIZE) {
                sales[sale] = s.event();
                saleBytes[sale] = json.write(s.event());
                saleTimestamps[sale] = s.event().timestamp().toEpochMilli();
                sale++;
            } else if (event instanceof GeneratedEvent.Customer c && customer < SIZE) {
                customers[customer] = c.event();
                customerBytes[customer] = json.write(c.event());
                customerTimestamps[customer] = c.event().timestamp().toEpochMilli();
                customer++;
            }
        }
        if (sale < SIZE || customer < SIZE) {
            throw new IllegalStateException("the generator made " + sale + " sales and " + customer
                    + " customer events in " + total + " events; the benchmarks need " + SIZE + " of each");
        }
    }

    /** The index after {@code index}, wrapping at {@link #SIZE}. */
    static int next(int index) {
        return (index + 1) & MASK;
    }
}
