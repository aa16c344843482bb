package io.pulseboard.stack;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Creates Pulseboard's directories and private files readable by their owner only ({@code rwx------}
 * and {@code rw-------}), whatever the process's umask: a permission given to {@link
 * Files#createDirectories(Path, java.nio.file.attribute.FileAttribute[])} is filtered by the umask, so
 * the permissions are set explicitly after each creation. On a file system without POSIX permissions
 * (Windows' NTFS, FAT) the entries are created as the file system makes them, where the user's profile
 * already keeps them private.
 *
 * <p>Stateless; thread-safe; blocking.
 */
public final class OwnerOnlyFiles {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /**
     * Creates {@code dir} and every missing parent, each owner-only. Directories that already exist keep
     * their permissions, except {@code dir} itself, which is made owner-only: it is Pulseboard's own.
     *
     * @param dir the directory; never null
     * @return {@code dir}
     * @throws IOException if a directory cannot be created or its permissions cannot be set
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
                // Created meanwhile by another thread or process: it is made owner-only all the same.
            }
            restrict(p, DIRECTORY);
        }
        restrict(absolute, DIRECTORY);
        return dir;
    }

    /**
     * Creates {@code file} empty and owner-only if it does not exist (its directory must exist), and
     * makes an existing regular file owner-only.
     *
     * @param file the file; never null
     * @return {@code file}
     * @throws IOException if it cannot be created or its permissions cannot be set
     */
    public static Path createFile(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return file; // a device (/dev/stdout) or a link the user chose: not ours to change
            }
        }
        restrict(file, FILE);
        return file;
    }

    /** @return whether {@code path}'s file system has POSIX permissions (Linux, macOS) */
    public static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
