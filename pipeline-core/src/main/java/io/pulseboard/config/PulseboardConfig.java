package io.pulseboard.config;

/** Everything the pipeline is configured with; built by {@link ConfigLoader}. */
public record PulseboardConfig(
        KafkaConfig kafka,
        TopologyConfig topology,
        ProducerSettings producer,
        GeneratorConfig generator,
        RedisConfig redis) {

    public PulseboardConfig withKafka(KafkaConfig newKafka) {
        return new PulseboardConfig(newKafka, topology, producer, generator, redis);
    }

    public PulseboardConfig withGenerator(GeneratorConfig newGenerator) {
        return new PulseboardConfig(kafka, topology, producer, newGenerator, redis);
    }

    public PulseboardConfig withTopology(TopologyConfig newTopology) {
        return new PulseboardConfig(kafka, newTopology, producer, generator, redis);
    }

    public PulseboardConfig withRedis(RedisConfig newRedis) {
        return new PulseboardConfig(kafka, topology, producer, generator, newRedis);
    }
}
