package io.pulseboard.probe;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Asks an address one Kafka {@code ApiVersions} request over plain TCP and checks that the answer is
 * framed like Kafka's, before a PLAINTEXT Kafka client is let near it.
 *
 * <p>Why: a PLAINTEXT Kafka client reads the first four bytes of any answer as a message size and
 * allocates a buffer of that size. A TLS listener's alert ({@code 15 03 03 ..}) reads as about 350 MB,
 * an HTTP server's {@code "HTTP"} as 1.2 GB: the client thread dies with {@link OutOfMemoryError}
 * (seen here with a 1 GB heap) and the check reports a misleading timeout. This probe reads those
 * bytes itself and names what answered. Stateless; thread-safe; blocking.
 */
final class KafkaWireProbe {

    private static final short API_VERSIONS_KEY = 18;
    private static final int CORRELATION_ID = 0x50424f41; // "PBOA"
    private static final byte[] CLIENT_ID = "pulseboard-probe".getBytes(StandardCharsets.US_ASCII);
    /** An ApiVersions response is a few hundred bytes; anything beyond this is not one. */
    private static final int MAX_PLAUSIBLE_SIZE = 1 << 20;

    private KafkaWireProbe() {}

    /**
     * @return why the address is not a Kafka PLAINTEXT listener, or empty if it answered like one
     */
    static Optional<String> plaintextProblem(TcpProbe.HostPort address, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // Request header v1: api key, api version 0, correlation id, client id; ApiVersions v0 has no body.
            out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(0);
            out.writeInt(CORRELATION_ID);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.flush();
            return checkAnswer(socket.getInputStream());
        } catch (EOFException e) {
            return Optional.of("closed the connection on a plain Kafka request: the listener probably expects"
                    + " TLS (choose SSL or SASL_SSL)");
        } catch (SocketTimeoutException e) {
            return Optional.of("accepted the connection but did not answer a Kafka request within " + timeoutMillis
                    + " ms: the listener probably expects TLS (choose SSL or SASL_SSL)");
        } catch (IOException e) {
            return Optional.of(TcpProbe.describe(e, timeoutMillis));
        }
    }

    private static Optional<String> checkAnswer(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] head = new byte[4];
        in.readFully(head);
        if (head[0] == 0x15 || head[0] == 0x16) {
            if (head[1] == 0x03) {
                return Optional.of("answered with TLS, not plain Kafka: choose SSL or SASL_SSL");
            }
        }
        if (new String(head, StandardCharsets.US_ASCII).equals("HTTP")) {
            return Optional.of("answered like a web server (HTTP), not Kafka: check the host and port");
        }
        int size = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (size < 4 || size > MAX_PLAUSIBLE_SIZE) {
            return Optional.of("does not speak the Kafka protocol (answer size " + size + "): check the host and port");
        }
        int correlationId = in.readInt();
        if (correlationId != CORRELATION_ID) {
            return Optional.of("does not speak the Kafka protocol (unexpected answer): check the host and port");
        }
        return Optional.empty();
    }
}
