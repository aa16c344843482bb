package io.pulseboard.config;

/**
 * A configuration value is missing or invalid. The message names the key, the source and the fix; the
 * value it quotes is shown with any password masked ({@link UriPasswords}), whoever built the message.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(UriPasswords.mask(message));
    }

    public ConfigException(String message, Throwable cause) {
        super(UriPasswords.mask(message), cause);
    }
}
