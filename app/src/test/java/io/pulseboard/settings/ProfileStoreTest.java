package io.pulseboard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path configDir;

    private static final ConnectionProfile LOCAL = new ConnectionProfile(
            "local",
            "localhost:9092",
            SecurityProtocol.PLAINTEXT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    private static final ConnectionProfile CLOUD = new ConnectionProfile(
            "cloud \"prod\"",
            "b1.example.com:9093,b2.example.com:9093",
            SecurityProtocol.SASL_SSL,
            Optional.of("SCRAM-SHA-512"),
            Optional.of("ops"),
            Optional.of("rediss://cache.example.com:6380"));

    @Test
    void roundTripsProfilesInOrderIncludingOptionalFields() {
        ProfileStore store = new ProfileStore(configDir);
        store.saveAll(List.of(CLOUD, LOCAL));

        assertThat(store.file()).isEqualTo(configDir.resolve("profiles.json"));
        assertThat(new ProfileStore(configDir).load()).containsExactly(CLOUD, LOCAL);
    }

    @Test
    void missingFileMeansNoProfiles() {
        assertThat(new ProfileStore(configDir.resolve("not-yet")).load()).isEmpty();
    }

    @Test
    void upsertReplacesByNameInPlaceAndDeleteRemoves() {
        ProfileStore store = new ProfileStore(configDir);
        store.upsert(LOCAL);
        store.upsert(CLOUD);
        ConnectionProfile moved = new ConnectionProfile(
                "local", "127.0.0.1:19092", SecurityProtocol.SSL, Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(store.upsert(moved)).containsExactly(moved, CLOUD);
        assertThat(store.delete("local")).containsExactly(CLOUD);
        assertThat(store.delete("absent")).containsExactly(CLOUD);
        assertThat(store.load()).containsExactly(CLOUD);
    }

    @Test
    void fileHoldsNoPasswordAndLeavesNoTemporaryFiles() throws IOException {
        new ProfileStore(configDir).saveAll(List.of(CLOUD, LOCAL));

        String json = Files.readString(configDir.resolve("profiles.json"));
        assertThat(json).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("secret");
        assertThat(json).contains("\"version\"", "SCRAM-SHA-512", "b2.example.com:9093");
        try (var files = Files.list(configDir)) {
            assertThat(files).containsExactly(configDir.resolve("profiles.json"));
        }
    }

    @Test
    void refusesRedisUriWithCredentials() {
        ConnectionProfile withPassword = new ConnectionProfile(
                "r",
                "h:1",
                SecurityProtocol.PLAINTEXT,
                Optional.empty(),
                Optional.empty(),
                Optional.of("redis://:hunter2@cache:6379"));

        assertThatThrownBy(() -> new ProfileStore(configDir).saveAll(List.of(withPassword)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("hunter2");
        assertThat(configDir.resolve("profiles.json")).doesNotExist();
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> new ProfileStore(configDir).saveAll(List.of(LOCAL, LOCAL)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two profiles are named 'local'");
    }

    @Test
    void corruptFileNamesTheFileAndTheFixInsteadOfReadingAsEmpty() throws IOException {
        Path file = configDir.resolve("profiles.json");
        Files.writeString(file, "{\"version\":1,\"profiles\":[{\"name\":\"x\",");

        assertThatThrownBy(() -> new ProfileStore(configDir).load())
                .isInstanceOf(SettingsFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid")
                .hasMessageContaining("line 1")
                .hasMessageContaining("Fix the file, or move it away");
    }

    @Test
    void upsertDoesNotOverwriteACorruptFile() throws IOException {
        Path file = configDir.resolve("profiles.json");
        Files.writeString(file, "not json at all");

        assertThatThrownBy(() -> new ProfileStore(configDir).upsert(LOCAL)).isInstanceOf(SettingsFileException.class);
        assertThat(Files.readString(file)).isEqualTo("not json at all");
    }

    @Test
    void profileMissingARequiredFieldIsReportedAsInvalid() throws IOException {
        Files.writeString(
                configDir.resolve("profiles.json"),
                "{\"version\":1,\"profiles\":[{\"name\":\"x\",\"securityProtocol\":\"PLAINTEXT\"}]}");

        assertThatThrownBy(() -> new ProfileStore(configDir).load())
                .isInstanceOf(SettingsFileException.class)
                .hasMessageContaining("a profile lacks \"bootstrapServers\" at line 1");
    }

    @Test
    void unknownProtocolIsReportedAsInvalid() throws IOException {
        Files.writeString(
                configDir.resolve("profiles.json"),
                "{\"version\":1,\"profiles\":[{\"name\":\"x\",\"bootstrapServers\":\"h:1\","
                        + "\"securityProtocol\":\"SASL_PLAINTEXT\"}]}");

        assertThatThrownBy(() -> new ProfileStore(configDir).load())
                .isInstanceOf(SettingsFileException.class)
                .hasMessageContaining("SASL_PLAINTEXT");
    }

    @Test
    void theSettingsDirectoryAndItsMissingParentsAreCreatedOwnerOnly() throws IOException {
        Assumptions.assumeTrue(OwnerOnlyFiles.isPosix(configDir), "owner-only permissions are POSIX permissions");
        Path settings = configDir.resolve("home/.config/pulseboard");

        new ProfileStore(settings).saveAll(List.of(LOCAL));

        for (Path dir : new Path[] {configDir.resolve("home"), configDir.resolve("home/.config"), settings}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as(dir.toString())
                    .isEqualTo("rwx------");
        }
    }
}
