package io.pulseboard.probe;

import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** Builds the Kafka client security properties of a profile. Pure functions; thread-safe. */
final class KafkaSecurityProperties {

    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private KafkaSecurityProperties() {}

    static Map<String, String> of(ConnectionProfile profile, String password) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(password, "password");
        Map<String, String> props = new LinkedHashMap<>();
        props.put(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                profile.securityProtocol().name());
        if (profile.securityProtocol() == SecurityProtocol.SASL_SSL) {
            String mechanism = profile.saslMechanism()
                    .filter(MECHANISMS::contains)
                    .orElseThrow(() -> new IllegalArgumentException("Profile '" + profile.name()
                            + "' uses SASL_SSL: choose a SASL mechanism, one of " + MECHANISMS));
            String user = profile.username()
                    .filter(u -> !u.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Profile '" + profile.name() + "' uses SASL_SSL: enter a user name"));
            props.put(SaslConfigs.SASL_MECHANISM, mechanism);
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(mechanism, user, password));
        }
        return Map.copyOf(props);
    }

    /** @return e.g. {@code org...PlainLoginModule required username="u" password="p";} */
    static String jaasConfig(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? PLAIN_MODULE : SCRAM_MODULE;
        return module + " required username=" + quote(user) + " password=" + quote(password) + ";";
    }

    /**
     * Quotes a value for Kafka's JAAS parser ({@code JaasConfig}, a {@link java.io.StreamTokenizer}
     * with {@code "} as quote character): backslash and quote are escaped, and line breaks, which
     * would end a quoted token, become {@code \n} and {@code \r} escapes that the tokenizer turns back
     * into the characters.
     */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
