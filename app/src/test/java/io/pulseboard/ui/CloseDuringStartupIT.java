package io.pulseboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.session.ChildProcesses;
import io.pulseboard.stack.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Application;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Closing the app while the local demo is still starting leaves no child process behind. */
class CloseDuringStartupIT {

    @TempDir
    Path temp;

    @AfterEach
    void clearDataHome() {
        System.clearProperty(AppDirectories.DATA_HOME_PROPERTY);
    }

    @Test
    void closingWhileKafkaAndRedisStartStopsEverythingAndLeavesNoChildProcess() throws Exception {
        System.setProperty(
                AppDirectories.DATA_HOME_PROPERTY, temp.resolve("data").toString());
        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(io.pulseboard.PulseboardApp.class, "--local-demo");
        // Close as soon as the Redis child exists: Kafka and the topology are still on their way.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ChildProcesses.redis().isEmpty() && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(ChildProcesses.redis())
                .as("Redis started as a child process")
                .isNotEmpty();

        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();

        assertThat(ChildProcesses.redis()).as("child processes after close").isEmpty();
    }
}
