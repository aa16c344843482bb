package io.pulseboard.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
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

    /**
     * Replaces {@code file} with {@code content}, owner-only and atomically: the bytes go to a temporary
     * file beside it that is restricted while still empty (POSIX {@code rw-------}, or an ACL granting
     * its owner alone on Windows), are flushed to disk and then renamed over the target. A secret in it
     * is never readable by others, not even for a moment, and a crash or a reader never sees half a
     * file: the old content or the new one.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the bytes to write
     * @throws IOException if it cannot be written or restricted; {@code file} then keeps what it held
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path part = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".part");
        try {
            if (!restrictToOwner(part)) {
                throw new IOException(
                        "the file system of " + part.getParent()
                                + " supports neither POSIX permissions nor ACLs, so a file cannot be kept from other users there");
            }
            try (FileChannel channel =
                    FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Restricts a file to its owner: POSIX {@code rw-------}, else (Windows' NTFS) an access-control
     * list with a single entry granting the owner read and write.
     *
     * @param path an existing file; never null
     * @return false if its file system has neither POSIX permissions nor ACLs (FAT, some network
     *     shares): nothing could be restricted, and the caller decides whether that is acceptable
     * @throws IOException if the permissions or the ACL cannot be set
     */
    public static boolean restrictToOwner(Path path) throws IOException {
        if (isPosix(path)) {
            Files.setPosixFilePermissions(path, FILE);
            return true;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            return false;
        }
        UserPrincipal owner = acl.getOwner();
        acl.setAcl(List.of(AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.of(
                        AclEntryPermission.READ_DATA,
                        AclEntryPermission.WRITE_DATA,
                        AclEntryPermission.APPEND_DATA,
                        AclEntryPermission.READ_ATTRIBUTES,
                        AclEntryPermission.WRITE_ATTRIBUTES,
                        AclEntryPermission.READ_NAMED_ATTRS,
                        AclEntryPermission.WRITE_NAMED_ATTRS,
                        AclEntryPermission.READ_ACL,
                        AclEntryPermission.WRITE_ACL,
                        AclEntryPermission.DELETE,
                        AclEntryPermission.SYNCHRONIZE))
                .build()));
        return true;
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
