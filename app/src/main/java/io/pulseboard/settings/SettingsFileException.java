package io.pulseboard.settings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A settings file of the connect screen ({@code profiles.json}, {@code secrets.properties}) could
 * not be read or written. The message names the file and says how to fix it; it never contains a
 * secret.
 */
public final class SettingsFileException extends RuntimeException {

    private final transient Path file;

    /**
     * @param file the file concerned; never null
     * @param message what went wrong and the fix; never null
     * @param cause the underlying error; may be null
     */
    public SettingsFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** @return the file that could not be read or written; never null */
    public Path file() {
        return file;
    }
}
