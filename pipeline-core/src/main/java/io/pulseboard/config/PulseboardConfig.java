package io.pulseboard.config;

/** Everything the pipeline is configured with; built by {@link ConfigLoader}. */
public record PulseboardConfig(
        KafkaConfig kafka,
        TopologyConfig topology,
        ProducerSettings producer,
        GeneratorConfig generator,
        RedisConfig redis,
        HistoryConfig history) {

    public PulseboardConfig withKafka(KafkaConfig newKafka) {
        return new PulseboardConfig(newKafka, topology, producer, generator, redis, history);
    }

    public PulseboardConfig withGenerator(GeneratorConfig newGenerator) {
        return new PulseboardConfig(kafka, topology, producer, newGenerator, redis, history);
    }

    public PulseboardConfig withTopology(TopologyConfig newTopology) {
        return new PulseboardConfig(kafka, newTopology, producer, generator, redis, history);
    }

    public PulseboardConfig withHistory(HistoryConfig newHistory) {
        return new PulseboardConfig(kafka, topology, producer, generator, redis, newHistory);
    }

    public PulseboardConfig withRedis(RedisConfig newRedis) {
        return new PulseboardConfig(kafka, topology, producer, generator, newRedis, history);
    }
}
