package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.probe.LiveConnectionTester;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.stack.AppDirectories;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect with a profile whose Kafka address has nothing listening: the start fails within 5 s with
 * exactly the cause "Test connection" gives for the same profile, before any Kafka client is made.
 */
class RemoteConnectFailsFastTest {

    @TempDir
    Path temp;

    @Test
    void aProfileWhereNothingListensFailsWithinFiveSecondsWithTheConnectionTestsCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionProfile profile = new ConnectionProfile(
                "nowhere",
                "127.0.0.1:" + closedPort,
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        String tested = new LiveConnectionTester().test(profile, "").kafka().message();
        List<String> steps = new CopyOnWriteArrayList<>();
        SessionFactory sessions =
                new SessionFactory(AppDirectories.at(temp.resolve("data")), Map.of(), Clock.systemUTC());

        long started = System.nanoTime();
        try (RemoteSession session =
                sessions.remote(profile, "", (part, state, message) -> steps.add(part + ":" + state + ":" + message))) {
            assertThatThrownBy(session::start)
                    .isInstanceOf(ClusterUnusableException.class)
                    .hasMessage(tested);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(tested)
                .isEqualTo("Cannot reach Kafka at 127.0.0.1:" + closedPort
                        + ": connection refused (the host is up but nothing listens on that port)");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(steps)
                .contains("KAFKA:FAILED:" + tested)
                .noneMatch(s -> s.startsWith("TOPOLOGY:STARTING") || s.startsWith("HISTORY:STARTING"));
    }
}
