package io.pulseboard.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.serde.EventParser;
import io.pulseboard.serde.Json;
import io.pulseboard.serde.Parsed;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
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
 * The parse of one input event: the pipeline's streaming parse and validation ({@link EventParser},
 * as {@code MetricsTopology} calls it) against the article's Jackson tree parse, written as the
 * bench's peer ({@code io.pulseboard.bench.ArticlePeer}) does it.
 *
 * <p>The peer reads its topics with the string serde and tree-parses the string with a default
 * {@link ObjectMapper}; the {@code Bytes} variants tree-parse the record's bytes instead, to show what
 * the string costs. The customer pair compares the pipeline's whole parse with the peer's filter
 * (one tree parse and a look-up of the event type); the peer parses the events that pass a second
 * time in its aggregator, which is not counted here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ParseBenchmark {

    /** The topic name the deserializer is told; the string serde ignores it. */
    private static final String TOPIC = "input-events";

    /** The event types the peer counts as engagement (ArticlePeer.ENGAGEMENT_TYPES). */
    private static final Set<String> PEER_ENGAGEMENT_TYPES = Set.of("page_view", "click", "purchase");

    private final Json json = new Json();
    private final EventParser parser = new EventParser(
            json,
            TopologyConfig.defaults().reportingCurrency(),
            TopologyConfig.defaults().maxFutureSkew());
    private final ObjectMapper peerMapper = new ObjectMapper();
    private final Deserializer<String> peerStrings = Serdes.String().deserializer();
    private Payloads payloads;
    private int sale;
    private int customer;

    /** Makes the payloads and checks that every one parses the same both ways. */
    @Setup(Level.Trial)
    public void setUp() {
        payloads = new Payloads(json);
        for (int i = 0; i < Payloads.SIZE; i++) {
            String saleJson = peerStrings.deserialize(TOPIC, payloads.saleBytes[i]);
            Parsed<SalesEvent> parsedSale = parser.parseSale(payloads.saleBytes[i], payloads.saleTimestamps[i]);
            if (!(parsedSale instanceof Parsed.Valid<SalesEvent> validSale)
                    || !validSale.event().region().equals(peerRegion(saleJson))) {
                throw new IllegalStateException(
                        "sale " + i + " does not parse to the same region both ways: " + parsedSale + ", " + saleJson);
            }
            String customerJson = peerStrings.deserialize(TOPIC, payloads.customerBytes[i]);
            Parsed<CustomerEvent> parsedCustomer =
                    parser.parseCustomer(payloads.customerBytes[i], payloads.customerTimestamps[i]);
            if (!(parsedCustomer instanceof Parsed.Valid<CustomerEvent> validCustomer)
                    || !validCustomer.event().eventType().code().equals(peerEventType(customerJson))) {
                throw new IllegalStateException("customer event " + i + " does not parse to the same type both ways: "
                        + parsedCustomer + ", " + customerJson);
            }
        }
    }

    /** The pipeline: a streaming parse of the sale's fields, validated into a {@link SalesEvent}. */
    @Benchmark
    public Parsed<SalesEvent> saleStreamingParse() {
        sale = Payloads.next(sale);
        return parser.parseSale(payloads.saleBytes[sale], payloads.saleTimestamps[sale]);
    }

    /** The peer's {@code selectKey}: the record as a string, a tree parse, its region. */
    @Benchmark
    public String saleTreeParse() {
        sale = Payloads.next(sale);
        return peerRegion(peerStrings.deserialize(TOPIC, payloads.saleBytes[sale]));
    }

    /** The peer's region read from a tree parse of the bytes, without the string. */
    @Benchmark
    public String saleTreeParseBytes() {
        sale = Payloads.next(sale);
        JsonNode region = peerTree(payloads.saleBytes[sale]).get("region");
        return region == null ? "unknown" : region.asText("unknown");
    }

    /** The pipeline: a streaming parse of the customer event, validated into a {@link CustomerEvent}. */
    @Benchmark
    public Parsed<CustomerEvent> customerStreamingParse() {
        customer = Payloads.next(customer);
        return parser.parseCustomer(payloads.customerBytes[customer], payloads.customerTimestamps[customer]);
    }

    /** The peer's {@code filter}: the record as a string, a tree parse, its event type looked up. */
    @Benchmark
    public boolean customerTreeParseFilter() {
        customer = Payloads.next(customer);
        return PEER_ENGAGEMENT_TYPES.contains(
                peerEventType(peerStrings.deserialize(TOPIC, payloads.customerBytes[customer])));
    }

    // The peer's own helpers, as ArticlePeer has them.

    private String peerRegion(String value) {
        JsonNode region = peerTree(value).get("region");
        return region == null ? "unknown" : region.asText("unknown");
    }

    private String peerEventType(String value) {
        JsonNode type = peerTree(value).get("eventType");
        return type == null ? "" : type.asText();
    }

    private JsonNode peerTree(String value) {
        try {
            return peerMapper.readTree(value);
        } catch (JsonProcessingException e) {
            // The peer maps unreadable input to an empty object; these payloads are all readable.
            return peerMapper.createObjectNode();
        }
    }

    private JsonNode peerTree(byte[] value) {
        try {
            return peerMapper.readTree(value);
        } catch (IOException e) {
            // As the string variant: an empty object for unreadable input.
            return peerMapper.createObjectNode();
        }
    }
}
