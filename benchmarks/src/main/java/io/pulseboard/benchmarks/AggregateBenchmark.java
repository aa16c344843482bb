package io.pulseboard.benchmarks;

import io.pulseboard.serde.Json;
import io.pulseboard.topology.EngagementAggregate;
import io.pulseboard.topology.SalesAggregate;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sums of the topology: one event added to a running sum, a partial sum merged into a window's,
 * and the window store's binary serde of a sum (a write and a read, as a cached store put and fetch
 * pay it) against JSON data binding of the same sum.
 *
 * <p>The running sums are made from the generated events (up to 64 each, as a region's window holds
 * many sales and a customer's hour a few events); the partial sums hold one to three sales, about what
 * one partition sums for one region between two 50 ms flushes at 20k events/s (a sale in twenty, over
 * three partitions and six regions).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class AggregateBenchmark {

    /** The topic name the store serde is told (its changelog's); the binary serde only names it in errors. */
    private static final String TOPIC = "sales-by-region-windows-v3-changelog";

    private final Json json = new Json();
    private final Serializer<SalesAggregate> storeWriter =
            SalesAggregate.serde().serializer();
    private final Deserializer<SalesAggregate> storeReader =
            SalesAggregate.serde().deserializer();
    private Payloads payloads;
    private final SalesAggregate[] salesSums = new SalesAggregate[Payloads.SIZE];
    private final SalesAggregate[] salesPartials = new SalesAggregate[Payloads.SIZE];
    private final EngagementAggregate[] engagementSums = new EngagementAggregate[Payloads.SIZE];
    private int index;

    /** Makes the payloads and the sums, and checks that both serdes give back the sum they were given. */
    @Setup(Level.Trial)
    public void setUp() {
        payloads = new Payloads(json);
        for (int i = 0; i < Payloads.SIZE; i++) {
            SalesAggregate sum = SalesAggregate.empty();
            EngagementAggregate engagement = EngagementAggregate.empty();
            for (int k = 0; k <= i % 64; k++) {
                sum = sum.add(payloads.sales[(i + k) & Payloads.MASK]);
                engagement = engagement.add(payloads.customers[(i + k) & Payloads.MASK]);
            }
            SalesAggregate partial = SalesAggregate.empty();
            for (int k = 0; k <= i % 3; k++) {
                partial = partial.add(payloads.sales[(i + 7 * k) & Payloads.MASK]);
            }
            salesSums[i] = sum;
            salesPartials[i] = partial;
            engagementSums[i] = engagement;
            SalesAggregate binary = storeReader.deserialize(TOPIC, storeWriter.serialize(TOPIC, sum));
            SalesAggregate viaJson = json.read(json.write(sum), SalesAggregate.class);
            if (!sum.equals(binary) || !sum.equals(viaJson)) {
                throw new IllegalStateException("sum " + i + " does not survive a round trip: " + sum + ", binary "
                        + binary + ", JSON " + viaJson);
            }
        }
    }

    /** A sale added to a region's running sum ({@code SalesAggregate::add}, once per sale and window). */
    @Benchmark
    public SalesAggregate salesAdd() {
        index = Payloads.next(index);
        return salesSums[index].add(payloads.sales[index]);
    }

    /** A partial sum merged into a window's sum ({@code SalesAggregate::merge}, after the repartition). */
    @Benchmark
    public SalesAggregate salesMerge() {
        index = Payloads.next(index);
        return salesSums[index].merge(salesPartials[index]);
    }

    /** A customer event added to the customer's running hour ({@code EngagementAggregate::add}). */
    @Benchmark
    public EngagementAggregate engagementAdd() {
        index = Payloads.next(index);
        return engagementSums[index].add(payloads.customers[index]);
    }

    /** The window store's serde: a sum written and read back ({@code SalesAggregate.serde()}). */
    @Benchmark
    public SalesAggregate salesStoreSerdeRoundTrip() {
        index = Payloads.next(index);
        return storeReader.deserialize(TOPIC, storeWriter.serialize(TOPIC, salesSums[index]));
    }

    /** The same sum written and read back as JSON with data binding ({@link Json#write}, {@link Json#read}). */
    @Benchmark
    public SalesAggregate salesJsonRoundTrip() {
        index = Payloads.next(index);
        return json.read(json.write(salesSums[index]), SalesAggregate.class);
    }
}
