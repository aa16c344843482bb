package io.pulseboard.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures that need no ClickHouse installed. */
class ClickHouseServerProcessTest {

    @TempDir
    Path tempDir;

    @Test
    void startNamesTheDebianPackageWhenTheConfiguredBinaryIsMissing() {
        Path missing = tempDir.resolve("no-such-clickhouse-server");
        try (ClickHouseServerProcess server = new ClickHouseServerProcess(
                ClickHouseServerConfig.inDirectory(tempDir.resolve("data")).withBinary(missing))) {

            assertThatThrownBy(server::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("apt-get install " + ClickHouseServerProcess.DEBIAN_PACKAGE);
            assertThat(server.isAlive()).isFalse();
            assertThat(server.pid()).isEmpty();
            assertThatThrownBy(server::httpPort).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class);
        }
    }
}
