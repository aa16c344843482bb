package io.pulseboard.config;

/** A configuration value is missing or invalid. The message names the key, the source and the fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
