package io.pulseboard.stack.kafka;

import io.pulseboard.stack.kafka.HangingTransactions.Open;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.BootstrapConfiguration;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersResponseData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.LogContext;

/**
 * Writes the COMMIT marker of a transaction whose coordinator committed it but skipped the marker.
 *
 * <p>Kafka's transaction coordinator treats a partition without a known leader as deleted and
 * completes the transaction without writing that partition's marker ("Couldn't find leader endpoint
 * for partitions ... these partitions are likely deleted already and hence can be skipped", the
 * handling of KAFKA-5202). After a kill -9 of the embedded broker that happens for real: the
 * restarted broker loads its transaction log and sends the markers of a reloaded PREPARE_COMMIT while
 * the controller is fencing its previous incarnation, so every partition is briefly leaderless
 * (PipelineCrashLoopIT's log shows it). The commit is final for its client, its data stays open on
 * those partitions for ever, and an abort would drop committed records. The Admin API can only abort
 * (KIP-664), so this sends the same WriteTxnMarkers request the coordinator would have sent, with a
 * COMMIT result, through Kafka's network client.
 */
final class CommitMarkers {

    private CommitMarkers() {}

    private static WriteTxnMarkersRequestData.WritableTxnMarker marker(Open open) {
        return new WriteTxnMarkersRequestData.WritableTxnMarker()
                .setProducerId(open.producerId())
                .setProducerEpoch((short) open.producerEpoch())
                .setCoordinatorEpoch(open.coordinatorEpoch())
                .setTransactionResult(true)
                .setTopics(List.of(new WriteTxnMarkersRequestData.WritableTxnMarkerTopic()
                        .setName(open.partition().topic())
                        .setPartitionIndexes(List.of(open.partition().partition()))));
    }

    /**
     * @param host the broker's host
     * @param port the broker's client port
     * @param open the transactions to commit, each on its partition: one request, one marker each
     * @param timeout the bound of the whole call
     * @throws IOException if the broker cannot be reached in time or refuses a marker (naming each)
     */
    static void commit(String host, int port, List<Open> open, Duration timeout) throws IOException {
        Time time = Time.SYSTEM;
        LogContext logContext = new LogContext("[pulseboard-commit-markers] ");
        AdminClientConfig config = new AdminClientConfig(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + port));
        Node node = new Node(BrokerProperties.NODE_ID, host, port);
        try (Metrics metrics = new Metrics();
                Selector selector = new Selector(
                        64 * 1024 * 1024,
                        60_000,
                        0,
                        metrics,
                        time,
                        "pulseboard-commit-markers",
                        Map.of(),
                        false,
                        ClientUtils.createChannelBuilder(config, time, logContext),
                        logContext);
                NetworkClient client = new NetworkClient(
                        selector,
                        new ManualMetadataUpdater(List.of(node)),
                        "pulseboard-commit-markers",
                        1,
                        50,
                        1000,
                        64 * 1024,
                        64 * 1024,
                        (int) timeout.toMillis(),
                        timeout.toMillis(),
                        timeout.toMillis(),
                        time,
                        true,
                        new ApiVersions(),
                        logContext,
                        MetadataRecoveryStrategy.NONE,
                        BootstrapConfiguration.DISABLED,
                        false)) {
            if (!NetworkClientUtils.awaitReady(client, node, time, timeout.toMillis())) {
                throw new IOException("Kafka at " + host + ":" + port + " did not take a connection within " + timeout);
            }
            List<WriteTxnMarkersRequestData.WritableTxnMarker> markers =
                    open.stream().map(CommitMarkers::marker).toList();
            ClientRequest request = client.newClientRequest(
                    node.idString(),
                    new WriteTxnMarkersRequest.Builder(new WriteTxnMarkersRequestData().setMarkers(markers)),
                    time.milliseconds(),
                    true);
            ClientResponse response = NetworkClientUtils.sendAndReceive(client, request, time);
            WriteTxnMarkersResponseData data = ((WriteTxnMarkersResponse) response.responseBody()).data();
            List<String> refused = new java.util.ArrayList<>();
            for (WriteTxnMarkersResponseData.WritableTxnMarkerResult result : data.markers()) {
                for (WriteTxnMarkersResponseData.WritableTxnMarkerTopicResult topic : result.topics()) {
                    for (WriteTxnMarkersResponseData.WritableTxnMarkerPartitionResult partition : topic.partitions()) {
                        Errors error = Errors.forCode(partition.errorCode());
                        if (error != Errors.NONE) {
                            refused.add(topic.name() + "-" + partition.partitionIndex() + " (producer "
                                    + result.producerId() + "): " + error.message());
                        }
                    }
                }
            }
            if (!refused.isEmpty()) {
                throw new IOException("Kafka refused the commit marker on " + String.join("; ", refused));
            }
        }
    }
}
