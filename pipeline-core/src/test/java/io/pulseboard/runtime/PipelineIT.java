package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.config.TopologyConfig;
import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.EngagementScore;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.feed.PipelineSnapshot;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.produce.EventProducer;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.Recount;
import io.pulseboard.testing.TestConfigs;
import io.pulseboard.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline end to end on a real in-JVM Kafka broker. */
class PipelineIT {

    private static final int EVENTS = 20_000;

    @TempDir
    Path temp;

    private final Json json = new Json();
    private EmbeddedKafkaBroker broker;
    private PulseboardConfig config;
    private final List<PipelineRuntime> runtimes = new ArrayList<>();
    private final Map<String, String> salesSeen = new TreeMap<>();
    private final Map<String, Long> engagementSeen = new TreeMap<>();
    private KafkaConsumer<String, String> outputReader;

    @BeforeEach
    void startBroker() {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
        String bootstrap = broker.start();
        // A generous grace: 20 minutes of event time are produced in a second over 3 partitions,
        // so partitions run ahead of each other; this test is about exact sums, not lateness.
        config = TestConfigs.pipeline(bootstrap, temp, "it");
        config = config.withTopology(config.topology().withGrace(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        runtimes.forEach(r -> r.close(Duration.ofSeconds(20)));
        if (outputReader != null) {
            outputReader.close();
        }
        broker.close();
    }

    @Test
    void finalWindowsEqualAnIndependentRecountOfTheGeneratedEvents() throws Exception {
        Generated events = generate(EVENTS, 7);
        startRuntime();

        send(events.all);

        awaitOutputs(events);
        assertThat(salesSeen).isEqualTo(Recount.sales(events.sales));
        assertThat(engagementSeen).isEqualTo(Recount.engagement(events.customers));
        assertThat(events.sales.size()).as("the generator produces sales").isGreaterThan(EVENTS / 50);
    }

    @Test
    void restartingTheRuntimeMidStreamKeepsTheSumsExact() throws Exception {
        Generated events = generate(EVENTS, 11);
        PipelineRuntime first = startRuntime();
        send(events.all.subList(0, EVENTS / 2));
        Eventually.await(
                Duration.ofSeconds(60),
                () -> first.feed()
                        .latest()
                        .map(s ->
                                s.eventsProcessedPerSecond() > 0 || !s.regions().isEmpty())
                        .orElse(false),
                () -> String.valueOf(first.feed().latest()));
        first.close(Duration.ofSeconds(30));

        send(events.all.subList(EVENTS / 2, EVENTS));
        startRuntime();

        awaitOutputs(events);
        assertThat(salesSeen).isEqualTo(Recount.sales(events.sales));
        assertThat(engagementSeen).isEqualTo(Recount.engagement(events.customers));
    }

    @Test
    void countsDocumentedJsonFromAnExternalProducerLikeGeneratedEvents() throws Exception {
        startRuntime();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        try (KafkaProducer<String, String> kcatLike =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                String line = """
                        {"eventId":"ext-%d","timestamp":"%s","region":"EU-WEST","productId":"P-1001",\
                        "customerId":"C-00042","quantity":2,"unitPrice":19.99,"amount":39.98,"currency":"USD","channel":"web"}""".formatted(i, t.plusSeconds(i));
                kcatLike.send(new ProducerRecord<>(Topics.SALES_EVENTS, null, line))
                        .get(10, TimeUnit.SECONDS);
            }
            kcatLike.send(new ProducerRecord<>(Topics.SALES_EVENTS, null, "{\"eventId\":\"broken\""))
                    .get(10, TimeUnit.SECONDS);
        }
        String window = "EU-WEST@" + t.toEpochMilli();

        Eventually.await(
                Duration.ofSeconds(60),
                () -> {
                    readOutputs();
                    return Recount.cell(30, new java.math.BigDecimal("1199.40"), 60)
                            .equals(salesSeen.get(window));
                },
                () -> String.valueOf(salesSeen.get(window)));
        Eventually.await(
                Duration.ofSeconds(30),
                () -> runtimes.get(0)
                        .feed()
                        .latest()
                        .map(s -> s.deadLetters().getOrDefault(io.pulseboard.event.RejectReason.UNPARSEABLE_JSON, 0L)
                                == 1L)
                        .orElse(false),
                () -> String.valueOf(runtimes.get(0).feed().latest().map(PipelineSnapshot::deadLetters)));
    }

    @Test
    void scoresCustomerEventsWithoutAKeyExactlyAsKeyedOnes() throws Exception {
        Generated events = generate(EVENTS, 13);
        startRuntime();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        // As kcat without -K: no key, so most customers' events land away from their home partition and
        // cross the repartition; the sales go through the pipeline's own producer.
        try (KafkaProducer<byte[], byte[]> unkeyed =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (CustomerEvent event : events.customers) {
                acks.add(unkeyed.send(new ProducerRecord<>(
                        Topics.CUSTOMER_EVENTS, null, event.timestamp().toEpochMilli(), null, json.write(event))));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
        send(events.all.stream().filter(e -> e instanceof GeneratedEvent.Sale).toList());

        awaitOutputs(events);
        assertThat(engagementSeen).isEqualTo(Recount.engagement(events.customers));
        assertThat(salesSeen).isEqualTo(Recount.sales(events.sales));
    }

    private PipelineRuntime startRuntime() throws InterruptedException {
        PipelineRuntime runtime = new PipelineRuntime(config, json, Clock.systemUTC(), Optional.empty());
        runtimes.add(runtime);
        runtime.start();
        assertThat(runtime.awaitRunning(Duration.ofSeconds(60)))
                .as("Kafka Streams reaches RUNNING")
                .isTrue();
        return runtime;
    }

    private record Generated(List<GeneratedEvent> all, List<SalesEvent> sales, List<CustomerEvent> customers) {}

    private Generated generate(int count, long seed) {
        EventGenerator generator =
                new EventGenerator(seed, 500, TopologyConfig.defaults().reportingCurrency(), "it");
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(25));
        long spanMs = Duration.ofMinutes(20).toMillis();
        List<GeneratedEvent> all = new ArrayList<>();
        List<SalesEvent> sales = new ArrayList<>();
        List<CustomerEvent> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GeneratedEvent event = generator.next(base.plusMillis(spanMs * i / count));
            all.add(event);
            if (event instanceof GeneratedEvent.Sale s) {
                sales.add(s.event());
            } else if (event instanceof GeneratedEvent.Customer c) {
                customers.add(c.event());
            }
        }
        return new Generated(all, sales, customers);
    }

    private void send(List<GeneratedEvent> events) throws Exception {
        try (EventProducer producer = new EventProducer(config.kafka(), config.producer(), json)) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (GeneratedEvent event : events) {
                acks.add(
                        event instanceof GeneratedEvent.Sale s
                                ? producer.send(s.event())
                                : producer.send(((GeneratedEvent.Customer) event).event()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(producer.stats().acked()).isEqualTo(events.size());
            assertThat(producer.stats().failed()).isZero();
        }
    }

    private void awaitOutputs(Generated events) {
        Map<String, String> expectedSales = Recount.sales(events.sales);
        Map<String, Long> expectedEngagement = Recount.engagement(events.customers);
        Eventually.await(
                Duration.ofSeconds(120),
                () -> {
                    readOutputs();
                    return salesSeen.equals(expectedSales) && engagementSeen.equals(expectedEngagement);
                },
                () -> "sales windows " + salesSeen.size() + "/" + expectedSales.size() + ", engagement windows "
                        + engagementSeen.size() + "/" + expectedEngagement.size());
    }

    /** Folds every committed output record into "latest value per window". */
    private void readOutputs() {
        if (outputReader == null) {
            outputReader = new KafkaConsumer<>(
                    config.kafka().toConsumerProperties(null), new StringDeserializer(), new StringDeserializer());
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.SALES_METRICS, Topics.ENGAGEMENT_SCORES)) {
                outputReader
                        .partitionsFor(topic)
                        .forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            outputReader.assign(partitions);
            outputReader.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : outputReader.poll(Duration.ofMillis(500))) {
            if (record.topic().equals(Topics.SALES_METRICS)) {
                SalesWindowMetric m = json.read(record.value().getBytes(), SalesWindowMetric.class);
                salesSeen.put(m.region() + "@" + m.windowStart().toEpochMilli(), Recount.cell(m));
            } else {
                EngagementScore s = json.read(record.value().getBytes(), EngagementScore.class);
                engagementSeen.put(s.customerId() + "@" + s.windowStart().toEpochMilli(), s.score());
            }
        }
    }
}
