package io.pulseboard.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.ConfigLoader;
import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import io.pulseboard.stack.kafka.EmbeddedKafkaBroker;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote session against a real (here: embedded, reached over the network) Kafka. */
class RemoteSessionIT {

    @TempDir
    Path temp;

    @Test
    void connectsProvisionsTopicsAndRunsTheTopologyReportingEachPart() throws Exception {
        try (EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(EmbeddedKafkaConfig.inDirectory(temp.resolve("kafka")))) {
            String bootstrap = broker.start();
            PulseboardConfig config = ConfigLoader.load(
                    Optional.empty(),
                    Map.of(),
                    Map.of(
                            "pulseboard.kafka.bootstrap-servers",
                            bootstrap,
                            "pulseboard.kafka.application-id",
                            "remote-it",
                            "pulseboard.kafka.state-dir",
                            temp.resolve("streams").toString()));
            List<String> steps = new CopyOnWriteArrayList<>();

            try (RemoteSession session = new RemoteSession(
                    config, Clock.systemUTC(), (part, state, message) -> steps.add(part + ":" + state))) {
                session.start();

                assertThat(session.runtime().orElseThrow().state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            assertThat(steps)
                    .containsSubsequence(
                            SessionPart.KAFKA + ":" + PartState.STARTING, SessionPart.KAFKA + ":" + PartState.READY,
                            SessionPart.TOPOLOGY + ":" + PartState.STARTING,
                                    SessionPart.TOPOLOGY + ":" + PartState.READY);
        }
    }

    @Test
    void reportsAnUnreachableKafkaAsAFailedPartWithTheReason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PulseboardConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                        "pulseboard.kafka.bootstrap-servers",
                        "127.0.0.1:" + closedPort,
                        "pulseboard.kafka.client.default.api.timeout.ms",
                        "3000",
                        "pulseboard.kafka.client.request.timeout.ms",
                        "2000",
                        "pulseboard.kafka.state-dir",
                        temp.resolve("streams").toString()));
        List<String> steps = new CopyOnWriteArrayList<>();

        try (RemoteSession session = new RemoteSession(
                config, Clock.systemUTC(), (part, state, message) -> steps.add(part + ":" + state + ":" + message))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(session::start)
                    .hasMessageContaining("Cannot create topic");
        }
        assertThat(steps).anyMatch(s -> s.startsWith("KAFKA:FAILED:"));
    }
}
