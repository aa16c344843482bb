package io.pulseboard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaClientOverridesTest {

    private static ConnectionProfile profile(SecurityProtocol protocol, String mechanism, String user) {
        return new ConnectionProfile(
                "p", "h:9093", protocol, Optional.ofNullable(mechanism), Optional.ofNullable(user), Optional.empty());
    }

    @Test
    void plaintextAndSslSetOnlyTheProtocol() {
        assertThat(ConnectionTester.kafkaClientOverrides(profile(SecurityProtocol.PLAINTEXT, null, null), "ignored"))
                .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
        assertThat(ConnectionTester.kafkaClientOverrides(profile(SecurityProtocol.SSL, "PLAIN", "u"), "ignored"))
                .containsExactly(Map.entry("security.protocol", "SSL"));
    }

    @Test
    void plainUsesThePlainLoginModule() {
        Map<String, String> props =
                ConnectionTester.kafkaClientOverrides(profile(SecurityProtocol.SASL_SSL, "PLAIN", "ops"), "pw");

        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"ops\" password=\"pw\";");
    }

    @Test
    void scramCredentialsWithQuotesBackslashesAndLineBreaksSurviveKafkasJaasParser() {
        String user = "o\"ps\\eu";
        String password = "p\"w\\x;y=z\nnext\r\t end";
        Map<String, String> props = ConnectionTester.kafkaClientOverrides(
                profile(SecurityProtocol.SASL_SSL, "SCRAM-SHA-512", user), password);

        assertThat(props).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        JaasContext context = JaasContext.loadClientContext(
                Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(props.get(SaslConfigs.SASL_JAAS_CONFIG))));
        AppConfigurationEntry entry = context.configurationEntries().get(0);
        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(entry.getOptions().get("username")).isEqualTo(user);
        assertThat(entry.getOptions().get("password")).isEqualTo(password);
    }

    @Test
    void saslWithoutMechanismOrUserIsRefused() {
        assertThatThrownBy(() ->
                        ConnectionTester.kafkaClientOverrides(profile(SecurityProtocol.SASL_SSL, null, "ops"), "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("choose a SASL mechanism");
        assertThatThrownBy(() ->
                        ConnectionTester.kafkaClientOverrides(profile(SecurityProtocol.SASL_SSL, "PLAIN", null), "pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enter a user name");
    }
}
