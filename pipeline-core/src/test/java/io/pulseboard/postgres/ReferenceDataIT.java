package io.pulseboard.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.event.SalesBreakdownMetric;
import io.pulseboard.event.SalesEvent;
import io.pulseboard.event.SalesWindowMetric;
import io.pulseboard.event.TargetMetric;
import io.pulseboard.generate.EventGenerator;
import io.pulseboard.generate.GeneratedEvent;
import io.pulseboard.history.HistoryStore;
import io.pulseboard.history.duckdb.DuckDbHistoryStore;
import io.pulseboard.reference.DemoCatalogue;
import io.pulseboard.reference.ProductInfo;
import io.pulseboard.reference.RegionInfo;
import io.pulseboard.runtime.PipelineRuntime;
import io.pulseboard.serde.Json;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.testing.Eventually;
import io.pulseboard.testing.Recount;
import io.pulseboard.testing.TestConfigs;
import io.pulseboard.testing.TestPostgres;
import io.pulseboard.topic.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference data from a real PostgreSQL, through the publisher and the compacted topics, into the
 * metrics of a pipeline on a real broker.
 */
class ReferenceDataIT {

    private static final int EVENTS = 20_000;
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private final Json json = new Json();
    private EmbeddedKafkaBroker broker;
    private TestPostgres postgres;
    private PulseboardConfig config;
    private PipelineRuntime runtime;
    private HistoryStore history;
    private KafkaConsumer<String, String> reader;
    private final Map<String, String> salesSeen = new TreeMap<>();
    private final Map<String, String> referenceSeen = new HashMap<>();
    private final Map<String, String> categoriesSeen = new HashMap<>();
    private final Map<String, String> targetsSeen = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")));
        String bootstrap = broker.start();
        postgres = TestPostgres.start(temp.resolve("postgres"));
        ReferenceSchema.migrate(postgres.connection());
        try (Connection c = postgres.connection().open()) {
            ReferenceSchema.seedDemo(c, DemoCatalogue.get());
        }
        config = TestConfigs.pipeline(bootstrap, temp, "it");
        config = config.withTopology(config.topology().withGrace(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close(Duration.ofSeconds(20));
        }
        if (reader != null) {
            reader.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (history != null) {
            history.close();
        }
        broker.close();
    }

    @Test
    void aMixedCurrencyStreamGivesWindowsEqualToARecountWithTheRatesOfEachSalesTime() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(25));
        Instant rateChange = base.plus(Duration.ofMinutes(10)).plusSeconds(17);
        try (Connection c = postgres.connection().open()) {
            ReferenceSchema.insertRate(c, "EUR", "USD", rateChange, new BigDecimal("1.2000"));
        }
        Map<String, List<Object[]>> rates = Map.of(
                "EUR",
                        List.of(
                                new Object[] {Instant.EPOCH, new BigDecimal("1.0850")},
                                new Object[] {rateChange, new BigDecimal("1.2000")}),
                "JPY", List.<Object[]>of(new Object[] {Instant.EPOCH, new BigDecimal("0.006700")}));
        history = new DuckDbHistoryStore(temp.resolve("history.duckdb"));
        startRuntime();

        List<SalesEvent> local = new ArrayList<>();
        List<SalesEvent> inUsd = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        EventGenerator generator = new EventGenerator(7, 500, "USD", "it");
        long spanMs = Duration.ofMinutes(20).toMillis();
        for (int i = 0; i < EVENTS; i++) {
            GeneratedEvent event = generator.next(base.plusMillis(spanMs * i / EVENTS));
            if (event instanceof GeneratedEvent.Sale sale) {
                SalesEvent inLocal = inRegionCurrency(sale.event());
                local.add(inLocal);
                inUsd.add(recountInUsd(inLocal, rates));
                payloads.add(json.write(inLocal));
            } else if (event instanceof GeneratedEvent.Customer customer) {
                payloads.add(null); // only sales matter here
            }
        }
        send(payloads.stream().filter(p -> p != null).toList());

