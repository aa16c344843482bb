package io.pulseboard.probe;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens (and closes) a plain TCP connection to find out whether anything listens at an address, so
 * that "unknown host", "connection refused" and "no answer" can be told apart: the Kafka Admin client
 * reports all three as the same timeout. Stateless; thread-safe; blocking.
 */
final class TcpProbe {

    /** A {@code host:port} pair, as in {@code bootstrap.servers}. */
    record HostPort(String host, int port) {
        /** Parses {@code host:port} or {@code [ipv6]:port}; empty if it is neither. */
        static Optional<HostPort> parse(String text) {
            String value = text.trim();
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                return Optional.empty();
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                return port < 1 || port > 65535 || host.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new HostPort(host, port));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /**
     * The outcome of probing several addresses.
     *
     * @param reached the first address that accepted a connection, if any
     * @param failures one "address: reason" line per address that did not
     */
    record Reach(Optional<HostPort> reached, List<String> failures) {}

    private TcpProbe() {}

    /**
     * Tries the addresses in order until one accepts a connection or the deadline passes.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     */
    static Reach firstReachable(List<HostPort> addresses, long deadlineNanos) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while probing " + addresses);
            }
            HostPort address = addresses.get(i);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remainingMillis <= 0) {
                failures.add(address + ": not tried, time is up");
                continue;
            }
            // Share the time left between the addresses left, so one silent host cannot use it all.
            int timeoutMillis = (int) Math.max(1, remainingMillis / (addresses.size() - i));
            Optional<String> failure = connect(address, timeoutMillis);
            if (failure.isEmpty()) {
                return new Reach(Optional.of(address), failures);
            }
            failures.add(address + ": " + failure.get());
        }
        return new Reach(Optional.empty(), failures);
    }

    private static Optional<String> connect(HostPort address, int timeoutMillis) {
        InetAddress[] ips;
        try {
            ips = InetAddress.getAllByName(address.host());
        } catch (UnknownHostException e) {
            return Optional.of(describe(e, timeoutMillis));
        }
        String lastFailure = "no address";
        for (InetAddress ip : ips) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(ip, address.port()), timeoutMillis);
                return Optional.empty();
            } catch (IOException e) {
                lastFailure = describe(e, timeoutMillis);
            }
        }
        return Optional.of(lastFailure);
    }

    /**
     * Describes a network failure for a person, walking the cause chain for the telling exception.
     *
     * @param timeoutMillis the timeout that applied, for the "no answer" case
     */
    static String describe(Throwable failure, long timeoutMillis) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host (the name does not resolve: check the spelling and the DNS/VPN)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host (network down, VPN off, or a firewall)";
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException) {
                return "no answer within " + timeoutMillis + " ms (host down, or a firewall drops the connection)";
            }
            if (t instanceof ConnectException) {
                return "connection refused (the host is up but nothing listens on that port)";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed: " + t.getMessage();
            }
        }
        return String.valueOf(failure);
    }
}
