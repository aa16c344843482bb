package io.pulseboard.stack.redis;

/** Which {@code redis-server} executable {@link RedisBinary#resolve} may choose. */
public enum BinaryPreference {
    /**
     * A {@code redis-server} found on the {@code PATH} (e.g. Debian's {@code redis-server} package, a
     * Homebrew install), else the binary bundled for this OS and architecture. The default: an installed
     * Redis gets the system's security updates.
     */
    PATH_FIRST,
    /** Always the bundled binary, whatever is installed: the same Redis version on every machine. */
    BUNDLED_ONLY
}
