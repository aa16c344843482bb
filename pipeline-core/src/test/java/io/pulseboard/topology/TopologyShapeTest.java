package io.pulseboard.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.config.TopologyConfig;
import io.pulseboard.serde.Json;
import io.pulseboard.topic.Topics;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** What the runtime's Streams settings rely on about the topology's shape. */
class TopologyShapeTest {

    @Test
    void everySubTopologyReadsOneTopicSoNoTaskHasPartitionsToOrder() {
        Json json = new Json();
        TopologyDescription description = MetricsTopology.build(TopologyConfig.defaults(), Topics.create(json, 3), json)
                .describe();

        assertThat(description.subtopologies()).hasSize(6);
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            List<TopologyDescription.Source> sources = sub.nodes().stream()
                    .filter(TopologyDescription.Source.class::isInstance)
                    .map(TopologyDescription.Source.class::cast)
                    .toList();
            assertThat(sources).as("sources of sub-topology %d", sub.id()).hasSize(1);
            assertThat(sources.get(0).topicSet())
                    .as("topics of sub-topology %d", sub.id())
                    .hasSize(1);
        }
    }
}
