package io.pulseboard.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pulseboard.stack.OwnerOnlyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report: the log was always {@code /tmp/pulseboard.log}, world-readable. A child JVM under {@code
 * umask 000} logs one line through the app's {@code logback.xml}: it lands in the OS's log directory under
 * the child's home, owner-only; with {@code PULSEBOARD_LOG} set (as the launcher's class-data training run
 * sets it) it lands there instead.
 */
class LogFileIT {
    @TempDir
    Path home;

    @Test
    void logbackWritesToAnOwnerOnlyLogInTheStateDirectoryWhateverTheUmask() throws Exception {
        assumeTrue(OwnerOnlyFiles.isPosix(home) && Files.isExecutable(Path.of("/bin/sh")), "POSIX with /bin/sh");

        logInChildJvm("first line", Map.of());

        Path log = home.resolve(".local/state/pulseboard/pulseboard.log");
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("INFO", "first line");
        assertThat(LogFileTest.permissions(log)).isEqualTo("rw-------");
        assertThat(LogFileTest.permissions(log.getParent())).isEqualTo("rwx------");
        assertThat(LogFileTest.permissions(home.resolve(".local/state"))).isEqualTo("rwx------");
    }

    @Test
    void pulseboardLogStillWins() throws Exception {
        assumeTrue(OwnerOnlyFiles.isPosix(home) && Files.isExecutable(Path.of("/bin/sh")), "POSIX with /bin/sh");
        Path chosen = home.resolve("training/pulseboard.log");
        Files.createDirectories(chosen.getParent());

        logInChildJvm("training line", Map.of("PULSEBOARD_LOG", chosen.toString()));

        assertThat(Files.readString(chosen, StandardCharsets.UTF_8)).contains("training line");
        assertThat(LogFileTest.permissions(chosen)).isEqualTo("rw-------");
        assertThat(home.resolve(".local/state")).doesNotExist();
    }

    private void logInChildJvm(String line, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder launch = new ProcessBuilder(
                "/bin/sh",
                "-c",
                "umask 000; exec \"$0\" -Duser.home=\"$1\" -cp \"$2\" \"$3\" \"$4\"",
                java,
                home.toString(),
                System.getProperty("java.class.path"),
                LogOneLine.class.getName(),
                line);
        launch.environment().remove("PULSEBOARD_LOG");
        launch.environment().remove("PULSEBOARD_DATA_HOME");
        launch.environment().remove("XDG_STATE_HOME");
        launch.environment().putAll(env);
        Path out = home.resolve("child.out");
        Process child =
                launch.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        assertThat(child.exitValue()).as(Files.readString(out)).isZero();
    }
}
