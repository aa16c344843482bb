package io.pulseboard.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the pipeline's topics with their partitions and waits until every partition has a leader.
 *
 * <p>Why wait: KAFKA-15591, an idempotent producer can silently lose its first batch on a topic that
 * was auto-created or is still electing leaders. Creating topics up front and confirming leadership
 * before any producer writes avoids it. Existing topics are kept as they are.
 */
public final class TopicProvisioner {

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * Blocks the calling thread until all topics exist with leaders, or the deadline passes.
     *
     * @throws TopicProvisioningException naming the topics that are not ready and why
     */
    public void ensure(Collection<TopicSpec<?, ?>> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NewTopic> newTopics = topics.stream()
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.configs()))
                .toList();
        admin.createTopics(newTopics).values().forEach((name, future) -> {
            try {
                future.get(remainingMs(deadline, name), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicProvisioningException(
                            "Cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new TopicProvisioningException("Timed out creating topic " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("Interrupted while creating topic " + name, e);
            }
        });
        awaitLeaders(topics.stream().map(TopicSpec::name).toList(), deadline);
    }

    private void awaitLeaders(List<String> names, long deadline) {
        List<String> pending = new ArrayList<>(names);
        String lastProblem = "no answer yet";
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(pending)
                        .allTopicNames()
                        .get(remainingMs(deadline, pending.toString()), TimeUnit.MILLISECONDS);
                pending.removeIf(name -> described.get(name).partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (pending.isEmpty()) {
                    awaitWritable(names, deadline);
                    return;
                }
                lastProblem = "partitions without a leader";
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new TopicProvisioningException(
                            "Cannot describe topics " + pending + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
                lastProblem = e.getCause().getMessage();
            } catch (TimeoutException e) {
                throw new TopicProvisioningException(
                        "Timed out waiting for leaders of " + pending + ": " + lastProblem, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("Interrupted while waiting for leaders of " + pending, e);
            }
            if (System.nanoTime() > deadline) {
                throw new TopicProvisioningException(
                        "Timed out waiting for leaders of " + pending + ": " + lastProblem);
            }
            pause();
        }
    }

    /**
     * A leader in the metadata is not yet a leader that answers (seen right after a broker restart):
     * a ListOffsets request goes the same way a produce does, and the Admin client retries it on
     * NOT_LEADER_OR_FOLLOWER until its timeout.
     */
    private void awaitWritable(List<String> names, long deadline) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(names)
                    .allTopicNames()
                    .get(remainingMs(deadline, "describe"), TimeUnit.MILLISECONDS)
                    .forEach((name, d) -> d.partitions()
                            .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            long remaining = remainingMs(deadline, "list offsets");
            admin.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, remaining)))
                    .all()
                    .get(remaining, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicProvisioningException(
                    "Partitions of " + names + " do not answer: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new TopicProvisioningException("Timed out waiting for " + names + " to accept requests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while waiting for " + names, e);
        }
    }

    /** A short back-off between metadata polls: the condition is re-checked, not assumed. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while waiting for topic leaders", e);
        }
    }

    private static long remainingMs(long deadline, String what) throws TimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("deadline passed before " + what);
        }
        return remaining;
    }

    /** Topics could not be created or did not get leaders in time. */
    public static final class TopicProvisioningException extends RuntimeException {
        public TopicProvisioningException(String message) {
            super(message);
        }

        public TopicProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
