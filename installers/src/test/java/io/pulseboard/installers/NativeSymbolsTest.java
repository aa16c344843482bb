package io.pulseboard.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSymbolsTest {

    @TempDir
    Path dir;

    @Test
    void recognisesElfFilesByTheirMagicNumber() {
        assertThat(NativeSymbols.isElf(new byte[] {0x7f, 'E', 'L', 'F', 2})).isTrue();
        assertThat(NativeSymbols.isElf("MZ windows".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(NativeSymbols.isElf(new byte[] {0x7f, 'E'})).isFalse();
    }

    @Test
    void leavesEverythingAsItIsWithoutBinutils() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1};

        assertThat(new NativeSymbols(Optional.empty(), dir).apply("librocksdbjni-linux64.so", elf))
                .isSameAs(elf);
    }

    @Test
    void stripsARealLibraryOfThisMachineAndItStaysAnElfFile() throws Exception {
        Optional<Path> strip = NativeSymbols.findStrip(Platform.current());
        Path libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                strip.isPresent() && Files.isRegularFile(libjvm), "needs Linux, binutils and a libjvm.so");
        byte[] original = Files.readAllBytes(libjvm);

        byte[] stripped = new NativeSymbols(strip, dir).apply("libjvm.so", original);

        assertThat(NativeSymbols.isElf(stripped)).isTrue();
        assertThat(stripped.length).isLessThanOrEqualTo(original.length);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no scratch file left").isEmpty();
        }
    }
}
