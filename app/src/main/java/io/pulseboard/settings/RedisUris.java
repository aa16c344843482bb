package io.pulseboard.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Checks on the Redis URI of a profile. Pure functions; thread-safe. */
public final class RedisUris {

    private static final Set<String> SCHEMES = Set.of("redis", "rediss");

    private RedisUris() {}

    /**
     * @param uri a Redis URI as typed; never null
     * @return why the URI cannot be used in a profile, or empty if it can
     */
    public static Optional<String> problem(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.trim());
        } catch (URISyntaxException e) {
            return Optional.of("Redis URI is not a valid URI (" + e.getReason() + "): use redis://host:6379");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return Optional.of("Redis URI must start with redis:// or rediss:// (TLS), e.g. redis://host:6379");
        }
        if (parsed.getHost() == null || parsed.getHost().isBlank()) {
            return Optional.of("Redis URI needs a host, e.g. redis://host:6379");
        }
        if (hasCredentials(uri)) {
            return Optional.of("Redis URI must not contain a user or password: profiles are saved in plain"
                    + " text (password-protected Redis is not supported yet)");
        }
        return Optional.empty();
    }

    /**
     * @param uri a Redis URI; never null
     * @return whether the URI carries a user-info part ({@code redis://user:secret@host}); Lettuce reads
     *     {@code redis://secret@host} as a password, so any user info counts
     */
    static boolean hasCredentials(String uri) {
        try {
            String userInfo = new URI(uri.trim()).getRawUserInfo();
            return userInfo != null && !userInfo.isEmpty();
        } catch (URISyntaxException e) {
            // Unparseable: be conservative, an '@' before the path may be a password.
            String afterScheme = uri.contains("://") ? uri.substring(uri.indexOf("://") + 3) : uri;
            int slash = afterScheme.indexOf('/');
            String authority = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
            return authority.contains("@");
        }
    }
}
