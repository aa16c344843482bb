package io.pulseboard.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Strips the symbol tables from the Linux libraries and executables the jars carry (DuckDB's and
 * RocksDB's libraries ship unstripped: 72 and 15 MB, 58 and 13 MB stripped; embedded Redis's server
 * 9.7 MB, 2.3 MB stripped) with binutils' {@code strip --strip-unneeded}, which keeps the dynamic
 * symbols that {@code System.load} and JNI need. Without binutils they stay as they are.
 */
final class NativeSymbols implements JarRewriter.Transform {

    private final Optional<Path> strip;
    private final Path scratch;

    NativeSymbols(Optional<Path> strip, Path scratch) {
        this.strip = strip;
        this.scratch = scratch;
    }

    /** @return binutils' strip when this is Linux and it is installed */
    static Optional<Path> findStrip(Platform platform) {
        Path strip = Path.of("/usr/bin/strip");
        return platform.os() == Platform.Os.LINUX && Files.isExecutable(strip) ? Optional.of(strip) : Optional.empty();
    }

    /** @return true for an ELF file: a Linux shared library or executable (embedded Redis's server) */
    static boolean isElf(byte[] data) {
        return data.length > 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    @Override
    public byte[] apply(String entryName, byte[] data) throws IOException {
        if (strip.isEmpty() || !isElf(data)) {
            return data;
        }
        Path file = Files.createTempFile(scratch, "native-", ".so");
        try {
            Files.write(file, data);
            Process process = new ProcessBuilder(strip.get().toString(), "--strip-unneeded", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new PackagingException("strip failed on " + entryName + ": " + output.strip());
            }
            return Files.readAllBytes(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while stripping " + entryName, e);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
