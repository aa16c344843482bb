package io.pulseboard.stack.redis;

import io.pulseboard.stack.ChildProcessControl;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that receives a child server's standard output and error, so that no thread of this JVM
 * has to drain them, and whose tail explains a failed start. Immutable; the caller serialises launches.
 */
final class ServerLog {
    private static final Logger log = LoggerFactory.getLogger(ServerLog.class);

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    /** @return the redirect for a launch: a fresh file, or appended to the runs before */
    Redirect redirect(boolean append) {
        return append ? Redirect.appendTo(file.toFile()) : Redirect.to(file.toFile());
    }

    /** @return the current size in bytes, where the next launch's output will start; 0 if unknown */
    long size() {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            log.debug("Cannot read the size of {}; a failure would report its whole tail", file, e);
            return 0;
        }
    }

    /**
     * @param fromOffset where the launch of interest began writing, from {@link #size()}
     * @return at most the last 4 KiB written since {@code fromOffset}, as a suffix for an error message
     */
    String tailSince(long fromOffset) {
        return ChildProcessControl.logTail(file, fromOffset, "; " + file + " is empty");
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
