package io.pulseboard.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * A saved remote connection: where Kafka and Redis are and how to authenticate. The password is
 * not part of a profile: it lives in a secret store, looked up by profile name.
 *
 * @param name unique display name
 * @param bootstrapServers Kafka bootstrap servers, host:port[,host:port]
 * @param securityProtocol PLAINTEXT, SSL or SASL_SSL
 * @param saslMechanism e.g. PLAIN or SCRAM-SHA-512; empty unless SASL_SSL
 * @param username SASL user; empty unless SASL_SSL
 * @param redisUri optional Redis for live metrics
 * @param postgresUrl optional PostgreSQL of the reference data, {@code jdbc:postgresql://host:port/db}
 * @param postgresUser its user; present with {@code postgresUrl}. The password is in the secret store
 *     under {@link #postgresSecretName()}
 */
public record ConnectionProfile(
        String name,
        String bootstrapServers,
        SecurityProtocol securityProtocol,
        Optional<String> saslMechanism,
        Optional<String> username,
        Optional<String> redisUri,
        Optional<String> postgresUrl,
        Optional<String> postgresUser) {

    public enum SecurityProtocol {
        PLAINTEXT,
        SSL,
        SASL_SSL
    }

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(saslMechanism, "saslMechanism");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(postgresUser, "postgresUser");
    }

    /** A profile without PostgreSQL. */
    public ConnectionProfile(
            String name,
            String bootstrapServers,
            SecurityProtocol securityProtocol,
            Optional<String> saslMechanism,
            Optional<String> username,
            Optional<String> redisUri) {
        this(
                name,
                bootstrapServers,
                securityProtocol,
                saslMechanism,
                username,
                redisUri,
                Optional.empty(),
                Optional.empty());
    }

    /** @return the secret store's name for this profile's PostgreSQL password */
    public String postgresSecretName() {
        return name + " (PostgreSQL)";
    }
}
