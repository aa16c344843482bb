package io.pulseboard.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.AppDirectories.Os;
import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    @TempDir
    Path home;

    @Test
    void theLogIsInTheOsLogDirectoryUnlessPulseboardLogNamesAnother() {
        AppDirectories linux = AppDirectories.of(Os.LINUX, Map.of(), Path.of("/home/ann"));

        assertThat(LogFile.resolve(Map.of(), linux))
                .isEqualTo(Path.of("/home/ann/.local/state/pulseboard/pulseboard.log"));
        assertThat(LogFile.resolve(Map.of("PULSEBOARD_LOG", " "), linux))
                .isEqualTo(Path.of("/home/ann/.local/state/pulseboard/pulseboard.log"));
        assertThat(LogFile.resolve(Map.of("PULSEBOARD_LOG", "/var/tmp/mine.log"), linux))
                .isEqualTo(Path.of("/var/tmp/mine.log"));
    }

    @Test
    void theDefaultLogAndItsDirectoriesAreCreatedOwnerOnly() throws IOException {
        assumeTrue(OwnerOnlyFiles.isPosix(home), "owner-only permissions are POSIX permissions");
        AppDirectories directories = AppDirectories.of(Os.LINUX, Map.of(), home);
        Path file = LogFile.resolve(Map.of(), directories);

        LogFile.prepare(file, directories);

        assertThat(file).isEqualTo(home.resolve(".local/state/pulseboard/pulseboard.log"));
        assertThat(permissions(file)).isEqualTo("rw-------");
        for (Path dir : new Path[] {home.resolve(".local"), home.resolve(".local/state"), file.getParent()}) {
            assertThat(permissions(dir)).as(dir.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void aLogTheUserChoseIsCreatedOwnerOnlyButAnExistingOneIsLeftAsItIs() throws IOException {
        assumeTrue(OwnerOnlyFiles.isPosix(home), "owner-only permissions are POSIX permissions");
        AppDirectories directories = AppDirectories.of(Os.LINUX, Map.of(), home);
        Path fresh = home.resolve("fresh.log");
        Path existing = Files.createFile(home.resolve("shared.log"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

        LogFile.prepare(fresh, directories);
        LogFile.prepare(existing, directories);

        assertThat(permissions(fresh)).isEqualTo("rw-------");
        assertThat(permissions(existing)).isEqualTo("rw-r--r--");
        assertThat(home.resolve(".local")).doesNotExist();
    }

    static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
