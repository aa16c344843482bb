package io.pulseboard.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures input arrival, committed progress and lag of the Streams application from broker
 * offsets, so the figures cover every instance of the application, not just this one.
 * Called from the feed thread only.
 */
final class OffsetWatcher {

    private final Admin admin;
    private final String groupId;
    private final List<String> inputTopics;
    private long lastNanos;
    private long lastEnd = -1;
    private long lastCommitted = -1;

    OffsetWatcher(Admin admin, String groupId, List<String> inputTopics) {
        this.admin = admin;
        this.groupId = groupId;
        this.inputTopics = inputTopics;
    }

    /** Offsets now, and rates since the previous call (zero on the first). */
    Progress poll() throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputTopics)
                .allTopicNames()
                .get(5, TimeUnit.SECONDS)
                .forEach((name, description) -> description
                        .partitions()
                        .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        long end = 0;
        long done = 0;
        for (var entry : ends.entrySet()) {
            end += entry.getValue().offset();
            OffsetAndMetadata c = committed.get(entry.getKey());
            done += c == null ? 0 : c.offset();
        }
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        double inRate = lastEnd < 0 || seconds <= 0 ? 0 : (end - lastEnd) / seconds;
        double processedRate = lastCommitted < 0 || seconds <= 0 ? 0 : (done - lastCommitted) / seconds;
        lastNanos = now;
        lastEnd = end;
        lastCommitted = done;
        return new Progress(end, done, Math.max(0, inRate), Math.max(0, processedRate));
    }

    /**
     * @param endOffsets sum of the input partitions' end offsets (includes transaction markers)
     * @param committedOffsets sum of the application's committed offsets on them
     */
    record Progress(long endOffsets, long committedOffsets, double inPerSecond, double processedPerSecond) {
        long lag() {
            return Math.max(0, endOffsets - committedOffsets);
        }
    }
}
