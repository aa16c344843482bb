package io.pulseboard.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits, before a pipeline starts, until a TCP connection to one of the bootstrap servers succeeds, so
 * that an unreachable Kafka fails in seconds with its cause: Kafka's own clients retry a refused or
 * silent address until their (minutes long) timeouts and then report only a timeout. A host that does
 * not resolve fails at once. Stateless; thread-safe; blocking.
 */
public final class BootstrapReach {

    /** The longest wait a pipeline start gives an unreachable Kafka. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long RETRY_MILLIS = 250;
    /** How {@link TcpProbe#firstReachable} reports an address it had no time left for. */
    private static final String NOT_TRIED = "not tried, time is up";

    private BootstrapReach() {}

    /**
     * @param bootstrapServers {@code host:port[,host:port]}
     * @param timeout how long to keep trying a refused or silent address; positive
     * @param option how the user gave the servers, for messages, e.g. {@code --bootstrap}
     * @throws UnreachableException naming the servers, the cause and the fix: at once if the list is not
     *     {@code host:port} or no host resolves, else after {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public static void await(String bootstrapServers, Duration timeout, String option) throws InterruptedException {
        List<TcpProbe.HostPort> addresses = new ArrayList<>();
        for (String entry : bootstrapServers.split(",")) {
            Optional<TcpProbe.HostPort> address = TcpProbe.HostPort.parse(entry);
            if (address.isEmpty()) {
                throw new UnreachableException("Kafka bootstrap servers '" + bootstrapServers + "' (" + option
                        + ") are not host:port[,host:port]; give e.g. 127.0.0.1:9092");
            }
            addresses.add(address.get());
        }
        List<String> unknown = new ArrayList<>();
        for (TcpProbe.HostPort address : addresses) {
            try {
                InetAddress.getAllByName(address.host());
            } catch (UnknownHostException e) {
                unknown.add(address.host());
            }
        }
        if (unknown.size() == addresses.size()) {
            throw new UnreachableException("Unknown host " + String.join(", ", unknown) + " in " + option + " "
                    + bootstrapServers + ": the name does not resolve; check the spelling, the DNS or the VPN");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lastFailures = List.of();
        do {
            TcpProbe.Reach reach = TcpProbe.firstReachable(addresses, deadline);
            if (reach.reached().isPresent()) {
                return;
            }
            if (lastFailures.isEmpty() || reach.failures().stream().anyMatch(f -> !f.endsWith(NOT_TRIED))) {
                lastFailures = reach.failures();
            }
            // A broker that is starting (a stack up in another terminal) refuses for a moment: try again.
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                Thread.sleep(Math.min(RETRY_MILLIS, left));
            }
        } while (System.nanoTime() < deadline);
        throw new UnreachableException("Cannot reach Kafka at " + bootstrapServers + " within "
                + describe(timeout) + ": " + reasons(addresses, lastFailures) + ". Check that Kafka"
                + " runs there and " + option + " names it (a local stack prints its address: pulseboard stack up)");
    }

    /**
     * The reason for one address ("connection refused (...)"), or "host:port: reason" for each of several,
     * without the "not tried, time is up" of the last round.
     */
    private static String reasons(List<TcpProbe.HostPort> addresses, List<String> failures) {
        List<String> tried = failures.stream()
                .filter(f -> !f.endsWith("not tried, time is up"))
                .toList();
        List<String> shown = tried.isEmpty() ? failures : tried;
        String only = addresses.get(0) + ": ";
        if (addresses.size() == 1 && shown.size() == 1 && shown.get(0).startsWith(only)) {
            return shown.get(0).substring(only.length());
        }
        return String.join("; ", shown);
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Kafka could not be reached; the message says why and what to do. */
    public static final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message) {
            super(message);
        }
    }
}
