package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "the bundled binaries are for linux-amd64")
class BundledPostgresTest {
    @TempDir
    Path root;

    @Test
    void unpacksTheArchiveOnceIntoItsOwnDirectoryKeepingModesAndLinksAndLeavingNoTemporaryOne() throws Exception {
        Path unpacked = BundledPostgres.unpack(root);

        assertThat(unpacked)
                .isEqualTo(root.resolve("postgres-14.22.0-linux-amd64").toAbsolutePath());
        assertThat(Files.getPosixFilePermissions(unpacked.resolve("bin/postgres")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(unpacked.resolve("bin/initdb")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(unpacked.resolve("share/postgresql/postgres.bki")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(unpacked)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.readSymbolicLink(unpacked.resolve("lib/libpq.so.5"))).isEqualTo(Path.of("libpq.so.5.14"));
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).containsExactly(unpacked);
        }

        Files.writeString(unpacked.resolve("marker"), "kept");
        assertThat(BundledPostgres.unpack(root)).isEqualTo(unpacked);
        assertThat(unpacked.resolve("marker")).hasContent("kept");
    }

    @Test
    void aDirectoryLeftHalfUnpackedIsNeverTakenForTheBinaries() throws Exception {
        // What a killed unpack leaves: a temporary directory beside the target, never the target itself.
        Path leftover = Files.createDirectories(root.resolve(".postgres-14.22.0-linux-amd64.123/bin"));

        Path unpacked = BundledPostgres.unpack(root);

        assertThat(unpacked).isNotEqualTo(leftover.getParent());
        assertThat(unpacked.resolve("bin/postgres")).isExecutable();
        assertThat(BundledPostgres.isFor("Linux", "amd64")).isTrue();
        assertThat(BundledPostgres.isFor("Linux", "aarch64")).isFalse();
        assertThat(BundledPostgres.isFor("Mac OS X", "x86_64")).isFalse();
    }
}
