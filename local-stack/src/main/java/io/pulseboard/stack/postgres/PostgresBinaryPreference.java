package io.pulseboard.stack.postgres;

/** Which PostgreSQL server binaries ({@code initdb} and {@code postgres}) {@link PostgresBinaries#resolve} may choose. */
public enum PostgresBinaryPreference {
    /**
     * Debian's server binaries ({@code /usr/lib/postgresql/<N>/bin}, the highest {@code N}) when the
     * {@code postgresql} package is installed, else an {@code initdb} and a {@code postgres} from one
     * directory of the {@code PATH} (a Homebrew or source install), else the bundled PostgreSQL. The
     * default: an installed server gets the system's security updates.
     */
    INSTALLED_FIRST,
    /** Always the bundled PostgreSQL ({@value PostgresBinaries#BUNDLED_VERSION}), whatever is installed. */
    BUNDLED_ONLY
}
