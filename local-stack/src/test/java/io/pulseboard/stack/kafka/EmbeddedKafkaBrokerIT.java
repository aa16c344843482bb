package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pulseboard.stack.StackException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerIT {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);
    private static final String TOPIC = "sales";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAndTheBootstrapAddressWhenRestartedOnTheSameDirectory() throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(dataDir);
        List<String> firstBatch = values(0, 1000);
        String firstBootstrap;

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            long startNanos = System.nanoTime();
            firstBootstrap = broker.start();
            long readyMillis = millisSince(startNanos);
            try (Admin admin = admin(firstBootstrap)) {
                TopicsReady.ensure(admin, Map.of(TOPIC, 3), DEADLINE);
            }
            long firstAckMillis = produce(firstBootstrap, firstBatch, startNanos);
            log.info("Cold start: start() to ready {} ms, to first acked produce {} ms", readyMillis, firstAckMillis);

            assertThat(broker.state()).isEqualTo(EmbeddedKafkaBroker.State.RUNNING);
            broker.checkHealthy();
            assertThat(consumeAll(firstBootstrap, 1000)).containsExactlyInAnyOrderElementsOf(firstBatch);
        }
        assertThat(dataDir.resolve("meta.properties")).exists();
        String clusterId = Files.readString(dataDir.resolve("meta.properties"));

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            long startNanos = System.nanoTime();
            String secondBootstrap = broker.start();
            log.info("Warm restart: start() to ready {} ms", millisSince(startNanos));

            assertThat(secondBootstrap).isEqualTo(firstBootstrap);
            try (Admin admin = admin(secondBootstrap)) {
                // The topic exists now: ensure keeps it and waits for its leaders again.
                TopicsReady.ensure(admin, Map.of(TOPIC, 3), DEADLINE);
            }
            assertThat(consumeAll(secondBootstrap, 1000)).containsExactlyInAnyOrderElementsOf(firstBatch);

            List<String> secondBatch = values(1000, 1500);
            produce(secondBootstrap, secondBatch, System.nanoTime());
            List<String> all = new ArrayList<>(firstBatch);
            all.addAll(secondBatch);
            assertThat(consumeAll(secondBootstrap, 1500)).containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(Files.readString(dataDir.resolve("meta.properties"))).isEqualTo(clusterId);
    }

    @Test
    void failsTheRestartNamingThePortAndTheFileWhenAnotherProcessHoldsTheStoredClientPort() throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(dataDir);
        String firstBootstrap;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            firstBootstrap = broker.start();
        }
        Path portsFile = dataDir.resolve("ports.properties");
        String storedPorts = Files.readString(portsFile);
        int storedPort = Integer.parseInt(firstBootstrap.substring(firstBootstrap.lastIndexOf(':') + 1));

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        try (ServerSocket holder = new ServerSocket(storedPort, 1, InetAddress.getByName("127.0.0.1"));
                broker) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(StackException.class)
                    .hasMessage("Kafka's client port " + storedPort + " on 127.0.0.1 (stored in " + portsFile
                            + ") is in use by another process. The broker keeps its ports because its data names"
                            + " them; stop the process that holds port " + storedPort + ", or delete " + portsFile
                            + " to pick new ports at the next start");
            assertThat(broker.state()).isEqualTo(EmbeddedKafkaBroker.State.FAILED);
        }
        assertThat(Files.readString(portsFile)).isEqualTo(storedPorts);

        // Once the port is free again, the same directory starts on the same address.
        try (EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(config)) {
            assertThat(restarted.start()).isEqualTo(firstBootstrap);
        }
    }

    @Test
    void keepsTheJvmAliveAndReportsTheFaultWhenKafkaCallsExitWhileRunning() {
        List<BrokerFault> reported = new CopyOnWriteArrayList<>();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(dataDir), reported::add);
        try (broker) {
            broker.start();

            Exit.exit(1, "simulated fatal fault");
            Exit.halt(2);

            assertThat(reported)
                    .extracting(BrokerFault::kind, BrokerFault::statusCode)
                    .containsExactly(tuple(BrokerFault.Kind.EXIT, 1), tuple(BrokerFault.Kind.HALT, 2));
            assertThat(reported.get(0).reason()).contains("simulated fatal fault");
            assertThat(broker.faults()).isEqualTo(reported);
            assertThat(broker.state()).isEqualTo(EmbeddedKafkaBroker.State.FAILED);
            assertThatThrownBy(broker::checkHealthy)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Exit.exit(1)")
                    .hasMessageContaining("simulated fatal fault");
        }
        assertThat(broker.state()).isEqualTo(EmbeddedKafkaBroker.State.STOPPED);
    }

    private static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "sale-" + i).toList();
    }

    /** Sends the values with an idempotent producer; returns millis from startNanos to the first ack. */
    private static long produce(String bootstrap, List<String> values, long startNanos) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, values.get(0), values.get(0)))
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            long firstAckMillis = millisSince(startNanos);
            List<Future<?>> acks = new ArrayList<>();
            for (String value : values.subList(1, values.size())) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, value, value)));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return firstAckMillis;
        }
    }

    /**
     * Reads the topic from the start in a new group until {@code expected} records arrived, then
     * checks the partitions' end offsets add up to exactly that many (no duplicates left unread).
     */
    private static List<String> consumeAll(String bootstrap, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> received = new ArrayList<>();
        long deadlineNanos = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            while (received.size() < expected && System.nanoTime() - deadlineNanos < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            long endOffsets = consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(partitions).hasSize(3);
            assertThat(endOffsets).as("records in the topic").isEqualTo(expected);
        }
        assertThat(received).hasSize(expected);
        return received;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
