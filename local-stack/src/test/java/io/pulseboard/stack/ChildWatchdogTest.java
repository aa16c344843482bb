package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The watchdog's shell loop, on Linux. */
class ChildWatchdogTest {

    @Test
    void runsWithItsOwnPathSoThatItsSleepIsFoundWhateverTheJvmsPathAndItStaysIdle() throws Exception {
        assumeTrue(ChildWatchdog.isAvailable() && Files.isDirectory(Path.of("/proc/self")), "Linux with /bin/sh");
        Process server = new ProcessBuilder("/bin/sh", "-c", "exec /bin/sleep 60").start();
        try {
            Optional<Process> watchdog =
                    ChildWatchdog.watch(server, Duration.ofSeconds(5), LoggerFactory.getLogger(getClass()));
            assertThat(watchdog).isPresent();
            long pid = watchdog.get().pid();

            List<String> environment = Arrays.asList(new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8)
                    .split("\0"));
            assertThat(environment).contains("PATH=" + ChildWatchdog.PATH);

            // Two seconds of watching cost a few milliseconds of CPU; a loop whose sleep fails spins a core.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                assertThat(watchdog.get().isAlive())
                        .as("the watchdog keeps watching")
                        .isTrue();
                TimeUnit.MILLISECONDS.sleep(100); // the span measured, not a wait for an outcome
            }
            Duration cpu = watchdog.get().info().totalCpuDuration().orElseThrow();
            assertThat(cpu).isLessThan(Duration.ofMillis(500));
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
