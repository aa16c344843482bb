package io.pulseboard.probe;

import io.pulseboard.settings.ConnectionProfile;
import java.util.List;
import java.util.Map;

/**
 * Checks that a profile's Kafka (and Redis and PostgreSQL, if it names them) can be reached and authenticated
 * against, before the user commits to it. {@link LiveConnectionTester} talks to the real servers;
 * tests of the connect screen substitute a function.
 *
 * <p>{@link #test} blocks for up to several seconds: call it from a background thread, never the FX
 * thread. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConnectionTester {

    /** The SASL mechanisms Pulseboard builds a JAAS configuration for. */
    List<String> SASL_MECHANISMS = KafkaSecurityProperties.MECHANISMS;

    /**
     * Checks the profile's services. Never throws for a failed check: every failure, expected or not,
     * becomes a FAILED part with a message for the user.
     *
     * @param profile the profile to check; never null
     * @param password the SASL password; empty when the profile needs none; never null, never logged
     * @param postgresPassword the password of the profile's PostgreSQL user; empty when it has none;
     *     never null, never logged
     * @return the outcome; never null
     */
    ConnectionCheck test(ConnectionProfile profile, String password, String postgresPassword);

    /** As {@link #test(ConnectionProfile, String, String)} for a profile whose PostgreSQL needs no password. */
    default ConnectionCheck test(ConnectionProfile profile, String password) {
        return test(profile, password, "");
    }

    /**
     * The Kafka client properties that make a client connect the way the profile says: {@code
     * security.protocol}, and for SASL_SSL {@code sasl.mechanism} and {@code sasl.jaas.config} (PLAIN
     * or SCRAM login module, user name and password quoted and escaped). The composition root passes
     * them into the pipeline configuration as {@code pulseboard.kafka.client.*} overrides; the
     * connection test uses the same map.
     *
     * @param profile the profile; never null
     * @param password the SASL password; ignored unless the protocol is SASL_SSL; never null
     * @return the properties, without {@code bootstrap.servers}; contains the password for SASL_SSL:
     *     never log the values; never null
     * @throws IllegalArgumentException if SASL_SSL is chosen without a supported mechanism or a user
     */
    static Map<String, String> kafkaClientOverrides(ConnectionProfile profile, String password) {
        return KafkaSecurityProperties.of(profile, password);
    }
}
