package io.pulseboard.stack.kafka;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's ports, kept in {@value #FILE_NAME} in its data directory so that every start on that
 * directory listens where the previous one did.
 *
 * <p>Why: the broker's own KRaft metadata names the client endpoint it registered with. A restart on
 * new ports leaves that old endpoint in the metadata until the broker registers again, and in that
 * window the transaction coordinator can send commit markers to the dead port ("Couldn't find leader
 * endpoint"), leaving hanging transactions. External clients also keep the address they were given.
 * So a stored port that another process holds fails the start; it is never replaced silently.
 *
 * <p>Stateless; called by the starting thread only (the broker's data directory lock keeps a second
 * broker out of the same directory).
 */
final class PortsFile {
    /** Name of the file in the data directory. */
    static final String FILE_NAME = "ports.properties";

    static final String CLIENT_KEY = "client.port";
    static final String CONTROLLER_KEY = "controller.port";

    private static final Logger log = LoggerFactory.getLogger(PortsFile.class);

    private PortsFile() {}

    /**
     * Chooses the ports of this start and stores them: for each port, the explicit one if given, else
     * the stored one, else a free one from the OS. Each chosen port is bound once (all at the same time,
     * so they differ) to check that it is free, and released again for Kafka.
     *
     * @param dataDir the broker's data directory; must exist
     * @param clientPort the client port asked for, or 0 for the stored or a free one
     * @param controllerPort the controller port asked for, or 0 for the stored or a free one
     * @return the ports to listen on, now also in the file
     * @throws StackException if the file cannot be read or written, or a chosen port is taken; the
     *     message names the port, the file and the fix
     */
    static BrokerProperties.Ports choose(Path dataDir, int clientPort, int controllerPort) {
        Path file = dataDir.resolve(FILE_NAME);
        Optional<BrokerProperties.Ports> stored = read(file);
        Wanted client = wanted("client", clientPort, stored.map(BrokerProperties.Ports::client));
        Wanted controller = wanted("controller", controllerPort, stored.map(BrokerProperties.Ports::controller));
        if (client.port != 0 && client.port == controller.port) {
            throw new StackException("Kafka's client and controller ports would both be " + client.port
                    + " (client " + client.source.text + ", controller " + controller.source.text + " in " + file
                    + "): choose another port, or delete " + file + " to pick new ports");
        }
        BrokerProperties.Ports ports = bindAndRelease(file, client, controller);
        if (stored.isEmpty() || !stored.get().equals(ports)) {
            write(file, ports);
            log.info(
                    "Kafka ports {} (client) and {} (controller) stored in {}",
                    ports.client(),
                    ports.controller(),
                    file);
        }
        return ports;
    }

    /**
     * @param file the ports file
     * @return the stored ports, or empty if there is no file
     * @throws StackException if the file exists but cannot be read or holds no valid ports
     */
    static Optional<BrokerProperties.Ports> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StackException(
                    "Cannot read Kafka's ports from " + file + ": " + e
                            + " (fix its permissions, or delete it to pick new ports)",
                    e);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new StackException(
                    "Cannot parse Kafka's ports in " + file + ": " + e + " (delete it to pick new ports)", e);
        }
        return Optional.of(new BrokerProperties.Ports(
                storedPort(properties, CLIENT_KEY, file), storedPort(properties, CONTROLLER_KEY, file)));
    }

    /**
     * Replaces the file atomically: the ports go to a temporary file in the same directory, which is
     * flushed to disk and then renamed over the old one, so a crash leaves the old or the new file,
     * never a torn one.
     *
     * @throws StackException if the file cannot be written
     */
    static void write(Path file, BrokerProperties.Ports ports) {
        Properties properties = new Properties();
        properties.setProperty(CLIENT_KEY, Integer.toString(ports.client()));
        properties.setProperty(CONTROLLER_KEY, Integer.toString(ports.controller()));
        StringWriter text = new StringWriter();
        try {
            properties.store(
                    text,
                    "Ports of the Pulseboard embedded Kafka broker in this directory."
                            + " Delete this file to pick new ports at the next start.");
            OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new StackException("Cannot store Kafka's ports in " + file + ": " + e, e);
        }
    }

    private static int storedPort(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        String fix = " (delete it to pick new ports)";
        if (value == null) {
            throw new StackException("No " + key + " in " + file + fix);
        }
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new StackException(key + " in " + file + " is not a port: '" + value + "'" + fix, e);
        }
        if (port < 1 || port > 65_535) {
            throw new StackException(key + " in " + file + " is not a port: " + port + fix);
        }
        return port;
    }

    private static Wanted wanted(String role, int explicit, Optional<Integer> stored) {
        if (explicit != 0) {
            return new Wanted(role, explicit, Source.EXPLICIT);
        }
        return stored.map(port -> new Wanted(role, port, Source.STORED))
                .orElseGet(() -> new Wanted(role, 0, Source.FREE));
    }

    private static BrokerProperties.Ports bindAndRelease(Path file, Wanted client, Wanted controller) {
        InetAddress loopback;
        try {
            loopback = ChildProcessControl.loopback();
        } catch (IOException e) {
            throw new StackException("Cannot resolve " + BrokerProperties.HOST + ": " + e, e);
        }
        List<ServerSocket> sockets = new ArrayList<>(2);
        try {
            int clientPort = bind(loopback, client, file, sockets);
            int controllerPort = bind(loopback, controller, file, sockets);
            return new BrokerProperties.Ports(clientPort, controllerPort);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log.warn("Cannot release the port check's socket on {}", socket.getLocalPort(), e);
                }
            }
        }
    }

    private static int bind(InetAddress loopback, Wanted wanted, Path file, List<ServerSocket> sockets) {
        try {
            ServerSocket socket = new ServerSocket(wanted.port, 1, loopback);
            sockets.add(socket);
            return socket.getLocalPort();
        } catch (BindException e) {
            throw new StackException(inUseMessage(wanted, file), e);
        } catch (IOException e) {
            throw new StackException(
                    "Cannot open Kafka's " + wanted.role + " port " + wanted.port + " on " + BrokerProperties.HOST
                            + ": " + e,
                    e);
        }
    }

    private static String inUseMessage(Wanted wanted, Path file) {
        String prefix = "Kafka's " + wanted.role + " port " + wanted.port + " on " + BrokerProperties.HOST;
        return switch (wanted.source) {
            case STORED ->
                prefix + " (stored in " + file + ") is in use by another process."
                        + " The broker keeps its ports because its data names them; stop the process that holds port "
                        + wanted.port + ", or delete " + file + " to pick new ports at the next start";
            case EXPLICIT ->
                prefix + " (set explicitly) is in use by another process: stop that process,"
                        + " or choose another port (the chosen port is stored in " + file + ")";
            case FREE -> prefix + ": no free port to give (" + file + " is not written)";
        };
    }

    /** One port to bind: {@code port} 0 asks the OS for a free one; {@code source} says where it came from. */
    private record Wanted(String role, int port, Source source) {}

    private enum Source {
        EXPLICIT("set explicitly"),
        STORED("stored"),
        FREE("free");

        final String text;

        Source(String text) {
            this.text = text;
        }
    }
}
