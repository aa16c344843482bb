package io.pulseboard.stack;

/**
 * A part of a {@link LocalStack}: one server that the stack can bring up. {@link StackProgress} reports
 * each part's life-cycle under its constant, and {@link io.pulseboard.stack.factory.LocalStackFactory#create} is told which parts to
 * start.
 *
 * <p>More parts may be added as providers for them appear; code that handles every part should iterate
 * or switch exhaustively rather than rely on the declaration order. Immutable and
 * thread-safe.
 */
public enum StackPart {
    /** Apache Kafka; every stack runs it. */
    KAFKA("Kafka"),
    /** Redis, the cache of the latest metrics. */
    REDIS("Redis"),
    /** ClickHouse, a store of the metrics' history. */
    CLICKHOUSE("ClickHouse"),
    /** PostgreSQL, the store of reference data (products, regions, targets, exchange rates). */
    POSTGRES("PostgreSQL");

    private final String label;

    StackPart(String label) {
        this.label = label;
    }

    /** @return the product's name for messages and status lines, e.g. {@code "ClickHouse"}; never null */
    public String label() {
        return label;
    }
}
