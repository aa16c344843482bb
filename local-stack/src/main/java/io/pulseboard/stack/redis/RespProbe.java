package io.pulseboard.stack.redis;

import io.pulseboard.stack.ChildProcessControl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one command to a Redis server on loopback over a plain socket, in RESP (the Redis
 * serialization protocol), after {@code AUTH}, and reads the first line of the reply. Enough for the
 * readiness {@code PING}; local-stack has no Redis client library on purpose.
 * Stateless; each call blocks the calling thread for at most about three times its timeout (connect,
 * then one read per reply).
 */
final class RespProbe {
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private RespProbe() {}

    /**
     * Sends {@code AUTH password} and the command in one write, as a pipeline.
     *
     * @param port the server's port on {@code 127.0.0.1}
     * @param timeout bound of the connect and of each read; positive
     * @param password the server's {@code requirepass}; never put in the returned text
     * @param command the command and its arguments, e.g. {@code "PING"}
     * @return the first line of the command's reply, e.g. {@code "+PONG"}; or, if {@code AUTH} was
     *     refused, that refusal (e.g. {@code "-WRONGPASS ..."}), which never holds the password
     * @throws IOException if the connection is refused, times out or breaks
     */
    static String sendAuthenticated(int port, Duration timeout, String password, String... command) throws IOException {
        int timeoutMillis = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(loopback(), port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(encode("AUTH", password));
            out.write(encode(command));
            out.flush();
            InputStream in = socket.getInputStream();
            String auth = readLine(in);
            return "+OK".equals(auth) ? readLine(in) : auth;
        }
    }

    /** @return the command as a RESP array of bulk strings */
    static byte[] encode(String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "*" + command.length + "\r\n");
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            writeAscii(out, "$" + bytes.length + "\r\n");
            out.write(bytes, 0, bytes.length);
            writeAscii(out, "\r\n");
        }
        return out.toByteArray();
    }

    static InetAddress loopback() throws IOException {
        return ChildProcessControl.loopback();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("Reply line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
            previous = b;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
