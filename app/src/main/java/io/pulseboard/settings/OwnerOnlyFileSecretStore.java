package io.pulseboard.settings;

import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords in {@code <configDir>/secrets.properties}, a Java properties file (UTF-8, key = profile
 * name) that only its owner may read or write.
 *
 * <p>Protection, by file system:
 *
 * <ul>
 *   <li>POSIX (Linux, macOS): permissions {@code rw-------}, set on the temporary file before any
 *       secret is written to it and kept by the atomic move. A file found readable by group or others
 *       (e.g. after a copy) is tightened on the next read, with a warning that names no secret.
 *   <li>ACL file systems (Windows NTFS): the access-control list is replaced by a single entry
 *       granting the owner read/write access, before any secret is written.
 *   <li>Neither (e.g. FAT, some network shares): the file cannot be protected by the file system; it
 *       is still written, and a warning is logged once per store. The user's account separation is
 *       then the only protection; an OS keychain {@link SecretStore} is the remedy.
 * </ul>
 *
 * <p>The passwords are not encrypted: anyone who runs as the user (or as root) can read them, as with
 * {@code ~/.pgpass} or {@code ~/.netrc}. Thread-safe (all methods lock this object); blocking.
 */
public final class OwnerOnlyFileSecretStore implements SecretStore {
    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFileSecretStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private boolean warnedUnprotected;

    /**
     * @param configDir the settings directory (see {@link SettingsDirectory}); created on the
     *     first write; never null
     */
    public OwnerOnlyFileSecretStore(Path configDir) {
        this.file = Objects.requireNonNull(configDir, "configDir").resolve("secrets.properties");
    }

    /** @return the file the passwords are kept in; never null */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> password(String profileName) {
        Objects.requireNonNull(profileName, "profileName");
        return Optional.ofNullable(read().getProperty(profileName));
    }

    @Override
    public synchronized void putPassword(String profileName, String password) {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(password, "password");
        Properties secrets = read();
        secrets.setProperty(profileName, password);
        write(secrets);
        log.debug("Stored the password of profile '{}' in {}", profileName, file);
    }

    @Override
    public synchronized void deletePassword(String profileName) {
        Objects.requireNonNull(profileName, "profileName");
        Properties secrets = read();
        if (secrets.remove(profileName) != null) {
            write(secrets);
            log.debug("Deleted the password of profile '{}' from {}", profileName, file);
        }
    }

    private Properties read() {
        Properties secrets = new Properties();
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            tightenIfLoose();
            secrets.load(new StringReader(content));
            return secrets;
        } catch (NoSuchFileException e) {
            return secrets;
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape. Neither message contains a secret.
            throw new SettingsFileException(
                    file,
                    "Cannot read the stored passwords in " + file + ": "
                            + e.getClass().getSimpleName() + " " + e.getMessage()
                            + ". Check its permissions, or delete it and enter the passwords again.",
                    e);
        }
    }

    private void write(Properties secrets) {
        StringWriter content = new StringWriter();
        try {
            secrets.store(content, "Pulseboard connection passwords by profile name. Owner-only: do not share.");
            AtomicFiles.replace(file, content.toString().getBytes(StandardCharsets.UTF_8), this::restrict);
        } catch (IOException e) {
            throw new SettingsFileException(
                    file,
                    "Cannot store passwords in " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage()
                            + ". Check that the directory is writable and the disk is not full.",
                    e);
        }
    }

    /** Restricts a file to its owner; runs on the empty temporary file, before any secret is in it. */
    private void restrict(Path path) throws IOException {
        if (!OwnerOnlyFiles.restrictToOwner(path) && !warnedUnprotected) {
            warnedUnprotected = true;
            log.warn(
                    "The file system of {} supports neither POSIX permissions nor ACLs: stored passwords are"
                            + " protected only by access to this directory",
                    path.getParent());
        }
    }

    private void tightenIfLoose() throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> current = posix.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(current)) {
            log.warn(
                    "{} was accessible to other users ({}); restricting it to rw-------",
                    file,
                    PosixFilePermissions.toString(current));
            posix.setPermissions(OWNER_ONLY);
        }
    }
}
