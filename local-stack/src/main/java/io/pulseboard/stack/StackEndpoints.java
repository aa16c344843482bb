package io.pulseboard.stack;

import java.util.Objects;

/**
 * Where the parts of a running {@link LocalStack} can be reached. The app and the command line turn
 * this into pipeline configuration; local-stack knows nothing of that configuration.
 *
 * <p>Only Kafka exists today. Endpoints of optional parts (Redis URI, ClickHouse URL, PostgreSQL
 * URL) will be added as {@code Optional} components with a {@code withXxx(...)} copy method each.
 * Build instances with {@link #ofKafka(String)} and those methods rather than the canonical
 * constructor, so that adding a component does not break callers.
 *
 * @param kafkaBootstrap Kafka {@code bootstrap.servers} value, e.g. {@code "127.0.0.1:50123"};
 *     never null or blank
 */
public record StackEndpoints(String kafkaBootstrap) {

    public StackEndpoints {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        if (kafkaBootstrap.isBlank() || kafkaBootstrap.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "kafkaBootstrap must be host:port[,host:port...] without spaces, was '" + kafkaBootstrap + "'");
        }
    }

    /**
     * @param kafkaBootstrap Kafka {@code bootstrap.servers} value; never null or blank
     * @return endpoints with only Kafka set
     */
    public static StackEndpoints ofKafka(String kafkaBootstrap) {
        return new StackEndpoints(kafkaBootstrap);
    }
}
