package io.pulseboard.probe;

import io.pulseboard.probe.ConnectionCheck.Part;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a profile's Kafka: a TCP probe of the bootstrap addresses (to name an unreachable host or
 * port precisely), a protocol probe of the first reachable address (PLAINTEXT: {@link
 * KafkaWireProbe}, is it Kafka at all; SSL and SASL_SSL: {@link TlsProbe}, does it speak TLS with a
 * trusted certificate), then an Admin client {@code describeCluster()} with the profile's security
 * settings, all within one deadline. Stateless; thread-safe; blocking.
 */
final class KafkaProbe {
    private static final Logger log = LoggerFactory.getLogger(KafkaProbe.class);
    private static final Duration ADMIN_CLOSE = Duration.ofSeconds(2);
    private static final long MIN_ADMIN_MILLIS = 500;

    private final Duration timeout;

    KafkaProbe(Duration timeout) {
        this.timeout = timeout;
    }

    Part check(ConnectionProfile profile, String password) {
        String bootstrap = profile.bootstrapServers();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TcpProbe.HostPort> addresses = new ArrayList<>();
        for (String entry : bootstrap.split(",")) {
            Optional<TcpProbe.HostPort> address = TcpProbe.HostPort.parse(entry);
            if (address.isEmpty()) {
                return Part.failed("Bootstrap servers '" + bootstrap + "' are not host:port[,host:port]");
            }
            addresses.add(address.get());
        }
        Map<String, String> security;
        try {
            security = KafkaSecurityProperties.of(profile, password);
        } catch (IllegalArgumentException e) {
            return Part.failed(e.getMessage());
        }
        try {
            // The probe may use half the time; the Admin client needs the rest for TLS and SASL.
            TcpProbe.Reach reach = TcpProbe.firstReachable(addresses, System.nanoTime() + timeout.toNanos() / 2);
            if (reach.reached().isEmpty()) {
                return Part.failed("Cannot reach Kafka at " + String.join("; ", reach.failures()));
            }
            TcpProbe.HostPort reached = reach.reached().get();
            int probeMillis = (int) Math.max(MIN_ADMIN_MILLIS, remainingMillis(deadline) / 2);
            Optional<String> problem = profile.securityProtocol() == SecurityProtocol.PLAINTEXT
                    ? KafkaWireProbe.plaintextProblem(reached, probeMillis)
                    : TlsProbe.handshakeProblem(reached, probeMillis);
            if (problem.isPresent()) {
                return Part.failed("Kafka at " + reached + " " + problem.get());
            }
            return describeCluster(profile, security, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Part.failed("Kafka check of " + bootstrap + " was interrupted");
        }
    }

    private Part describeCluster(ConnectionProfile profile, Map<String, String> security, long deadline)
            throws InterruptedException {
        int millis = (int) Math.max(MIN_ADMIN_MILLIS, remainingMillis(deadline));
        Map<String, Object> props = new HashMap<>(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, profile.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "pulseboard-connection-test");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        Admin admin = null;
        try {
            admin = Admin.create(props);
            DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
            // The option bounds the call; the extra second only guards against a lost completion.
            Collection<Node> nodes = result.nodes().get(millis + 1_000L, TimeUnit.MILLISECONDS);
            String clusterId = result.clusterId().get(1, TimeUnit.SECONDS);
            return Part.ok(describeNodes(nodes) + ", cluster id " + clusterId);
        } catch (ExecutionException e) {
            return Part.failed(describe(e.getCause(), profile, millis));
        } catch (java.util.concurrent.TimeoutException e) {
            return Part.failed(describe(new TimeoutException(e.getMessage()), profile, millis));
        } catch (KafkaException e) {
            return Part.failed(describe(e, profile, millis));
        } catch (RuntimeException e) {
            log.warn("Unexpected failure checking Kafka at {}", profile.bootstrapServers(), e);
            return Part.failed("Unexpected error checking Kafka at " + profile.bootstrapServers() + ": " + e);
        } finally {
            if (admin != null) {
                admin.close(ADMIN_CLOSE);
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static String describeNodes(Collection<Node> nodes) {
        String count = nodes.size() == 1 ? "1 broker" : nodes.size() + " brokers";
        if (nodes.isEmpty() || nodes.size() > 3) {
            return count;
        }
        return count + " (" + nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(", "))
                + ")";
    }

    /** Maps Kafka's exception types to what the user should check. Never includes a secret. */
    static String describe(Throwable failure, ConnectionProfile profile, long timeoutMillis) {
        String at = "Kafka at " + profile.bootstrapServers();
        if (failure instanceof SslAuthenticationException) {
            return "SSL handshake with " + at + " failed (" + rootMessage(failure) + "). Check that the port is"
                    + " the broker's SSL listener and that its certificate is trusted by this Java runtime.";
        }
        if (failure instanceof SaslAuthenticationException) {
            return "Authentication failed at " + at + " for user '"
                    + profile.username().orElse("")
                    + "' with " + profile.saslMechanism().orElse("SASL") + ": " + failure.getMessage()
                    + ". Check the user name, password and mechanism.";
        }
        if (failure instanceof AuthenticationException) {
            return "Authentication with " + at + " failed: " + rootMessage(failure);
        }
        if (failure instanceof AuthorizationException) {
            return "Connected to " + at + ", but the user may not describe the cluster: " + failure.getMessage();
        }
        if (failure instanceof TimeoutException) {
            return "No answer from " + at + " within " + timeoutMillis + " ms, although the port accepts"
                    + " connections. Check the security protocol (" + profile.securityProtocol()
                    + " must match the listener) and that the brokers' advertised addresses are reachable"
                    + " from this machine.";
        }
        if (failure instanceof UnsupportedVersionException) {
            return at + " is too old for this client: " + failure.getMessage();
        }
        if (failure instanceof ConfigException) {
            return "Invalid Kafka client settings for " + profile.bootstrapServers() + ": " + failure.getMessage();
        }
        if (failure instanceof KafkaException) {
            return "Kafka client error with " + at + ": " + rootMessage(failure);
        }
        log.warn("Unexpected failure checking {}", at, failure);
        return "Unexpected error checking " + at + ": " + failure;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
