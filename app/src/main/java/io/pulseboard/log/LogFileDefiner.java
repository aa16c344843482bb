package io.pulseboard.log;

import ch.qos.logback.core.PropertyDefinerBase;
import io.pulseboard.stack.AppDirectories;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Gives {@code logback.xml} the log's path ({@link LogFile#current()}) and creates the file owner-only
 * first, so that the file appender opens a file that is already private. Logback calls it on the thread
 * that initialises logging, before any line is written; it must not log through SLF4J (logging is not
 * ready yet): a failure goes to logback's status messages, and the appender then reports the file it
 * cannot open.
 */
public final class LogFileDefiner extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        AppDirectories directories = AppDirectories.detect();
        Path file = LogFile.resolve(System.getenv(), directories);
        try {
            LogFile.prepare(file, directories);
        } catch (IOException | RuntimeException e) {
            addError("Cannot create the log " + file + " owner-only: " + e, e);
        }
        return file.toString();
    }
}
