package io.pulseboard.config;

/** Everything the pipeline is configured with; built by {@link ConfigLoader}. */
public record PulseboardConfig(
        KafkaConfig kafka, TopologyConfig topology, ProducerSettings producer, GeneratorConfig generator) {

    public PulseboardConfig withKafka(KafkaConfig newKafka) {
        return new PulseboardConfig(newKafka, topology, producer, generator);
    }

    public PulseboardConfig withGenerator(GeneratorConfig newGenerator) {
        return new PulseboardConfig(kafka, topology, producer, newGenerator);
    }
}
