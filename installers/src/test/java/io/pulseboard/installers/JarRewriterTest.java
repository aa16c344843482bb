package io.pulseboard.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarRewriterTest {

    @TempDir
    Path dir;

    @Test
    void copiesEveryKeptEntryWithItsBytesAndMethodAndPassesNativesThroughTheTransform() throws IOException {
        Path source = dir.resolve("in.jar");
        byte[] stored = "stored bytes".getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(source);
                ZipOutputStream out = new ZipOutputStream(file)) {
            put(out, "module-info.class", "module".getBytes(StandardCharsets.UTF_8));
            put(out, "org/x/A.class", "class A".getBytes(StandardCharsets.UTF_8));
            ZipEntry plain = new ZipEntry("org/x/stored.bin");
            plain.setMethod(ZipEntry.STORED);
            plain.setSize(stored.length);
            CRC32 crc = new CRC32();
            crc.update(stored);
            plain.setCrc(crc.getValue());
            out.putNextEntry(plain);
            out.write(stored);
            out.closeEntry();
            put(out, "librocksdbjni-linux64.so", "linux library".getBytes(StandardCharsets.UTF_8));
            put(out, "librocksdbjni-win64.dll", "windows library".getBytes(StandardCharsets.UTF_8));
        }
        Path target = dir.resolve("out.jar");

        List<String> dropped = JarRewriter.copy(
                source,
                target,
                JarRewriter.nativesOf(new Platform(Platform.Os.LINUX, Platform.Arch.X64, false)),
                (name, data) ->
                        ("stripped " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

        assertThat(dropped).containsExactly("librocksdbjni-win64.dll");
        try (ZipFile out = new ZipFile(target.toFile())) {
            assertThat(Collections.list(out.entries()).stream().map(ZipEntry::getName))
                    .containsExactly(
                            "module-info.class", "org/x/A.class", "org/x/stored.bin", "librocksdbjni-linux64.so");
            assertThat(out.getEntry("org/x/stored.bin").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(out.getInputStream(out.getEntry("org/x/stored.bin")).readAllBytes())
                    .isEqualTo(stored);
            assertThat(new String(
                            out.getInputStream(out.getEntry("librocksdbjni-linux64.so"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("stripped linux library");
        }

        Path forJdeps = dir.resolve("jdeps.jar");
        assertThat(JarRewriter.copy(target, forJdeps, JarRewriter::notModuleInfo))
                .containsExactly("module-info.class");
    }

    @Test
    void aSignedJarIsKeptWholeForItsSignatureStaysValid() throws IOException {
        Path source = dir.resolve("signed.jar");
        try (OutputStream file = Files.newOutputStream(source);
                ZipOutputStream out = new ZipOutputStream(file)) {
            put(out, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "META-INF/SIGNER.SF", "Signature-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            put(out, "librocksdbjni-win64.dll", "windows library".getBytes(StandardCharsets.UTF_8));
        }
        Path target = dir.resolve("copy.jar");

        List<String> dropped = JarRewriter.copy(
                source, target, JarRewriter.nativesOf(new Platform(Platform.Os.LINUX, Platform.Arch.X64, false)));

        assertThat(dropped).isEmpty();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
        out.closeEntry();
    }
}
