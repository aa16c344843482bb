package io.pulseboard.settings;

import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replacing a file so that a reader sees either the old or the new content, never half of it. */
final class AtomicFiles {

    /** Prepares a freshly created, still empty temporary file before content is written to it. */
    @FunctionalInterface
    interface TempFilePreparer {
        void prepare(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code content} to a temporary file next to {@code target} and moves it over the target
     * (atomically where the file system supports it).
     *
     * @param preparer runs on the empty temporary file first (e.g. to restrict its permissions)
     */
    static void replace(Path target, byte[] content, TempFilePreparer preparer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        OwnerOnlyFiles.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            preparer.prepare(temp);
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some network and FAT file systems: a plain replace is the best they offer.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
