package io.pulseboard.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {
    private static final Path DIR = Path.of("/tmp/pulseboard-kafka");

    @Test
    void defaultsToOnePartitionAndGenerousTimeouts() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR);

        assertThat(config.numPartitions()).isEqualTo(1);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.brokerOverrides()).isEmpty();
        assertThat(config.clientPort()).isZero();
        assertThat(config.controllerPort()).isZero();
    }

    @Test
    void keepsExplicitPortsThroughOtherChanges() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR)
                .withClientPort(19092)
                .withControllerPort(19093)
                .withNumPartitions(2)
                .withBrokerOverride("log.retention.hours", "24");

        assertThat(config.clientPort()).isEqualTo(19092);
        assertThat(config.controllerPort()).isEqualTo(19093);
    }

    @Test
    void rejectsPortsOutOfRangeAndOneExplicitPortForBothListeners() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR);

        assertThatThrownBy(() -> config.withClientPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientPort must be 0 (stored or free) to 65535, was 65536");
        assertThatThrownBy(() -> config.withControllerPort(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controllerPort must be 0 (stored or free) to 65535, was -1");
        assertThatThrownBy(() -> config.withClientPort(19092).withControllerPort(19092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientPort and controllerPort must differ, both were 19092");
    }

    @Test
    void appliesOverridesAfterItsOwnDefaults() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR)
                .withNumPartitions(3)
                .withBrokerOverride("log.retention.hours", "24");

        var props = BrokerProperties.build(config, new BrokerProperties.Ports(1111, 2222));

        assertThat(props)
                .containsEntry("num.partitions", "3")
                .containsEntry("log.retention.hours", "24")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:2222")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:1111,CONTROLLER://127.0.0.1:2222")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void rejectsOverridesOfKeysTheBrokerOwns() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR);

        assertThatThrownBy(() -> config.withBrokerOverride("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'");
    }

    @Test
    void rejectsZeroPartitionsAndNonPositiveTimeouts() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.inDirectory(DIR);

        assertThatThrownBy(() -> config.withNumPartitions(0)).hasMessageContaining("numPartitions");
        assertThatThrownBy(() -> config.withStartTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> config.withCloseTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("closeTimeout");
    }
}
