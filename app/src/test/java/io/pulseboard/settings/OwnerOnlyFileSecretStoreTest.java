package io.pulseboard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileSecretStoreTest {

    @TempDir
    Path configDir;

    private Path file;

    @BeforeEach
    void posixOnly() {
        assumeThat(Files.getFileAttributeView(configDir, PosixFileAttributeView.class))
                .as("POSIX file system")
                .isNotNull();
        file = configDir.resolve("secrets.properties");
    }

    @Test
    void createsTheFileReadableAndWritableByTheOwnerOnly() throws IOException {
        new OwnerOnlyFileSecretStore(configDir).putPassword("prod", "pw");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void keepsOwnerOnlyPermissionsWhenRewritten() throws IOException {
        OwnerOnlyFileSecretStore store = new OwnerOnlyFileSecretStore(configDir);
        store.putPassword("a", "1");
        store.putPassword("b", "2");
        store.deletePassword("a");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(configDir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void tightensAFileThatOthersCouldRead() throws IOException {
        new OwnerOnlyFileSecretStore(configDir).putPassword("prod", "pw");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(new OwnerOnlyFileSecretStore(configDir).password("prod")).contains("pw");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void roundTripsPasswordsWithAnyCharactersAcrossInstances() {
        String tricky = "p=ä:s\\s w#rd\n\"ö\"!";
        new OwnerOnlyFileSecretStore(configDir).putPassword("cloud prod = EU", tricky);
        new OwnerOnlyFileSecretStore(configDir).putPassword("local", "x");

        OwnerOnlyFileSecretStore reopened = new OwnerOnlyFileSecretStore(configDir);
        assertThat(reopened.password("cloud prod = EU")).contains(tricky);
        assertThat(reopened.password("local")).contains("x");
        assertThat(reopened.password("unknown")).isEmpty();
    }

    @Test
    void replacesAndDeletesAPassword() {
        OwnerOnlyFileSecretStore store = new OwnerOnlyFileSecretStore(configDir);
        store.putPassword("prod", "old");
        store.putPassword("prod", "new");
        assertThat(store.password("prod")).contains("new");

        store.deletePassword("prod");
        store.deletePassword("never-stored");

        assertThat(store.password("prod")).isEmpty();
        assertThat(new OwnerOnlyFileSecretStore(configDir).password("prod")).isEmpty();
    }

    @Test
    void missingFileMeansNoPasswordsAndIsNotCreatedByReading() {
        OwnerOnlyFileSecretStore store = new OwnerOnlyFileSecretStore(configDir.resolve("fresh"));

        assertThat(store.password("prod")).isEmpty();
        assertThat(store.file()).doesNotExist();
    }
}
