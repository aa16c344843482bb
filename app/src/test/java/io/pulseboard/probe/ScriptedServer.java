package io.pulseboard.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server for tests that, for each connection, waits for the client's first bytes and
 * answers with fixed bytes (or nothing), then keeps the connection open until closed. Stands in for a
 * TLS listener, a web server or a silent host.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "scripted-server");
        thread.setDaemon(true);
        return thread;
    });

    /** @param answer the bytes sent after the client's first bytes; empty for a silent server */
    ScriptedServer(byte[] answer) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    executor.execute(() -> serve(socket, answer));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private static void serve(Socket socket, byte[] answer) {
        try (socket) {
            InputStream in = socket.getInputStream();
            if (in.read() < 0) {
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(answer);
            out.flush();
            // Hold the connection until the client or close() ends it.
            while (in.read() >= 0) {
                // discard
            }
        } catch (IOException e) {
            // The client went away: normal for a probe.
        }
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
