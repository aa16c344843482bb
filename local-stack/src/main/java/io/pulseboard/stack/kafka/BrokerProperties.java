package io.pulseboard.stack.kafka;

import io.pulseboard.stack.ChildProcessControl;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;
import org.apache.kafka.coordinator.share.ShareCoordinatorConfig;
import org.apache.kafka.coordinator.transaction.TransactionLogConfig;
import org.apache.kafka.coordinator.transaction.TransactionStateManagerConfig;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.KRaftConfigs;
import org.apache.kafka.raft.MetadataLogConfig;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.apache.kafka.server.config.ServerConfigs;
import org.apache.kafka.server.config.ServerLogConfigs;
import org.apache.kafka.storage.internals.log.CleanerConfig;

/**
 * The broker properties of a single-node KRaft Kafka on loopback, sized for a desktop. Stateless.
 */
final class BrokerProperties {
    static final int NODE_ID = 1;
    static final String HOST = ChildProcessControl.LOOPBACK;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * The longest transaction a client may open (transaction.max.timeout.ms, 15 min by default; 60 s
     * is the producer's default transaction.timeout.ms, and Kafka Streams asks for 10 s). The
     * coordinator aborts any transaction older than its timeout within its cleanup interval.
     */
    static final Duration TRANSACTION_MAX_TIMEOUT = Duration.ofSeconds(60);

    /** How often the coordinator aborts timed-out transactions (Kafka's default). */
    static final Duration TRANSACTION_CLEANUP_INTERVAL = Duration.ofSeconds(10);

    /**
     * After a crash, a transaction that stays open and unclaimed for this long hangs for good
     * (HangingTransactionWatch): no live transaction outlives the maximum timeout plus the cleanup
     * interval; 10 s more for a slow machine.
     */
    static final Duration HANGING_TRANSACTION_GRACE =
            TRANSACTION_MAX_TIMEOUT.plus(TRANSACTION_CLEANUP_INTERVAL).plusSeconds(10);

    private BrokerProperties() {}

    /**
     * The two loopback ports of a broker: clients and the KRaft controller. Chosen and kept per data
     * directory by {@link PortsFile}.
     */
    record Ports(int client, int controller) {

        String bootstrapServers() {
            return HOST + ":" + client;
        }
    }

    /**
     * @param config the broker settings
     * @param ports the ports of this run
     * @return the properties for {@code KafkaConfig}; overrides in {@code config} applied last
     */
    static Map<String, Object> build(EmbeddedKafkaConfig config, Ports ports) {
        String dataDir = config.dataDir().toAbsolutePath().toString();
        Map<String, Object> props = new HashMap<>();
        props.put(KRaftConfigs.PROCESS_ROLES_CONFIG, "broker,controller");
        props.put(KRaftConfigs.NODE_ID_CONFIG, Integer.toString(NODE_ID));
        props.put(
                SocketServerConfigs.LISTENERS_CONFIG,
                CLIENT_LISTENER + "://" + HOST + ":" + ports.client() + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + ports.controller());
        props.put(SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG, CLIENT_LISTENER + "://" + ports.bootstrapServers());
        props.put(
                SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, CLIENT_LISTENER);
        props.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER_LISTENER);
        // Static quorum (controller.quorum.voters, kraft.version 0), chosen when ports changed on every
        // start (they are now kept per data directory by PortsFile, but an explicit port can still
        // move them). Both kinds were tried in EmbeddedKafkaBrokerIT with a restart on new ports and
        // both restarted. A static voter's address is read from this property on each start and
        // never stored. A dynamic quorum (controller.quorum.bootstrap.servers, formatted with initial
        // controllers as `kafka-storage format --standalone` does) stores the voter's endpoint in
        // the metadata log: on restart the old port stays there until the node, once elected, writes
        // a VotersRecord with its new listener (KIP-853). It also needs the controller port before
        // formatting. Nothing is gained from it with one node that never gains voters.
        props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, NODE_ID + "@" + HOST + ":" + ports.controller());
        props.put(ServerLogConfigs.LOG_DIRS_CONFIG, dataDir);
        props.put(MetadataLogConfig.METADATA_LOG_DIR_CONFIG, dataDir);
        // Bounds the broker's own wait for metadata catch-up inside startup().
        props.put(
                KRaftConfigs.SERVER_MAX_STARTUP_TIME_MS_CONFIG,
                Long.toString(config.startTimeout().toMillis()));

        // One node: every internal topic has one replica.
        props.put(GroupCoordinatorConfig.OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_MIN_ISR_CONFIG, "1");
        props.put(
                TransactionStateManagerConfig.TRANSACTIONS_MAX_TIMEOUT_MS_CONFIG,
                Long.toString(TRANSACTION_MAX_TIMEOUT.toMillis()));
        props.put(
                TransactionStateManagerConfig.TRANSACTIONS_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS_CONFIG,
                Long.toString(TRANSACTION_CLEANUP_INTERVAL.toMillis()));
        props.put(ShareCoordinatorConfig.STATE_TOPIC_REPLICATION_FACTOR_CONFIG, "1");
        props.put(ShareCoordinatorConfig.STATE_TOPIC_MIN_ISR_CONFIG, "1");
        props.put(ReplicationConfigs.DEFAULT_REPLICATION_FACTOR_CONFIG, "1");
        // Fewer internal partitions (default 50 each): faster first group join, fewer files.
        props.put(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS_CONFIG, "1");
        props.put(TransactionLogConfig.TRANSACTIONS_TOPIC_PARTITIONS_CONFIG, "1");
        props.put(ShareCoordinatorConfig.STATE_TOPIC_NUM_PARTITIONS_CONFIG, "1");
        // After a crash the restarted controller gives the previous incarnation of this same broker a
        // full lease (broker.session.timeout.ms, 9 s by default) before it accepts the new
        // registration: most of a restart after kill -9 was that wait. The broker heartbeats the
        // controller in its own JVM, so a short lease costs nothing but a fence during a pause of
        // more than 3 s, after which it heartbeats and is unfenced again.
        props.put(KRaftConfigs.BROKER_SESSION_TIMEOUT_MS_CONFIG, "3000");
        props.put(KRaftConfigs.BROKER_HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        // A lone consumer or Streams app should not wait 3 s for peers that never come.
        props.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, "0");
        props.put(GroupCoordinatorConfig.STREAMS_GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, "0");

        // Desktop sizing: small segments (default 1 GiB), a small cleaner buffer (default 128 MiB of
        // heap), fewer threads.
        props.put(ServerLogConfigs.NUM_PARTITIONS_CONFIG, Integer.toString(config.numPartitions()));
        props.put(ServerLogConfigs.LOG_SEGMENT_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(CleanerConfig.LOG_CLEANER_DEDUPE_BUFFER_SIZE_PROP, Long.toString(8L * 1024 * 1024));
        props.put(SocketServerConfigs.NUM_NETWORK_THREADS_CONFIG, "2");
        props.put(ServerConfigs.NUM_IO_THREADS_CONFIG, "4");
        // Topics are created on purpose (pipeline-core's TopicProvisioner), with the partition count their spec asks
        // for;
        // a typo in a topic name then fails instead of creating a stray topic.
        props.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");

        props.putAll(config.brokerOverrides());
        return props;
    }
}
