package io.pulseboard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.probe.ConnectionCheck.Status;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile pointed at something that is not what it expects gets a message naming what answered,
 * and the PLAINTEXT Kafka client is never exposed to a non-Kafka answer (it would read it as a huge
 * message size and run out of memory).
 */
class WireMismatchTest {

    private static final byte[] TLS_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    private static final byte[] HTTP =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final LiveConnectionTester tester = new LiveConnectionTester(Duration.ofSeconds(2), Duration.ofSeconds(2));

    private static ConnectionProfile plaintext(String servers, Optional<String> redis) {
        return new ConnectionProfile(
                "t", servers, SecurityProtocol.PLAINTEXT, Optional.empty(), Optional.empty(), redis);
    }

    @Test
    void plaintextAgainstATlsListenerSuggestsSsl() throws Exception {
        try (ScriptedServer tls = new ScriptedServer(TLS_ALERT)) {
            ConnectionCheck check = tester.test(plaintext(tls.address(), Optional.empty()), "");

            assertThat(check.kafka().status()).isEqualTo(Status.FAILED);
            assertThat(check.kafka().message())
                    .isEqualTo("Kafka at " + tls.address()
                            + " answered with TLS, not plain Kafka: choose SSL or SASL_SSL");
        }
    }

    @Test
    void plaintextAgainstAWebServerSaysSo() throws Exception {
        try (ScriptedServer web = new ScriptedServer(HTTP)) {
            ConnectionCheck check = tester.test(plaintext(web.address(), Optional.empty()), "");

            assertThat(check.kafka().message()).contains(web.address(), "web server (HTTP)");
        }
    }

    @Test
    void silentListenerTimesOutWithinTheDeadline() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(new byte[0])) {
            long start = System.nanoTime();
            ConnectionCheck check = tester.test(plaintext(silent.address(), Optional.empty()), "");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(check.kafka().message()).contains(silent.address(), "did not answer a Kafka request");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void sslAgainstAnUntrustedCertificateSaysSo(@TempDir Path dir) throws Exception {
        try (SelfSignedTlsServer tls = new SelfSignedTlsServer(dir)) {
            ConnectionProfile ssl = new ConnectionProfile(
                    "t", tls.address(), SecurityProtocol.SSL, Optional.empty(), Optional.empty(), Optional.empty());

            ConnectionCheck check = tester.test(ssl, "");

            assertThat(check.kafka().message())
                    .startsWith("Kafka at " + tls.address() + " SSL handshake failed: the server's certificate is not"
                            + " trusted by this Java runtime");
        }
    }

    @Test
    void sslRejectedByTheServerSaysTheHandshakeFailed() throws Exception {
        try (ScriptedServer refusing = new ScriptedServer(TLS_ALERT)) {
            ConnectionProfile ssl = new ConnectionProfile(
                    "t",
                    refusing.address(),
                    SecurityProtocol.SASL_SSL,
                    Optional.of("PLAIN"),
                    Optional.of("u"),
                    Optional.empty());

            ConnectionCheck check = tester.test(ssl, "pw");

            assertThat(check.kafka().message())
                    .isEqualTo("Kafka at " + refusing.address()
                            + " SSL handshake failed: Received fatal alert: handshake_failure");
        }
    }

    @Test
    void redisUriPointingAtAWebServerSaysItIsNotRedis() throws Exception {
        try (ScriptedServer web = new ScriptedServer(HTTP)) {
            ConnectionCheck check =
                    tester.test(plaintext("127.0.0.1:1", Optional.of("redis://127.0.0.1:" + web.port())), "");

            assertThat(check.redis())
                    .hasValueSatisfying(redis -> assertThat(redis.message())
                            .startsWith("Cannot reach Redis at 127.0.0.1:" + web.port())
                            .contains("not in the Redis protocol"));
        }
    }
}
