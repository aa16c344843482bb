package io.pulseboard.benchmarks;

import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.MetricSerdes;
import io.pulseboard.topology.EngagementAggregate;
import io.pulseboard.topology.SalesAggregate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * The output records written for the windows an event touches: the streaming serializers of {@link
 * MetricSerdes} against {@link Json#write} (data binding) of the same record. Both write the same
 * bytes (checked in the set-up, as MetricSerdesProperties checks it).
 *
 * <p>The records are the published form of sums made from the generated events: a sales window of
 * 5 minutes per region, an engagement hour per customer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MetricSerdeBenchmark {

    /** The topic name the serializers are told; they ignore it. */
    private static final String TOPIC = "metrics";

    private final Json json = new Json();
    private final Serializer<SalesWindowMetric> salesWriter =
            MetricSerdes.salesWindowMetric(json).serializer();
    private final Serializer<EngagementScore> scoreWriter =
            MetricSerdes.engagementScore(json).serializer();
    private final SalesWindowMetric[] metrics = new SalesWindowMetric[Payloads.SIZE];
    private final EngagementScore[] scores = new EngagementScore[Payloads.SIZE];
    private int index;

    /** Makes the records from the payloads' sums and checks that both ways write the same bytes. */
    @Setup(Level.Trial)
    public void setUp() {
        Payloads payloads = new Payloads(json);
        for (int i = 0; i < Payloads.SIZE; i++) {
            SalesAggregate sum = SalesAggregate.empty();
            EngagementAggregate engagement = EngagementAggregate.empty();
            for (int k = 0; k <= i % 64; k++) {
                sum = sum.add(payloads.sales[(i + k) & Payloads.MASK]);
                engagement = engagement.add(payloads.customers[(i + k) & Payloads.MASK]);
            }
            Instant saleTime = payloads.sales[i].timestamp();
            Instant windowStart = saleTime.truncatedTo(ChronoUnit.MINUTES);
            metrics[i] = sum.toMetric(
                    payloads.sales[i].region(),
                    windowStart,
                    windowStart.plus(Duration.ofMinutes(5)),
                    Payloads.CURRENCY);
            Instant hour = payloads.customers[i].timestamp().truncatedTo(ChronoUnit.HOURS);
            scores[i] = engagement.toScore(payloads.customers[i].customerId(), hour, hour.plus(Duration.ofHours(1)));
            if (!Arrays.equals(salesWriter.serialize(TOPIC, metrics[i]), json.write(metrics[i]))
                    || !Arrays.equals(scoreWriter.serialize(TOPIC, scores[i]), json.write(scores[i]))) {
                throw new IllegalStateException("record " + i + " is written differently by MetricSerdes and Json");
            }
        }
    }

    /** A sales window written by {@link MetricSerdes#salesWindowMetric}'s serializer. */
    @Benchmark
    public byte[] salesMetricSerde() {
        index = Payloads.next(index);
        return salesWriter.serialize(TOPIC, metrics[index]);
    }

    /** The same sales window written by {@link Json#write}. */
    @Benchmark
    public byte[] salesMetricJsonWrite() {
        index = Payloads.next(index);
        return json.write(metrics[index]);
    }

    /** An engagement hour written by {@link MetricSerdes#engagementScore}'s serializer. */
    @Benchmark
    public byte[] engagementScoreSerde() {
        index = Payloads.next(index);
        return scoreWriter.serialize(TOPIC, scores[index]);
    }

    /** The same engagement hour written by {@link Json#write}. */
    @Benchmark
    public byte[] engagementScoreJsonWrite() {
        index = Payloads.next(index);
        return json.write(scores[index]);
    }
}
