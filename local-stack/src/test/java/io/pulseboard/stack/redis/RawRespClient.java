package io.pulseboard.stack.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Test fixture: a RESP client over a plain socket, written independently of the code under test. It
 * returns each reply as it came over the wire, minus the final CRLF, so that tests can assert on the
 * exact bytes: {@code "+OK"}, {@code ":1"}, {@code "$5\r\nhello"}, {@code "$-1"}. Not thread-safe.
 */
final class RawRespClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawRespClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends a command as a RESP array of bulk strings and reads one reply (simple, error, integer, bulk). */
    String call(String... command) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : command) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();

        String header = readLine();
        if (!header.startsWith("$") || header.equals("$-1")) {
            return header;
        }
        byte[] body = new byte[Integer.parseInt(header.substring(1))];
        in.readFully(body);
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("bulk reply not terminated by CRLF");
        }
        return header + "\r\n" + new String(body, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b == -1) {
                throw new IOException("connection closed mid-reply after '" + line + "'");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("CR not followed by LF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
