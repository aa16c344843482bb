package io.pulseboard.ui.connect;

import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import io.pulseboard.settings.RedisUris;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The connect form's values as typed, before they are a {@link ConnectionProfile}: validates them and
 * builds the profile. Null values count as empty. Immutable; thread-safe.
 */
record ProfileDraft(
        String name,
        String bootstrapServers,
        SecurityProtocol securityProtocol,
        String saslMechanism,
        String username,
        String redisUri,
        String postgresUrl,
        String postgresUser) {

    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";
    private static final Pattern HOST_PORT =
            Pattern.compile("(" + LABEL + "(\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");

    ProfileDraft {
        name = trim(name);
        bootstrapServers = trim(bootstrapServers);
        saslMechanism = trim(saslMechanism);
        username = trim(username);
        redisUri = trim(redisUri);
        postgresUrl = trim(postgresUrl);
        postgresUser = trim(postgresUser);
    }

    /** A draft without PostgreSQL. */
    ProfileDraft(
            String name,
            String bootstrapServers,
            SecurityProtocol securityProtocol,
            String saslMechanism,
            String username,
            String redisUri) {
        this(name, bootstrapServers, securityProtocol, saslMechanism, username, redisUri, "", "");
    }

    /** @return the form values of a saved profile */
    static ProfileDraft of(ConnectionProfile profile) {
        return new ProfileDraft(
                profile.name(),
                profile.bootstrapServers(),
                profile.securityProtocol(),
                profile.saslMechanism().orElse(""),
                profile.username().orElse(""),
                profile.redisUri().orElse(""),
                profile.postgresUrl().orElse(""),
                profile.postgresUser().orElse(""));
    }

    /** @return a copy with another name */
    ProfileDraft withName(String newName) {
        return new ProfileDraft(
                newName,
                bootstrapServers,
                securityProtocol,
                saslMechanism,
                username,
                redisUri,
                postgresUrl,
                postgresUser);
    }

    /** @return whether the SASL fields (mechanism, user, password) apply */
    boolean usesSasl() {
        return securityProtocol == SecurityProtocol.SASL_SSL;
    }

    /** @return what must be fixed before the draft is a usable profile, one sentence each; empty if valid */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add("Enter a profile name.");
        }
        bootstrapProblem(bootstrapServers).ifPresent(problems::add);
        if (securityProtocol == null) {
            problems.add("Choose a security protocol.");
        }
        if (usesSasl()) {
            if (!ConnectionTester.SASL_MECHANISMS.contains(saslMechanism)) {
                problems.add("SASL_SSL needs a SASL mechanism: one of "
                        + String.join(", ", ConnectionTester.SASL_MECHANISMS) + ".");
            }
            if (username.isEmpty()) {
                problems.add("SASL_SSL needs a user name.");
            }
        }
        if (!redisUri.isEmpty()) {
            RedisUris.problem(redisUri).map(p -> p + ".").ifPresent(problems::add);
        }
        if (!postgresUrl.isEmpty()) {
            if (!postgresUrl.startsWith("jdbc:postgresql://")) {
                problems.add("The PostgreSQL URL starts with jdbc:postgresql://, e.g."
                        + " jdbc:postgresql://db.example.com:5432/pulseboard.");
            } else if (postgresUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
                problems.add("Put the PostgreSQL password in its own field, not in the URL.");
            }
            if (postgresUser.isEmpty()) {
                problems.add("Enter the PostgreSQL user.");
            }
        }
        return List.copyOf(problems);
    }

    /**
     * @return the profile; mechanism and user are kept only for SASL_SSL
     * @throws IllegalStateException if {@link #problems()} is not empty
     */
    ConnectionProfile toProfile() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join(" ", problems));
        }
        return new ConnectionProfile(
                name,
                String.join(",", List.of(bootstrapServers.split("\\s*,\\s*"))),
                securityProtocol,
                usesSasl() ? Optional.of(saslMechanism) : Optional.empty(),
                usesSasl() ? Optional.of(username) : Optional.empty(),
                redisUri.isEmpty() ? Optional.empty() : Optional.of(redisUri),
                postgresUrl.isEmpty() ? Optional.empty() : Optional.of(postgresUrl),
                postgresUrl.isEmpty() ? Optional.empty() : Optional.of(postgresUser));
    }

    private static Optional<String> bootstrapProblem(String servers) {
        if (servers.isEmpty()) {
            return Optional.of("Enter the bootstrap servers as host:port[,host:port].");
        }
        for (String entry : servers.split(",", -1)) {
            var matcher = HOST_PORT.matcher(entry.trim());
            if (!matcher.matches()) {
                return Optional.of(
                        "Bootstrap server '" + entry.trim() + "' is not host:port; use host:port[,host:port].");
            }
            int port = Integer.parseInt(matcher.group(matcher.groupCount()));
            if (port < 1 || port > 65535) {
                return Optional.of("Bootstrap server '" + entry.trim() + "' has port " + port + ": use 1-65535.");
            }
        }
        return Optional.empty();
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
