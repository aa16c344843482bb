package io.pulseboard.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Performs one TLS handshake with an address the way a Kafka SSL client without a configured trust
 * store does (the JVM's default trust store, host name verification on), to tell "this port does
 * not speak TLS" and "the certificate is not trusted" apart: the Kafka Admin client reports the
 * first only as a timeout. Stateless; thread-safe; blocking.
 */
final class TlsProbe {

    private TlsProbe() {}

    /** @return why a TLS connection to the address fails, or empty if the handshake succeeds */
    static Optional<String> handshakeProblem(TcpProbe.HostPort address, int timeoutMillis) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            // Layering over a connected socket with the host name sends SNI, as Kafka's client does.
            try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, address.host(), address.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return Optional.empty();
            }
        } catch (SSLHandshakeException e) {
            return Optional.of(describeHandshake(e));
        } catch (EOFException | SocketTimeoutException e) {
            return Optional.of("does not answer a TLS handshake: it is probably a PLAINTEXT listener (choose"
                    + " PLAINTEXT) or the wrong port");
        } catch (SSLException e) {
            return Optional.of("SSL handshake failed (" + e.getMessage() + "): the port probably does not speak TLS;"
                    + " check the port and the security protocol");
        } catch (IOException e) {
            return Optional.of(TcpProbe.describe(e, timeoutMillis));
        }
    }

    private static String describeHandshake(SSLHandshakeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return "SSL handshake failed: the server's certificate is not trusted by this Java runtime or"
                        + " does not match the host name (" + t.getMessage() + "). A private CA must be added to"
                        + " the Java trust store.";
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Remote host terminated") || message.contains("unexpected_message")) {
            return "does not answer a TLS handshake: it is probably a PLAINTEXT listener (choose PLAINTEXT) or the"
                    + " wrong port";
        }
        return "SSL handshake failed: " + message;
    }
}
