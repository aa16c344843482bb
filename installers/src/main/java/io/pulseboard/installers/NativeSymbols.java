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
        Path output = Files.createTempFile(scratch, "strip-", ".txt");
        try {
            Files.write(file, data);
            // Output to a file, so that the time limit holds even if strip hangs with its pipe open.
            Process process = new ProcessBuilder(strip.get().toString(), "--strip-unneeded", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new PackagingException("strip did not finish within 2 minutes on " + entryName);
            }
            if (process.exitValue() != 0) {
                // A library of a processor this strip does not know: bundled as it is, said so.
                System.out.println("  kept " + entryName + " unstripped: "
                        + Files.readString(output).strip());
                return data;
            }
            return Files.readAllBytes(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while stripping " + entryName, e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(output);
        }
    }
}
