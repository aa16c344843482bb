package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM that exits without closing its stack leaves no Redis behind. */
class ChildReaperIT {

    @TempDir
    Path dir;

    @Test
    void killsTheRedisChildWhenTheJvmExitsWithoutClosingIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExitWithoutClose.class.getName(),
                        dir.resolve("redis").toString())
                .redirectErrorStream(true)
                .start();
        long redisPid = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("pid ")) {
                    redisPid = Long.parseLong(line.substring(4).trim());
                }
            }
        }
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(redisPid).as("the child JVM started Redis").isPositive();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long pid = redisPid;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("Redis pid %d after its JVM exited", pid)
                .isFalse();
    }
}