        Map<String, String> expected = Recount.sales(inUsd);
        Eventually.await(
                Duration.ofSeconds(120),
                () -> {
                    readOutputs();
                    return salesSeen.equals(expected);
                },
                () -> "windows " + salesSeen.size() + "/" + expected.size() + ", first difference "
                        + firstDifference(expected));
        long eur = local.stream().filter(s -> s.currency().equals("EUR")).count();
        long jpy = local.stream().filter(s -> s.currency().equals("JPY")).count();
        long usd = local.stream().filter(s -> s.currency().equals("USD")).count();
        assertThat(eur).as("EUR sales").isGreaterThan(100);
        assertThat(jpy).as("JPY sales").isGreaterThan(100);
        assertThat(eur + jpy + usd).isEqualTo(local.size());
        assertThat(runtime.feed()
                        .latest()
                        .map(s -> s.deadLetters().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .orElse(-1L))
                .as("no dead letters")
                .isZero();
    }

    @Test
    void aRateAProductAndATargetChangedInPostgresReachTheTopicsAndTheMetricsWithinFiveSeconds() throws Exception {
        startRuntime();
        Instant now = Instant.now();

        long rateCommitted;
        try (Connection c = postgres.connection().open()) {
            ReferenceSchema.insertRate(c, "GBP", "USD", now.minus(Duration.ofMinutes(10)), new BigDecimal("1.5"));
            rateCommitted = System.nanoTime();
        }
        Instant saleTime = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(1);
        SalesEvent sale = new SalesEvent(
                "gbp-1",
                saleTime,
                "EU-WEST",
                "P-1001",
                "C-1",
                2,
                new BigDecimal("10.00"),
                new BigDecimal("20.00"),
                "GBP",
                "web");
        send(List.of(json.write(sale)));
        String window = "EU-WEST@" + saleTime.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        Eventually.await(
                WITHIN,
                () -> {
                    readOutputs();
                    return Recount.cell(1, new BigDecimal("30.00"), 2).equals(salesSeen.get(window));
                },
                () -> window + " = " + salesSeen.get(window));
        long rateToMetricMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rateCommitted);

