package io.pulseboard.log;

import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Pulseboard writes its log: {@value #ENV} if set, else {@value #FILE_NAME} in the OS's log
 * directory ({@link AppDirectories#logDir()}: {@code ~/.local/state/pulseboard} on Linux, {@code
 * ~/Library/Logs/Pulseboard} on macOS, {@code %LOCALAPPDATA%\Pulseboard\Logs} on Windows). The log names
 * hosts, topics and failures of this user's work, so it is kept owner-only: the default directory is made
 * {@code rwx------} and the file {@code rw-------} before logback opens it, whatever the umask ({@link
 * LogFileDefiner} does that while logback reads {@code logback.xml}, before the first line is written).
 *
 * <p>Stateless; thread-safe.
 */
public final class LogFile {
    /** The environment variable that moves the log; it wins over the default. */
    public static final String ENV = "PULSEBOARD_LOG";

    /** The log's name in the default directory. */
    public static final String FILE_NAME = "pulseboard.log";

    private LogFile() {}

    /** @return the log of this process, from {@code System.getenv()} and {@link AppDirectories#detect()} */
    public static Path current() {
        return resolve(System.getenv(), AppDirectories.detect());
    }

    /**
     * @param env environment variables; never null
     * @param directories the OS directories; never null
     * @return {@value #ENV} when set and not blank, else {@value #FILE_NAME} in {@link
     *     AppDirectories#logDir()}; absolute
     */
    public static Path resolve(Map<String, String> env, AppDirectories directories) {
        String chosen = Objects.requireNonNull(env, "env").get(ENV);
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen.strip()).toAbsolutePath();
        }
        return directories.logDir().resolve(FILE_NAME).toAbsolutePath();
    }

    /**
     * Creates the log owner-only before it is first written. In the default directory, the directory and
     * its missing parents are created {@code rwx------} and an existing log is made {@code rw-------}; a
     * file the user chose with {@value #ENV} is created {@code rw-------} if missing (in a directory that
     * must exist) and otherwise left as it is.
     *
     * @param file the log, from {@link #resolve}
     * @param directories the OS directories, to tell the default from a chosen file
     * @throws IOException if the directory or the file cannot be created or restricted
     */
    public static void prepare(Path file, AppDirectories directories) throws IOException {
        boolean isDefault = file.equals(directories.logDir().resolve(FILE_NAME).toAbsolutePath());
        if (isDefault) {
            OwnerOnlyFiles.createDirectories(file.getParent());
            OwnerOnlyFiles.createFile(file);
        } else if (!file.toFile().exists()) {
            OwnerOnlyFiles.createFile(file);
        }
    }
}
