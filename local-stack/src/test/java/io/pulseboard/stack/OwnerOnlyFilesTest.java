package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(OwnerOnlyFiles.isPosix(tmp), "owner-only permissions are POSIX permissions");
    }

    @Test
    void everyCreatedDirectoryIsOwnerOnlyEvenNested() throws IOException {
        Path dir = tmp.resolve("a/b/c");

        OwnerOnlyFiles.createDirectories(dir);

        for (Path created : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), dir}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
                    .as(created.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void anExistingParentKeepsItsPermissionsAndTheDirectoryItselfIsTightened() throws IOException {
        Path parent = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path dir = Files.createDirectory(parent.resolve("pulseboard"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        OwnerOnlyFiles.createDirectories(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)))
                .isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void aFileIsCreatedOrTightenedToOwnerOnlyAndKeepsItsContent() throws IOException {
        Path fresh = tmp.resolve("fresh.log");
        Path existing = Files.writeString(tmp.resolve("existing.log"), "kept");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnlyFiles.createFile(fresh);
        OwnerOnlyFiles.createFile(existing);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(existing)).isEqualTo("kept");
    }

    @Test
    void writeReplacesTheContentOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("secret");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnlyFiles.write(file, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var entries = Files.list(tmp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
    }
}