        long changed;
        try (Connection c = postgres.connection().open();
                Statement update = c.createStatement()) {
            // As the app's target editor writes it.
            assertThat(ReferenceSchema.updateRegionTargets(
                            c, "EU-WEST", new BigDecimal("123456.78"), new BigDecimal("2000000.00")))
                    .isTrue();
            assertThat(ReferenceSchema.updateRegionTargets(c, "NOWHERE", BigDecimal.ONE, BigDecimal.ONE))
                    .as("a region the reference data does not hold")
                    .isFalse();
            update.executeUpdate("INSERT INTO products (product_id, name, category, list_price)"
                    + " VALUES ('P-2001', 'Standing Desk', 'Office', 499.00)");
            changed = System.nanoTime();
        }
        Eventually.await(
                WITHIN,
                () -> {
                    readOutputs();
                    String region = referenceSeen.get(Topics.REGIONS + "/EU-WEST");
                    String product = referenceSeen.get(Topics.PRODUCTS + "/P-2001");
                    return region != null
                            && json.read(region.getBytes(StandardCharsets.UTF_8), RegionInfo.class)
                                            .targetPerHour()
                                            .compareTo(new BigDecimal("123456.78"))
                                    == 0
                            && product != null
                            && json.read(product.getBytes(StandardCharsets.UTF_8), ProductInfo.class)
                                    .category()
                                    .equals("Office");
                },
                () -> referenceSeen.toString());
        long tableToTopicMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);

        // The new product's sale counts in its category, and the region's hour carries the new target.
        SalesEvent desk = new SalesEvent(
                "desk-1",
                saleTime.plusSeconds(2),
                "EU-WEST",
                "P-2001",
                "C-2",
                1,
                new BigDecimal("499.00"),
                new BigDecimal("499.00"),
                "USD",
                "store");
        send(List.of(json.write(desk)));
        String category = "EU-WEST|Office@" + saleTime.truncatedTo(ChronoUnit.MINUTES);
        String hour = "EU-WEST|HOUR@" + saleTime.truncatedTo(ChronoUnit.HOURS);
        Eventually.await(
                WITHIN,
                () -> {
                    readOutputs();
                    return "1/499.00".equals(categoriesSeen.get(category)) && "123456.78".equals(targetsSeen.get(hour));
                },
                () -> category + " = " + categoriesSeen.get(category) + ", " + hour + " target = "
                        + targetsSeen.get(hour));
        long tableToMetricsMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
        System.out.printf(
                "reference data: rate commit to metric %d ms, target and product commit to topics %d ms,"
                        + " to the category and target metrics (with a sale sent after the commit) %d ms%n",
                rateToMetricMs, tableToTopicMs, tableToMetricsMs);
        assertThat(runtime.referenceHealth().state()).isEqualTo(io.pulseboard.feed.SinkHealth.State.UP);
    }

    private BigDecimal storedRevenue(HistoryStore.TimeRange range) {
        return history.salesByBucket(range, HistoryStore.Bucket.HOUR, java.util.Set.of()).stream()
                .map(HistoryStore.BucketRow::revenue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void startRuntime() throws InterruptedException {
        runtime = new PipelineRuntime(
                config, json, Clock.systemUTC(), Optional.ofNullable(history), Optional.of(postgres.connection()));
        runtime.start();
        assertThat(runtime.awaitRunning(Duration.ofSeconds(60)))
                .as("Kafka Streams reaches RUNNING")
                .isTrue();
    }

    /** The sale as a shop of its region would send it: in the region's currency (JPY prices x150, whole yen). */
    private static SalesEvent inRegionCurrency(SalesEvent usd) {
        String currency = DemoCatalogue.get().regions().stream()
                .filter(r -> r.regionId().equals(usd.region()))
                .findFirst()
                .orElseThrow()
                .currency();
        BigDecimal unitPrice = currency.equals("JPY")
                ? usd.unitPrice().multiply(BigDecimal.valueOf(150)).setScale(0, RoundingMode.HALF_UP)
                : usd.unitPrice();
        return new SalesEvent(
                usd.eventId(),
                usd.timestamp(),
                usd.region(),
                usd.productId(),
                usd.customerId(),
                usd.quantity(),
                unitPrice,
                unitPrice.multiply(BigDecimal.valueOf(usd.quantity())),
                currency,
                usd.channel());
    }

    /** The sale in USD, recounted here: the latest rate not after its time, times the amount, to cents. */
    private static SalesEvent recountInUsd(SalesEvent sale, Map<String, List<Object[]>> rates) {
        if (sale.currency().equals("USD")) {
            return sale;
        }
        BigDecimal rate = null;
        for (Object[] r : rates.get(sale.currency())) {
            if (!((Instant) r[0]).isAfter(sale.timestamp())) {
                rate = (BigDecimal) r[1];
            }
        }
        BigDecimal amount = sale.amount().multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
        return new SalesEvent(
                sale.eventId(),
                sale.timestamp(),
                sale.region(),
                sale.productId(),
                sale.customerId(),
                sale.quantity(),
                sale.unitPrice(),
                amount,
                "USD",
                sale.channel());
    }

    private void send(List<byte[]> payloads) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                config.kafka().toProducerProperties(config.producer()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (byte[] payload : payloads) {
                acks.add(producer.send(new ProducerRecord<>(Topics.SALES_EVENTS, payload)));
            }
            for (Future<?> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private String firstDifference(Map<String, String> expected) {
        return expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(salesSeen.get(e.getKey())))
                .findFirst()
                .map(e -> e.getKey() + " expected " + e.getValue() + " saw " + salesSeen.get(e.getKey()))
                .orElse("none");
    }

    private void readOutputs() {
        if (reader == null) {
            reader = new KafkaConsumer<>(
                    config.kafka().toConsumerProperties(null), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(
                    Topics.SALES_METRICS,
                    Topics.REGIONS,
                    Topics.PRODUCTS,
                    Topics.SALES_BY_CATEGORY,
                    Topics.REGION_TARGETS)) {
                reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.SALES_METRICS)) {
                SalesWindowMetric m =
                        json.read(record.value().getBytes(StandardCharsets.UTF_8), SalesWindowMetric.class);
                salesSeen.put(m.region() + "@" + m.windowStart().toEpochMilli(), Recount.cell(m));
            } else if (record.topic().equals(Topics.SALES_BY_CATEGORY)) {
                SalesBreakdownMetric m =
                        json.read(record.value().getBytes(StandardCharsets.UTF_8), SalesBreakdownMetric.class);
                categoriesSeen.put(
                        record.key() + "@" + m.windowStart(),
                        m.count() + "/" + m.revenue().setScale(2, RoundingMode.UNNECESSARY));
            } else if (record.topic().equals(Topics.REGION_TARGETS)) {
                TargetMetric m = json.read(record.value().getBytes(StandardCharsets.UTF_8), TargetMetric.class);
                targetsSeen.put(
                        record.key() + "@" + m.windowStart(),
                        m.target() == null
                                ? "none"
                                : m.target()
                                        .setScale(2, RoundingMode.UNNECESSARY)
                                        .toPlainString());
            } else {
                referenceSeen.put(record.topic() + "/" + record.key(), record.value());
            }
        }
    }
}
