package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaStackIT {

    @TempDir
    Path dataDir;

    @Test
    void reportsEachPhaseOfKafkaAndHandsBackAnAddressClientsCanUse() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LocalStack stack = new LocalStackFactory(EmbeddedKafkaConfig.inDirectory(dataDir))
                .create((part, phase, message) -> events.add(part + " " + phase));

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(stack.start()).isEqualTo(endpoints);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .extracting(Node::id)
                        .containsExactly(1);
            }

            Exit.halt(1, "simulated fatal fault");
        }

        assertThat(events).containsExactly("kafka STARTING", "kafka READY", "kafka FAILED", "kafka STOPPED");
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }
}
