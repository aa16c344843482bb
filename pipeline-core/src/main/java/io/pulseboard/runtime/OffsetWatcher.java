package io.pulseboard.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
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
    private final Duration readTimeout;
    private long lastNanos;
    private long lastEnd = -1;
    private long lastCommitted = -1;

    /**
     * @param readTimeout the most one {@link #poll} waits for the broker, all its requests together (so
     *     that a broker outage delays the feed's tick by no more than this)
     */
    OffsetWatcher(Admin admin, String groupId, List<String> inputTopics, Duration readTimeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.inputTopics = inputTopics;
        this.readTimeout = readTimeout;
    }

    /**
     * Offsets now, and rates since the previous successful call (zero on the first).
     *
     * @throws TimeoutException if the broker did not answer within the read timeout
     */
    Progress poll() throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputTopics, new DescribeTopicsOptions().timeoutMs(remainingMs(deadline)))
                .allTopicNames()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS)
                .forEach((name, description) -> description
                        .partitions()
                        .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        latest, new ListOffsetsOptions().timeoutMs(remainingMs(deadline)))
                .all()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        groupId, new ListConsumerGroupOffsetsOptions().timeoutMs(remainingMs(deadline)))
                .partitionsToOffsetAndMetadata()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS);
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

    /** At least 1 ms: a request given no time at all fails without asking, which says nothing. */
    private static int remainingMs(long deadlineNanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
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
