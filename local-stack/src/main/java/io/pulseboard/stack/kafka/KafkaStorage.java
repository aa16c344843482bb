package io.pulseboard.stack.kafka;

import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft data directory once, the way {@code kafka-storage.sh format} does, through Kafka's
 * own {@link Formatter}. A directory that already holds {@code meta.properties} is left alone: its
 * cluster id is reused, because formatting it again (with a new id) would make the broker refuse to
 * start with an inconsistent cluster id. Not thread-safe; called by the starting thread only.
 */
final class KafkaStorage {
    private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);

    private KafkaStorage() {}

    /**
     * Formats {@code dataDir} as the single log and metadata directory of node {@code nodeId}, with a
     * static controller quorum (kraft.version 0), unless it is already formatted.
     *
     * @param dataDir the directory; created if missing
     * @param nodeId the KRaft node id, which must match the id stored on an earlier format
     * @param controllerListenerName name of the controller listener
     * @return the cluster id stored in the directory
     * @throws StackException if the directory cannot be read, created or formatted
     */
    static String formatOnce(Path dataDir, int nodeId, String controllerListenerName) {
        String dir = dataDir.toAbsolutePath().toString();
        MetaPropertiesEnsemble ensemble = load(dataDir, dir);
        if (!ensemble.errorLogDirs().isEmpty()) {
            throw new StackException("Cannot read " + MetaPropertiesEnsemble.META_PROPERTIES_NAME + " in " + dir
                    + ": fix its permissions, or delete the directory to start with an empty Kafka");
        }
        if (ensemble.emptyLogDirs().isEmpty()) {
            String clusterId = ensemble.clusterId()
                    .orElseThrow(() -> new StackException("No cluster.id in " + dir + "/"
                            + MetaPropertiesEnsemble.META_PROPERTIES_NAME
                            + ": delete the directory to start with an empty Kafka"));
            if (ensemble.nodeId().isPresent() && ensemble.nodeId().getAsInt() != nodeId) {
                throw new StackException("The Kafka data in " + dir + " belongs to node "
                        + ensemble.nodeId().getAsInt() + ", not " + nodeId
                        + ": delete the directory to start with an empty Kafka");
            }
            log.debug("Kafka data in {} already formatted for cluster {}", dir, clusterId);
            return clusterId;
        }
        String clusterId = Uuid.randomUuid().toString();
        format(dir, nodeId, clusterId, controllerListenerName);
        return clusterId;
    }

    private static MetaPropertiesEnsemble load(Path dataDir, String dir) {
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            return new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(dir))
                    .addMetadataLogDir(dir)
                    .load();
        } catch (IOException e) {
            throw new StackException("Cannot create or read the Kafka data directory " + dir + ": " + e, e);
        }
    }

    private static void format(String dir, int nodeId, String clusterId, String controllerListenerName) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(controllerListenerName)
                    .run();
        } catch (Exception e) {
            // Formatter.run() declares Exception; it throws FormatterException for a bad directory.
            throw new StackException(
                    "Cannot format the Kafka data directory " + dir + ": " + e
                            + " (delete the directory to start with an empty Kafka)",
                    e);
        }
        log.info("Formatted Kafka data directory {} for new cluster {}", dir, clusterId);
        log.debug(
                "Kafka formatter output: {}",
                output.toString(StandardCharsets.UTF_8).strip());
    }
}
