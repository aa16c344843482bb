package io.pulseboard.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The names the Kafka clients themselves define (producer, consumer, admin and Streams configs), so
 * that a misspelt {@code pulseboard.kafka.client.*} key fails at start instead of being ignored by
 * every client with only a warning in the log. Immutable; safe from any thread.
 */
final class KafkaClientProperties {

    /** The prefixes Kafka Streams accepts in front of a consumer, producer or admin property. */
    static final List<String> STREAMS_CLIENT_PREFIXES = List.of(
            StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.ADMIN_CLIENT_PREFIX);

    private static final Set<String> CLIENT_NAMES = clientNames();
    private static final Set<String> STREAMS_NAMES = StreamsConfig.configDef().names();
    private static final Set<String> TOPIC_NAMES = topicNames();

    private KafkaClientProperties() {}

    /** @param property a Kafka property name, e.g. {@code fetch.max.wait.ms}; never null */
    static boolean isKnown(String property) {
        if (CLIENT_NAMES.contains(property) || STREAMS_NAMES.contains(property)) {
            return true;
        }
        for (String prefix : STREAMS_CLIENT_PREFIXES) {
            if (property.startsWith(prefix) && CLIENT_NAMES.contains(property.substring(prefix.length()))) {
                return true;
            }
        }
        if (property.startsWith(StreamsConfig.TOPIC_PREFIX)) {
            return TOPIC_NAMES.contains(property.substring(StreamsConfig.TOPIC_PREFIX.length()));
        }
        // Rack-aware assignment tags are the user's own names: client.tag.<any>.
        return property.startsWith(StreamsConfig.CLIENT_TAG_PREFIX)
                && property.length() > StreamsConfig.CLIENT_TAG_PREFIX.length();
    }

    private static Set<String> clientNames() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }

    /** TopicConfig has no name set, only its {@code *_CONFIG} constants. */
    private static Set<String> topicNames() {
        Set<String> names = new HashSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("TopicConfig." + field.getName() + " is public", e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
