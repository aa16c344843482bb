package io.pulseboard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** What the runtime's Streams settings rely on about the topology's shape. */
class TopologyShapeTest {

    @Test
    void onlyTheCustomerTaskReadsTwoTopicsAndBothCarryTheSameKeysToTheSameWindows() {
        Json json = new Json();
        TopologyDescription description = MetricsTopology.build(TopologyConfig.defaults(), Topics.create(json, 3), json)
                .describe();

        List<Set<String>> topicsPerTask = description.subtopologies().stream()
                .map(sub -> (Set<String>) sub.nodes().stream()
                        .filter(TopologyDescription.Source.class::isInstance)
                        .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                        .collect(Collectors.toCollection(TreeSet::new)))
                .toList();

        // The order between the customer task's two inputs does not matter (PipelineRuntime turns task
        // idling off): lateness is judged before the repartition, against the input partition's own
        // events, and a window's sums do not depend on the order of their terms.
        assertThat(topicsPerTask)
                .containsExactlyInAnyOrder(
                        Set.of("sales-events"),
                        Set.of("sales-partials-by-key-v3-repartition"),
                        Set.of("breakdown-partials-by-key-v1-repartition"),
                        Set.of("customer-events", "customer-sums-by-key-v4-repartition"),
                        Set.of("dead-letter-events"),
                        Set.of("dead-letters-by-reason-repartition"));
    }
}
