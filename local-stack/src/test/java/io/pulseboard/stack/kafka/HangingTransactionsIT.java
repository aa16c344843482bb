package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HangingTransactions against a real broker, with live transactional producers beside it. */
class HangingTransactionsIT {
    private static final String TOPIC = "sales";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private EmbeddedKafkaBroker broker;
    private String bootstrap;
    private Admin admin;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(dataDir));
        bootstrap = broker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        TopicsReady.ensure(admin, Map.of(TOPIC, 1), DEADLINE);
    }

    @AfterEach
    void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void aTransactionItsCoordinatorIsRunningIsNotHanging() throws Exception {
        try (KafkaProducer<String, String> producer = transactional("live")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v")).get();

            assertThat(HangingTransactions.openTransactions(admin, List.of(PARTITION), deadline()))
                    .hasSize(1);
            assertThat(HangingTransactions.find(admin, deadline()).hanging()).isEmpty();

            producer.commitTransaction();
        }
    }

    @Test
    void takesATransactionThatItsOwnCoordinatorClosedBeforeTheMarkerAsNothingToAbort() throws Exception {
        try (KafkaProducer<String, String> first = transactional("fenced")) {
            first.initTransactions();
            first.beginTransaction();
            first.send(new ProducerRecord<>(TOPIC, 0, "k", "v")).get();
            List<Open> seen = HangingTransactions.openTransactions(admin, List.of(PARTITION), deadline());
            assertThat(seen).hasSize(1);

            // A second producer with the same id fences the first: the coordinator aborts the open
            // transaction with a newer epoch, as a live client reconnecting after a broker crash does.
            try (KafkaProducer<String, String> second = transactional("fenced")) {
                second.initTransactions();
                awaitNoOpenTransaction();

                assertThat(HangingTransactions.abort(admin, seen.get(0), deadline()))
                        .as("the marker with the old epoch is refused, and the transaction is closed already")
                        .isFalse();
            }
        }
    }

    @Test
    void aCommitMarkerClosesAnOpenTransactionAndItsRecordsBecomeReadable() throws Exception {
        try (KafkaProducer<String, String> producer = transactional("skipped")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "committed-by-marker"))
                    .get();
            List<Open> seen = HangingTransactions.openTransactions(admin, List.of(PARTITION), deadline());
            assertThat(seen).hasSize(1);
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

            CommitMarkers.commit(BrokerProperties.HOST, port, seen, Duration.ofSeconds(30));

            assertThat(HangingTransactions.openTransactions(admin, List.of(PARTITION), deadline()))
                    .isEmpty();
            assertThat(readCommittedValues()).containsExactly("committed-by-marker");
        }
    }

    private List<String> readCommittedValues() {
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                        Map.of(
                                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            List<String> values = new java.util.ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }

    private void awaitNoOpenTransaction() throws Exception {
        long deadline = deadline();
        while (!HangingTransactions.openTransactions(admin, List.of(PARTITION), deadline)
                .isEmpty()) {
            assertThat(System.nanoTime())
                    .as("the fenced transaction is aborted within %s", DEADLINE)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long deadline() {
        return System.nanoTime() + DEADLINE.toNanos();
    }

    private KafkaProducer<String, String> transactional(String transactionalId) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(),
                new StringSerializer());
    }
}
