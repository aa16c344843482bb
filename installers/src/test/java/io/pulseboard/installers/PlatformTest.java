package io.pulseboard.installers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.installers.Platform.Arch;
import io.pulseboard.installers.Platform.Os;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class PlatformTest {

    private static final Platform LINUX_X64 = new Platform(Os.LINUX, Arch.X64, false);

    /** Native entries of the app's real dependency jars, as they name their platforms. */
    private static final List<String> LINUX_X64_LIBRARIES = List.of(
            "librocksdbjni-linux64.so",
            "libduckdb_java.so_linux_amd64",
            "redis-server-6.2.6-v5-linux-amd64",
            "net/jpountz/util/linux/amd64/liblz4-java.so",
            "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so",
            "linux/amd64/libzstd-jni-1.5.7-17.so");

    private static final List<String> OTHER_LIBRARIES = List.of(
            "librocksdbjni-linux64-musl.so",
            "librocksdbjni-linux32.so",
            "librocksdbjni-linux-aarch64.so",
            "librocksdbjni-osx-arm64.jnilib",
            "librocksdbjni-win64.dll",
            "libduckdb_java.so_macos_arm64",
            "libduckdb_java.so_windows_amd64",
            "libduckdb_java.so_linux_arm64",
            "redis-server-5.0.14.1-windows-amd64.exe",
            "redis-server-6.2.6-v5-darwin-arm64",
            "redis-server-6.2.7-linux-386",
            "net/jpountz/util/darwin/x86_64/liblz4-java.dylib",
            "net/jpountz/util/linux/riscv64/liblz4-java.so",
            "org/xerial/snappy/native/Linux/android-aarch64/libsnappyjava.so",
            "org/xerial/snappy/native/Linux/armv7/libsnappyjava.so",
            "org/xerial/snappy/native/Mac/x86_64/libsnappyjava.dylib",
            "org/xerial/snappy/native/Windows/x86/snappyjava.dll",
            "org/xerial/snappy/native/AIX/ppc64/libsnappyjava.a",
            "org/xerial/snappy/native/FreeBSD/x86_64/libsnappyjava.so",
            "linux/mips64/libzstd-jni-1.5.7-17.so",
            "darwin/aarch64/libzstd-jni-1.5.7-17.dylib");

    @Test
    void keepsExactlyTheLinuxX64LibrariesOfTheAppsJars() {
        Predicate<String> keep = JarRewriter.nativesOf(LINUX_X64);

        assertThat(LINUX_X64_LIBRARIES).allMatch(keep);
        assertThat(OTHER_LIBRARIES).noneMatch(keep);
    }

    @Test
    void keepsWhatNamesNoPlatformAndEveryClass() {
        Predicate<String> keep = JarRewriter.nativesOf(LINUX_X64);

        // JavaFX's platform jars carry unnamed libraries; classes and resources are never natives.
        assertThat(List.of(
                        "libglass.so",
                        "libprism_sw.so",
                        "org/xerial/snappy/native/README",
                        "com/sun/jna/win32/W32APIOptions.class",
                        "org/rocksdb/util/Environment.class"))
                .allMatch(keep);
    }

    @Test
    void readsTheMacOsAndWindowsNamesForThosePlatforms() {
        Platform macArm = new Platform(Os.MACOS, Arch.ARM64, false);
        Platform windows = new Platform(Os.WINDOWS, Arch.X64, false);

        assertThat(JarRewriter.nativesOf(macArm))
                .accepts("librocksdbjni-osx-arm64.jnilib", "libduckdb_java.so_macos_arm64")
                .rejects("librocksdbjni-osx-x86_64.jnilib", "librocksdbjni-linux64.so");
        assertThat(JarRewriter.nativesOf(windows))
                .accepts("librocksdbjni-win64.dll", "redis-server-5.0.14.1-windows-amd64.exe")
                .rejects("org/xerial/snappy/native/Windows/x86/snappyjava.dll", "libduckdb_java.so_linux_amd64");
        assertThat(Platform.named("libduckdb_java.so_osx_universal")).contains(new Platform(Os.MACOS, Arch.ANY, false));
    }

    @Test
    void theJpackageVersionIsNumbersOnly() {
        assertThat(Packager.numericVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
        assertThat(Packager.numericVersion("2.3")).isEqualTo("2.3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Packager.numericVersion("next"))
                .hasMessageContaining("'next'")
                .hasMessageContaining("1.2.3");
    }
}
