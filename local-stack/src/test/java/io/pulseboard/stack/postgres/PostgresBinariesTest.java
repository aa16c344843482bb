package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import io.pulseboard.stack.postgres.PostgresBinaries.Source;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "fake executables are made with POSIX permissions")
class PostgresBinariesTest {
    private static final PostgresBinaries.VersionProbe NO_PROBE = postgres -> {
        throw new AssertionError("no PATH binary should be probed: " + postgres);
    };

    @TempDir
    Path tempDir;

    private final List<String> unpacked = new ArrayList<>();

    @Test
    void installedFirstTakesDebiansHighestCompleteMajor() throws IOException {
        Path debian = tempDir.resolve("usr/lib/postgresql");
        serverBinaries(debian.resolve("9.6/bin"));
        serverBinaries(debian.resolve("13/bin"));
        serverBinaries(debian.resolve("15/bin"));
        Files.createDirectories(debian.resolve("16/bin"));
        executable(debian.resolve("16/bin/postgres")); // no initdb: postgresql-client-16 alone, say
        Files.createDirectories(debian.resolve("extension/bin"));
        Path onPath = serverBinaries(tempDir.resolve("opt/bin"));

        PostgresBinaries chosen = resolve(
                PostgresBinaryPreference.INSTALLED_FIRST, debian, onPath.toString(), "Linux", "amd64", NO_PROBE);

        assertThat(chosen).isEqualTo(new PostgresBinaries(Source.DEBIAN, debian.resolve("15/bin"), "15"));
        assertThat(chosen.initdb()).isEqualTo(debian.resolve("15/bin/initdb"));
        assertThat(chosen.postgres()).isEqualTo(debian.resolve("15/bin/postgres"));
        assertThat(chosen.describe()).isEqualTo("Debian's PostgreSQL 15 (" + debian.resolve("15/bin") + ")");
        assertThat(unpacked).isEmpty();
    }

    @Test
    void installedFirstWithoutDebiansTakesTheFirstPathDirectoryHoldingBothPrograms() throws IOException {
        Path onlyPostgres = Files.createDirectories(tempDir.resolve("only-postgres"));
        executable(onlyPostgres.resolve("postgres"));
        Path both = serverBinaries(tempDir.resolve("usr/local/bin"));
        Path later = serverBinaries(tempDir.resolve("later/bin"));
        String path = String.join(File.pathSeparator, "", onlyPostgres.toString(), both.toString(), later.toString());
        List<Path> probed = new ArrayList<>();

        PostgresBinaries chosen = resolve(
                PostgresBinaryPreference.INSTALLED_FIRST,
                tempDir.resolve("no-debian"),
                path,
                "Linux",
                "amd64",
                postgres -> {
                    probed.add(postgres);
                    return PostgresBinaries.parseMajorVersion("postgres (PostgreSQL) 16.4");
                });

        assertThat(chosen).isEqualTo(new PostgresBinaries(Source.PATH, both, "16"));
        assertThat(probed).containsExactly(both.resolve("postgres"));
        assertThat(chosen.describe()).isEqualTo("PostgreSQL on the PATH, 16 (" + both + ")");
    }

    @Test
    void installedFirstWithNothingInstalledUnpacksTheBundledOnesOnLinuxAmd64() {
        PostgresBinaries chosen = resolve(
                PostgresBinaryPreference.INSTALLED_FIRST,
                tempDir.resolve("no-debian"),
                "",
                "Linux",
                "x86_64",
                NO_PROBE);

        assertThat(chosen).isEqualTo(new PostgresBinaries(Source.BUNDLED, tempDir.resolve("bundle/bin"), "14"));
        assertThat(chosen.describe()).isEqualTo("bundled PostgreSQL 14.22.0 (" + tempDir.resolve("bundle/bin") + ")");
        assertThat(unpacked).containsExactly("unpacked");
    }

    @Test
    void bundledOnlyIgnoresWhatIsInstalled() throws IOException {
        Path debian = tempDir.resolve("usr/lib/postgresql");
        serverBinaries(debian.resolve("15/bin"));
        Path onPath = serverBinaries(tempDir.resolve("opt/bin"));

        PostgresBinaries chosen =
                resolve(PostgresBinaryPreference.BUNDLED_ONLY, debian, onPath.toString(), "Linux", "amd64", NO_PROBE);

        assertThat(chosen.source()).isEqualTo(Source.BUNDLED);
        assertThat(chosen.majorVersion()).isEqualTo("14");
    }

    @Test
    void elsewhereWithNothingInstalledItSaysWhatToInstall() {
        assertThatThrownBy(() -> resolve(
                        PostgresBinaryPreference.INSTALLED_FIRST,
                        tempDir.resolve("none"),
                        null,
                        "Mac OS X",
                        "aarch64",
                        NO_PROBE))
                .isInstanceOf(StackException.class)
                .hasMessage("No PostgreSQL server binaries are bundled for Mac OS X/aarch64 and none are installed:"
                        + " install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install"
                        + " postgresql) so that initdb and postgres are in /usr/lib/postgresql/<N>/bin or on the PATH");
        assertThatThrownBy(() -> resolve(
                        PostgresBinaryPreference.BUNDLED_ONLY,
                        tempDir.resolve("none"),
                        null,
                        "Linux",
                        "aarch64",
                        NO_PROBE))
                .isInstanceOf(StackException.class)
                .hasMessage("No PostgreSQL server binaries are bundled for Linux/aarch64: install PostgreSQL and use"
                        + " the binary preference INSTALLED_FIRST");
        assertThat(unpacked).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)|15",
                "postgres (PostgreSQL) 14.22|14",
                "postgres (PostgreSQL) 17beta1|17",
                "postgres (PostgreSQL) 9.6.24|9.6",
            })
    void readsTheMajorVersionAsPgVersionHoldsIt(String output, String major) {
        assertThat(PostgresBinaries.parseMajorVersion(output)).contains(major);
    }

    @Test
    void aVersionOutputWithoutAVersionGivesNothing() {
        assertThat(PostgresBinaries.parseMajorVersion("bash: postgres: command not found"))
                .isEmpty();
    }

    private PostgresBinaries resolve(
            PostgresBinaryPreference preference,
            Path debian,
            String path,
            String os,
            String arch,
            PostgresBinaries.VersionProbe probe) {
        Supplier<Path> unpack = () -> {
            unpacked.add("unpacked");
            return tempDir.resolve("bundle");
        };
        return PostgresBinaries.resolve(preference, debian, path, os, arch, probe, unpack);
    }

    private static Path serverBinaries(Path bin) throws IOException {
        Files.createDirectories(bin);
        executable(bin.resolve("initdb"));
        executable(bin.resolve("postgres"));
        return bin;
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
