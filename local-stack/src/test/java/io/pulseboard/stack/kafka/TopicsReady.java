package io.pulseboard.stack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test fixture of local-stack (pipeline-core owns topic provisioning in its TopicProvisioner; the
 * two modules may not depend on each other, so this one stays beside the broker tests).
 *
 * Creates topics and returns only once every partition can take a write.
 *
 * <p>Why not just {@code Admin.createTopics}: its future completes when the controller has
 * recorded the topic, before the broker has loaded the partitions and elected their leaders.
 * KAFKA-15591 (Kafka 4.4 is affected, the fix ships in 4.5) is what producing that early costs on a
 * single KRaft node: produce requests are answered {@code NOT_LEADER_OR_FOLLOWER} even after
 * {@code describeTopics} lists a leader, and an idempotent producer's first batch on a partition
 * that has never held a record can be lost without an error reaching the caller. So after creating,
 * this waits until {@code describeTopics} shows a leader for every partition, and then until
 * {@code listOffsets} is answered for every partition: that request is served by the leader's
 * replica manager, the path a produce takes, so it succeeds only once the partition takes writes.
 *
 * <p>The API uses only kafka-clients and JDK types, so that code which must not depend on
 * local-stack can keep a copy. Stateless; each call blocks the calling thread up to its timeout.
 */
public final class TopicsReady {
    private static final Logger log = LoggerFactory.getLogger(TopicsReady.class);
    private static final long POLL_MILLIS = 50;

    private TopicsReady() {}

    /**
     * Creates each topic with replication factor 1 (an existing one is kept as it is) and waits until
     * all their partitions accept writes.
     *
     * @param admin a client of the target cluster; not closed here; never null
     * @param partitionsByTopic topic name to partition count; never null
     * @param timeout the deadline for the whole call; positive
     * @throws TimeoutException if the partitions are not writable within {@code timeout}
     * @throws KafkaException if a topic cannot be created (e.g. an invalid name)
     * @throws InterruptException if the thread is interrupted (its interrupt flag is set again)
     */
    public static void ensure(Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
        ensure(admin, topics, timeout);
    }

    /**
     * Creates each topic (an existing one is kept as it is, with a warning if it has fewer partitions
     * than asked for) and waits until all their partitions accept writes.
     *
     * @param admin a client of the target cluster; not closed here; never null
     * @param topics the topics, with partitions, replication and configs; never null
     * @param timeout the deadline for the whole call; positive
     * @throws TimeoutException if the partitions are not writable within {@code timeout}
     * @throws KafkaException if a topic cannot be created (e.g. an invalid name)
     * @throws InterruptException if the thread is interrupted (its interrupt flag is set again)
     */
    public static void ensure(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(topics, "topics");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (topics.isEmpty()) {
            return;
        }
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        try {
            create(admin, topics, deadlineNanos);
            Map<String, TopicDescription> descriptions = awaitLeaders(admin, names(topics), deadlineNanos);
            warnAboutSmallerTopics(topics, descriptions);
            awaitWritable(admin, descriptions, deadlineNanos);
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted while waiting for topics " + names(topics), e);
        }
    }

    private static void create(Admin admin, Collection<NewTopic> topics, long deadlineNanos)
            throws InterruptedException {
        CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs(remainingMillis(deadlineNanos, topics));
        for (Map.Entry<String, KafkaFuture<Void>> created :
                admin.createTopics(topics, options).values().entrySet()) {
            try {
                get(created.getValue(), deadlineNanos, topics);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TimeoutException timeout) {
                    throw timeout;
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaException(
                            "Cannot create topic " + created.getKey() + ": " + e.getCause(), e.getCause());
                }
                log.debug("Topic {} already exists", created.getKey());
            }
        }
    }

    private static Map<String, TopicDescription> awaitLeaders(Admin admin, Set<String> names, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            Exception notYet;
            try {
                Map<String, TopicDescription> descriptions =
                        get(admin.describeTopics(names).allTopicNames(), deadlineNanos, names);
                List<String> leaderless = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream()
                                .filter(p -> p.leader() == null || p.leader().isEmpty())
                                .map(p -> d.name() + "-" + p.partition()))
                        .toList();
                if (leaderless.isEmpty()) {
                    return descriptions;
                }
                notYet = new IllegalStateException("no leader yet for " + leaderless);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new KafkaException("Cannot describe topics " + names + ": " + e.getCause(), e.getCause());
                }
                notYet = (Exception) e.getCause();
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new TimeoutException(
                        "Partitions of " + names + " have no leader in time: " + notYet.getMessage());
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private static void awaitWritable(Admin admin, Map<String, TopicDescription> descriptions, long deadlineNanos)
            throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription description : descriptions.values()) {
            for (TopicPartitionInfo partition : description.partitions()) {
                request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
            }
        }
        // The Admin client retries NOT_LEADER_OR_FOLLOWER and LEADER_NOT_AVAILABLE until the timeout.
        ListOffsetsOptions options =
                new ListOffsetsOptions().timeoutMs(remainingMillis(deadlineNanos, request.keySet()));
        try {
            get(admin.listOffsets(request, options).all(), deadlineNanos, request.keySet());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeout) {
                throw timeout;
            }
            throw new KafkaException(
                    "Partitions " + request.keySet() + " do not accept requests: " + e.getCause(), e.getCause());
        }
    }

    private static void warnAboutSmallerTopics(
            Collection<NewTopic> topics, Map<String, TopicDescription> descriptions) {
        for (NewTopic topic : topics) {
            int actual = descriptions.get(topic.name()).partitions().size();
            if (topic.numPartitions() > actual) {
                log.warn(
                        "Topic {} already exists with {} partitions, fewer than the {} asked for; kept as it is",
                        topic.name(),
                        actual,
                        topic.numPartitions());
            }
        }
    }

    private static <T> T get(KafkaFuture<T> future, long deadlineNanos, Object what)
            throws ExecutionException, InterruptedException {
        try {
            return future.get(remainingMillis(deadlineNanos, what), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("Topics not ready in time: " + what, e);
        }
    }

    private static int remainingMillis(long deadlineNanos, Object what) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (remaining <= 0) {
            throw new TimeoutException("Topics not ready in time: " + what);
        }
        return (int) Math.min(remaining, Integer.MAX_VALUE);
    }

    private static Set<String> names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
