package io.pulseboard.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report: under umask 000 Pulseboard's directories were created 777. A child JVM started by {@code
 * sh -c 'umask 000; exec java ...'} runs the local stack (a JVM cannot change its own umask); every data
 * directory it created is owner-only, while a plain {@code Files.createDirectories} in the same JVM gives
 * {@code rwxrwxrwx}, so the umask was in effect.
 */
class OwnerOnlyDataUnderUmaskIT {

    @TempDir
    Path tmp;

    @Test
    void theStackCreatesItsDataDirectoriesOwnerOnlyUnderUmask000() throws Exception {
        assumeTrue(OwnerOnlyFiles.isPosix(tmp) && Files.isExecutable(Path.of("/bin/sh")), "POSIX with /bin/sh");
        Path dataHome = tmp.resolve("home/pulseboard");
        Path control = tmp.resolve("control/plain");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "umask 000; exec \"$0\" -cp \"$1\" \"$2\" \"$3\" \"$4\"",
                        java,
                        System.getProperty("java.class.path"),
                        StartStackAndClose.class.getName(),
                        dataHome.toString(),
                        control.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.out").toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        assertThat(child.exitValue())
                .as(Files.readString(tmp.resolve("child.out"), StandardCharsets.UTF_8))
                .isZero();

        assertThat(permissions(control)).as("a plain directory under umask 000").isEqualTo("rwxrwxrwx");
        for (Path dir : new Path[] {
            dataHome.getParent(),
            dataHome,
            dataHome.resolve("kafka"),
            dataHome.resolve("redis"),
            dataHome.resolve("redis/bin")
        }) {
            assertThat(permissions(dir)).as(dir.toString()).isEqualTo("rwx------");
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
