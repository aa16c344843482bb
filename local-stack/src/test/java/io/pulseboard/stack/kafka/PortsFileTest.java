package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsFileTest {
    @TempDir
    Path dataDir;

    @Test
    void readsBackThePortsItWrote() {
        Path file = dataDir.resolve(PortsFile.FILE_NAME);

        PortsFile.write(file, new BrokerProperties.Ports(41234, 41235));

        assertThat(PortsFile.read(file)).contains(new BrokerProperties.Ports(41234, 41235));
        assertThat(dataDir.resolve(PortsFile.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void replacesAnEarlierFile() {
        Path file = dataDir.resolve(PortsFile.FILE_NAME);
        PortsFile.write(file, new BrokerProperties.Ports(41234, 41235));

        PortsFile.write(file, new BrokerProperties.Ports(42000, 42001));

        assertThat(PortsFile.read(file)).contains(new BrokerProperties.Ports(42000, 42001));
    }

    @Test
    void readsNothingWhenThereIsNoFile() {
        assertThat(PortsFile.read(dataDir.resolve(PortsFile.FILE_NAME))).isEmpty();
    }

    @Test
    void rejectsAFileWithoutAValidPortAndNamesTheFixAndTheFile() throws Exception {
        Path file = dataDir.resolve(PortsFile.FILE_NAME);
        Files.writeString(file, "client.port=http\ncontroller.port=41235\n");

        assertThatThrownBy(() -> PortsFile.read(file))
                .isInstanceOf(StackException.class)
                .hasMessage("client.port in " + file + " is not a port: 'http' (delete it to pick new ports)");
    }

    @Test
    void storesFreePortsOnFirstChoiceAndReusesThemAfterwards() {
        BrokerProperties.Ports first = PortsFile.choose(dataDir, 0, 0);

        BrokerProperties.Ports second = PortsFile.choose(dataDir, 0, 0);

        assertThat(first.client()).isNotEqualTo(first.controller());
        assertThat(second).isEqualTo(first);
        assertThat(PortsFile.read(dataDir.resolve(PortsFile.FILE_NAME))).contains(first);
    }

    @Test
    void anExplicitClientPortWinsOverTheStoredOneAndIsStored() throws Exception {
        BrokerProperties.Ports stored = PortsFile.choose(dataDir, 0, 0);
        int explicit = freePortOtherThan(stored);

        BrokerProperties.Ports chosen = PortsFile.choose(dataDir, explicit, 0);

        assertThat(chosen).isEqualTo(new BrokerProperties.Ports(explicit, stored.controller()));
        assertThat(PortsFile.choose(dataDir, 0, 0)).isEqualTo(chosen);
    }

    @Test
    void failsNamingThePortAndTheFileWhenAStoredPortIsTaken() throws Exception {
        BrokerProperties.Ports stored = PortsFile.choose(dataDir, 0, 0);
        Path file = dataDir.resolve(PortsFile.FILE_NAME);

        try (ServerSocket holder = new ServerSocket(stored.client(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PortsFile.choose(dataDir, 0, 0))
                    .isInstanceOf(StackException.class)
                    .hasMessage("Kafka's client port " + stored.client() + " on 127.0.0.1 (stored in " + file
                            + ") is in use by another process. The broker keeps its ports because its data names"
                            + " them; stop the process that holds port " + stored.client() + ", or delete " + file
                            + " to pick new ports at the next start");
        }
        assertThat(PortsFile.read(file)).contains(stored);
    }

    @Test
    void rejectsAnExplicitClientPortThatIsTheStoredControllerPort() {
        BrokerProperties.Ports stored = PortsFile.choose(dataDir, 0, 0);

        assertThatThrownBy(() -> PortsFile.choose(dataDir, stored.controller(), 0))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("Kafka's client and controller ports would both be " + stored.controller());
    }

    private static int freePortOtherThan(BrokerProperties.Ports ports) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = socket.getLocalPort();
                if (port != ports.client() && port != ports.controller()) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("The OS kept handing out the stored ports " + ports);
    }
}
