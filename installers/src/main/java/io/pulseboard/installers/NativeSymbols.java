package io.pulseboard.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Strips the symbol tables from the Linux shared libraries the jars carry (DuckDB's and RocksDB's
 * ship unstripped: 72 and 15 MB, 58 and 13 MB stripped) with binutils' {@code strip --strip-unneeded},
 * which keeps the dynamic symbols that {@code System.load} and JNI need. Without binutils the
 * libraries stay as they are.
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

    @Override
    public byte[] apply(String entryName, byte[] data) throws IOException {
        String name = entryName.toLowerCase(Locale.ROOT);
        boolean sharedLibrary = name.endsWith(".so") || name.contains(".so_");
        if (strip.isEmpty() || !sharedLibrary) {
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
