package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch against a real broker and a producer that commits without pause (a look every 50 ms,
 * many of them while markers are written): nothing may be aborted, and every committed record must
 * be readable. This holds by the classification alone (measured: with no grace at all, nothing is
 * aborted here either); the grace period is for the moments after a crash, when a coordinator
 * reloads what it had prepared, which PipelineCrashLoopIT covers (it lost 47 sales without it).
 *
 * <p>A true hang cannot be made with Kafka's public clients (tried: with partition verification off,
 * the coordinator of Kafka 4.4 still writes the partition's marker); the abort itself is covered by
 * HangingTransactionsIT (the marker, and a refused one), the timing by HangingTransactionWatchTest.
 */
class HangingTransactionWatchIT {
    private static final String TOPIC = "sales";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void abortsNothingOfAProducerThatCommitsWithoutPause() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(dataDir))) {
            String bootstrap = broker.start();
            List<String> aborts = new CopyOnWriteArrayList<>();
            int committed = 0;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                    KafkaProducer<String, String> producer = transactional(bootstrap)) {
                TopicsReady.ensure(admin, Map.of(TOPIC, 2), DEADLINE);
                producer.initTransactions();
                Admin watchAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
                try (HangingTransactionWatch watch = new HangingTransactionWatch(
                        watchAdmin,
                        BrokerProperties.HOST,
                        port,
                        Duration.ofMillis(500),
                        Duration.ofMillis(50),
                        aborts::add)) {
                    watch.start(System.nanoTime() + DEADLINE.toNanos());
                    long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                    while (System.nanoTime() < end) {
                        producer.beginTransaction();
                        producer.send(new ProducerRecord<>(TOPIC, committed % 2, "k", "v" + committed));
                        producer.send(new ProducerRecord<>(TOPIC, (committed + 1) % 2, "k", "w" + committed));
                        producer.commitTransaction();
                        committed++;
                    }
                }
            }

            assertThat(aborts).as("aborted while live").isEmpty();
            assertThat(committed).isGreaterThan(20);
            assertThat(readCommitted(bootstrap, 2 * committed)).isEqualTo(2 * committed);
        }
    }

    private static int readCommitted(String bootstrap, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
            int read = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            // One more poll: a record beyond the expected count would show here.
            read += consumer.poll(Duration.ofMillis(500)).count();
            return read;
        }
    }

    private static KafkaProducer<String, String> transactional(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "always-committing"),
                new StringSerializer(),
                new StringSerializer());
    }
}
