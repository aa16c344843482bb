package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.StackException;
import io.pulseboard.stack.redis.RedisBinary.Source;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "fake executables are made with POSIX permissions")
class RedisBinaryTest {
    private static final String LINUX_AMD64 = "redis-server-6.2.6-v5-linux-amd64";

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, redis-server-6.2.6-v5-linux-amd64",
        "Linux, x86_64, redis-server-6.2.6-v5-linux-amd64",
        "Linux, aarch64, redis-server-6.2.7-linux-arm64",
        "Linux, i386, redis-server-6.2.7-linux-386",
        "Linux, x86, redis-server-6.2.7-linux-386",
        "Mac OS X, x86_64, redis-server-6.2.6-v5-darwin-amd64",
        "Mac OS X, aarch64, redis-server-6.2.6-v5-darwin-arm64",
        "Windows 11, amd64, redis-server-5.0.14.1-windows-amd64.exe",
    })
    void picksTheBundledResourceOfEachSupportedPlatformAndTheJarHasIt(String os, String arch, String resource) {
        assertThat(RedisBinary.bundledResourceName(os, arch)).contains(resource);
        assertThat(RedisBinary.class.getClassLoader().getResource(resource))
                .as("resource %s in embedded-redis", resource)
                .isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"FreeBSD, amd64", "Linux, riscv64", "Linux, arm", "Windows 11, aarch64", "SunOS, x86"})
    void bundlesNothingForOtherPlatforms(String os, String arch) {
        assertThat(RedisBinary.bundledResourceName(os, arch)).isEmpty();
    }

    @Test
    void findsTheFirstExecutableRedisServerInPathOrder() throws IOException {
        Path empty = Files.createDirectory(tempDir.resolve("empty"));
        Path first = fakeRedisServer(Files.createDirectory(tempDir.resolve("first")));
        fakeRedisServer(Files.createDirectory(tempDir.resolve("second")));

        String path = String.join(
                File.pathSeparator,
                "",
                empty.toString(),
                first.getParent().toString(),
                tempDir.resolve("second").toString());

        assertThat(RedisBinary.findOnPath(path, "Linux")).contains(first.toAbsolutePath());
    }

    @Test
    void skipsANonExecutableFileAndADirectoryNamedRedisServer() throws IOException {
        Path notExecutable = Files.createDirectory(tempDir.resolve("not-executable"));
        Files.writeString(notExecutable.resolve("redis-server"), "#!/bin/sh\n");
        Path directory = Files.createDirectory(tempDir.resolve("directory"));
        Files.createDirectory(directory.resolve("redis-server"));
        Path real = fakeRedisServer(Files.createDirectory(tempDir.resolve("real")));

        String path = String.join(File.pathSeparator, notExecutable.toString(), directory.toString());

        assertThat(RedisBinary.findOnPath(path, "Linux")).isEmpty();
        assertThat(RedisBinary.findOnPath(path + File.pathSeparator + real.getParent(), "Linux"))
                .contains(real.toAbsolutePath());
        assertThat(RedisBinary.findOnPath(null, "Linux")).isEmpty();
        assertThat(RedisBinary.findOnPath(" ", "Linux")).isEmpty();
    }

    @Test
    void pathFirstTakesTheInstalledRedisAndBundledOnlyIgnoresIt() throws IOException {
        Path installed = fakeRedisServer(Files.createDirectory(tempDir.resolve("usr-bin")));
        Path bundleDir = tempDir.resolve("bin");
        String path = installed.getParent().toString();

        RedisBinary fromPath = RedisBinary.resolve(BinaryPreference.PATH_FIRST, bundleDir, path, "Linux", "amd64");
        RedisBinary bundled = RedisBinary.resolve(BinaryPreference.BUNDLED_ONLY, bundleDir, path, "Linux", "amd64");

        assertThat(fromPath).isEqualTo(new RedisBinary(Source.PATH, installed.toAbsolutePath()));
        assertThat(fromPath.describe()).contains("PATH", installed.toString());
        assertThat(bundled.source()).isEqualTo(Source.BUNDLED);
        assertThat(bundled.path()).isEqualTo(bundleDir.resolve(LINUX_AMD64).toAbsolutePath());
        assertThat(bundled.path()).isExecutable().hasSize(resourceSize(LINUX_AMD64));
    }

    @Test
    void pathFirstFallsBackToTheBundledBinaryWhenNoneIsInstalled() {
        RedisBinary binary = RedisBinary.resolve(
                BinaryPreference.PATH_FIRST, tempDir.resolve("bin"), tempDir.toString(), "Linux", "amd64");

        assertThat(binary.source()).isEqualTo(Source.BUNDLED);
    }

    @Test
    void failsNamingThePlatformWhenNothingIsInstalledOrBundled() {
        assertThatThrownBy(() -> RedisBinary.resolve(
                        BinaryPreference.PATH_FIRST, tempDir.resolve("bin"), tempDir.toString(), "FreeBSD", "amd64"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("FreeBSD/amd64")
                .hasMessageContaining("redis-server");
        assertThat(tempDir.resolve("bin")).doesNotExist();
    }

    @Test
    void reusesAnExtractedCopyOfTheSameSizeAndReplacesADamagedOne() throws IOException {
        Path bundleDir = tempDir.resolve("bin");
        Path extracted = RedisBinary.extract(LINUX_AMD64, bundleDir);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(extracted, old);

        assertThat(RedisBinary.extract(LINUX_AMD64, bundleDir)).isEqualTo(extracted);
        assertThat(Files.getLastModifiedTime(extracted)).isEqualTo(old);

        Files.writeString(extracted, "truncated");
        assertThat(RedisBinary.extract(LINUX_AMD64, bundleDir)).isEqualTo(extracted);
        assertThat(extracted).isExecutable().hasSize(resourceSize(LINUX_AMD64));
        try (Stream<Path> files = Files.list(bundleDir)) {
            assertThat(files).containsExactly(extracted);
        }
    }

    private static Path fakeRedisServer(Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("redis-server"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static long resourceSize(String resource) throws IOException {
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
