package io.pulseboard.stack.postgres;

import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * As root a cluster lives apart from its configured data directory ({@link PostgresLayout#forRoot}),
 * so deleting that directory (a test's temporary one, a user starting over) would leave the cluster
 * behind for good, 40 MB each. Each such cluster's base directory therefore records its configured
 * directory in {@value #OWNER_FILE}; a start as root deletes the clusters whose configured directory is
 * gone and in which no process works. They cannot be used anyway: the password is in the configured
 * directory. A base without the record (made by another program, or by hand) is left alone.
 *
 * <p>Stateless; blocking; called with the life-cycle lock of one {@link PostgresServerProcess} held,
 * while other processes may start clusters beside it (a cluster being made has its configured
 * directory already, so it is never taken for abandoned).
 */
final class AbandonedClusters {
    /** The file in a base directory that names the configured data directory it belongs to. */
    static final String OWNER_FILE = "data-dir";

    private static final Logger log = LoggerFactory.getLogger(AbandonedClusters.class);
    private static final Pattern BASE_NAME = Pattern.compile("postgres-[0-9a-f]{12}");

    private AbandonedClusters() {}

    /** Records in the layout's base directory which configured data directory it belongs to. */
    static void recordOwner(PostgresLayout layout) throws IOException {
        OwnerOnlyFiles.write(
                layout.baseDir().resolve(OWNER_FILE),
                layout.dataDir().toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes the base directories under {@code rootBase} whose recorded data directory no longer exists
     * and whose cluster no process works in; never {@code keep}. What cannot be read or deleted is
     * logged and left.
     *
     * @return the base directories deleted
     */
    static List<Path> deleteAbandoned(Path rootBase, Path keep) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(rootBase)) {
            return deleted;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(rootBase)) {
            for (Path base : entries) {
                if (!BASE_NAME.matcher(base.getFileName().toString()).matches() || base.equals(keep)) {
                    continue;
                }
                Optional<Path> owner = owner(base);
                if (owner.isEmpty() || Files.exists(owner.get())) {
                    continue;
                }
                List<ProcessHandle> working = ClusterProcesses.in(base.resolve("data"));
                if (!working.isEmpty()) {
                    log.warn(
                            "Keeping the PostgreSQL cluster in {}: its data directory {} is gone, but processes {} still"
                                    + " work in it",
                            base,
                            owner.get(),
                            working.stream().map(ProcessHandle::pid).toList());
                    continue;
                }
                log.info("Deleting the PostgreSQL cluster in {}: its data directory {} is gone", base, owner.get());
                BundledPostgres.deleteQuietly(base);
                deleted.add(base);
            }
        } catch (IOException e) {
            log.warn("Cannot look for abandoned PostgreSQL clusters in {}", rootBase, e);
        }
        return deleted;
    }

    private static Optional<Path> owner(Path base) {
        try {
            return Optional.of(Path.of(Files.readString(base.resolve(OWNER_FILE), StandardCharsets.UTF_8)
                    .strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | InvalidPathException e) {
            log.debug("Cannot read {}; the cluster beside it is left alone", base.resolve(OWNER_FILE), e);
            return Optional.empty();
        }
    }
}
