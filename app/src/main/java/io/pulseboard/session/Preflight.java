package io.pulseboard.session;

import io.pulseboard.probe.BootstrapReach;
import io.pulseboard.probe.ConnectionCheck;
import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.settings.ConnectionProfile;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of a {@link RemoteSession}'s start: can the cluster be used, and if not, why, in
 * seconds. Kafka's own clients retry an unreachable address for minutes and then blame whatever they
 * were doing ("creating topic dead-letter-events"); this step names the cause first. Blocking;
 * implementations are thread-safe.
 */
@FunctionalInterface
public interface Preflight {

    /**
     * @return the outcome, with a message for the user for each FAILED part; never null
     * @throws InterruptedException if interrupted while waiting
     */
    ConnectionCheck check() throws InterruptedException;

    /**
     * What "Test connection" checks, for a saved profile: TCP, the protocol, an Admin {@code
     * describeCluster()} with the profile's security settings, and its Redis and PostgreSQL if it
     * names them.
     *
     * @param password the SASL password; empty when the profile needs none; never logged
     * @param postgresPassword the PostgreSQL user's password; empty when none; never logged
     */
    static Preflight connectionTest(
            ConnectionTester tester, ConnectionProfile profile, String password, String postgresPassword) {
        Objects.requireNonNull(tester, "tester");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(postgresPassword, "postgresPassword");
        return () -> tester.test(profile, password, postgresPassword);
    }

    /**
     * A TCP connection to one of the bootstrap servers within {@code timeout}, tried again while refused
     * (a broker starting in another terminal): {@link BootstrapReach}, for {@code pulseboard pipeline}.
     *
     * @param option how the user gave the servers, for the message, e.g. {@code --bootstrap}
     */
    static Preflight bootstrapReach(String bootstrapServers, Duration timeout, String option) {
        return () -> {
            try {
                BootstrapReach.await(bootstrapServers, timeout, option);
                return new ConnectionCheck(ConnectionCheck.Part.ok(bootstrapServers + " reachable"), Optional.empty());
            } catch (BootstrapReach.UnreachableException e) {
                return new ConnectionCheck(ConnectionCheck.Part.failed(e.getMessage()), Optional.empty());
            }
        };
    }
}
