package io.pulseboard.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stable identity ({@code group.instance.id}, static membership, KIP-345) of the consumers of this
 * machine's pipeline: Kafka Streams' main consumers and the history sink's consumer.
 *
 * <p>Without it a pipeline that restarts after a crash (kill -9, power loss) waits for the session of
 * its own dead member to time out (45 s by default) before the group assigns its partitions again;
 * with it the restarted member takes over the dead one's place at once. The identity must be stable
 * across restarts and unique among the members of a group, possibly on several machines: it is a
 * random id made once and kept in the Streams state directory, which Kafka Streams locks for one
 * instance at a time (so one process at a time makes or reads it). A clean close leaves the group explicitly, so a member that stops for good
 * frees its partitions at once as before.
 */
public final class StaticMember {
    /** The file in the state directory that keeps the id. */
    static final String FILE_NAME = "pulseboard-member-id";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StaticMember() {}

    /**
     * @param stateDir the Kafka Streams state directory ({@code state.dir}); created if missing
     * @return {@code pulseboard-<16 hex digits>}, the same for every call with this directory
     * @throws UncheckedIOException if the id cannot be read or stored
     */
    public static String of(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            String stored = read(file);
            if (stored != null) {
                return "pulseboard-" + stored;
            }
            Files.createDirectories(stateDir);
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            String made = HexFormat.of().formatHex(bytes);
            Path temp = Files.createTempFile(stateDir, FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, made + "\n", StandardCharsets.US_ASCII);
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            return "pulseboard-" + made;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot keep the pipeline's member id in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Atomic where the file system allows, so that a crash never leaves half an id. */
    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @return the stored id, or null if there is none or it is not one this class wrote (then replaced) */
    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return ID.matcher(content).matches() ? content : null;
    }
}
