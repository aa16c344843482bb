package io.pulseboard.installers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Copies a jar without some of its entries. */
final class JarRewriter {

    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dll", ".dylib", ".jnilib", ".a", ".exe");

    private JarRewriter() {}

    /**
     * @return true for a native library or executable inside a jar: the files that exist once per
     *     platform ({@code .so}, {@code .dll}, {@code .dylib}, DuckDB's {@code libduckdb_java.so_linux_amd64},
     *     embedded-redis's {@code redis-server-6.2.6-v5-linux-amd64})
     */
    static boolean isNative(String entryName) {
        if (entryName.endsWith("/")) {
            return false;
        }
        String name = entryName.substring(entryName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return NATIVE_SUFFIXES.stream().anyMatch(name::endsWith)
                || name.contains(".so_")
                || name.startsWith("redis-server-");
    }

    /**
     * Keeps, of the native libraries, only those that load on {@code platform}; everything else stays.
     *
     * @return the filter for {@link #copy}
     */
    static Predicate<String> nativesOf(Platform platform) {
        return entry ->
                !isNative(entry) || Platform.named(entry).map(platform::runs).orElse(true);
    }

    /** @return true for a jar signed with jarsigner (a signature file in META-INF) */
    static boolean isSigned(Path jar) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile())) {
            return in.stream()
                    .map(ZipEntry::getName)
                    .anyMatch(name -> name.startsWith("META-INF/")
                            && name.indexOf('/', "META-INF/".length()) < 0
                            && name.toUpperCase(Locale.ROOT).endsWith(".SF"));
        }
    }

    /** Drops module descriptors, so that jdeps reads the jar as the class path does (not as a module). */
    static boolean notModuleInfo(String entryName) {
        return !entryName.equals("module-info.class") && !entryName.endsWith("/module-info.class");
    }

    /**
     * Writes {@code target}: the entries of {@code source} that {@code keep} accepts, in their order,
     * each compressed as before.
     *
     * @return the names of the entries left out
     * @throws IOException if either file cannot be read or written
     */
    static List<String> copy(Path source, Path target, Predicate<String> keep) throws IOException {
        return copy(source, target, keep, (name, data) -> data);
    }

    /** What {@link #copy} writes for one entry instead of its bytes. */
    @FunctionalInterface
    interface Transform {
        byte[] apply(String entryName, byte[] data) throws IOException;
    }

    /**
     * Like {@link #copy(Path, Path, Predicate)}, each kept native library passed through {@code
     * transform} (its bytes in memory: the largest, DuckDB's, is 72 MB).
     */
    static List<String> copy(Path source, Path target, Predicate<String> keep, Transform transform) throws IOException {
        if (isSigned(source)) {
            // Removing or changing an entry would break the signature of a signed jar: kept whole.
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return List.of();
        }
        List<String> dropped = new ArrayList<>();
        try (ZipFile in = new ZipFile(source.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            byte[] buffer = new byte[64 * 1024];
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!keep.test(entry.getName())) {
                    dropped.add(entry.getName());
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                if (isNative(entry.getName())) {
                    byte[] data;
                    try (InputStream original = in.getInputStream(entry)) {
                        data = transform.apply(entry.getName(), original.readAllBytes());
                    }
                    copy.setMethod(ZipEntry.DEFLATED);
                    out.putNextEntry(copy);
                    out.write(data);
                    out.closeEntry();
                    continue;
                }
                copy.setMethod(entry.getMethod());
                if (entry.getMethod() == ZipEntry.STORED) {
                    copy.setSize(entry.getSize());
                    copy.setCompressedSize(entry.getCompressedSize());
                    copy.setCrc(entry.getCrc());
                }
                out.putNextEntry(copy);
                try (InputStream data = in.getInputStream(entry)) {
                    int read;
                    while ((read = data.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                    }
                }
                out.closeEntry();
            }
        }
        return dropped;
    }
}
