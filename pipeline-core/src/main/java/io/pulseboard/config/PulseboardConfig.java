package io.pulseboard.config;

/**
 * Everything the pipeline is configured with, and the local stack's own settings ({@link StackConfig});
 * built by {@link ConfigLoader}.
 */
public record PulseboardConfig(
        KafkaConfig kafka,
        TopologyConfig topology,
        ProducerSettings producer,
        GeneratorConfig generator,
        RedisConfig redis,
        HistoryConfig history,
        StackConfig stack,
        PostgresConfig postgres) {

    public PulseboardConfig withKafka(KafkaConfig newKafka) {
        return new PulseboardConfig(newKafka, topology, producer, generator, redis, history, stack, postgres);
    }

    public PulseboardConfig withGenerator(GeneratorConfig newGenerator) {
        return new PulseboardConfig(kafka, topology, producer, newGenerator, redis, history, stack, postgres);
    }

    public PulseboardConfig withTopology(TopologyConfig newTopology) {
        return new PulseboardConfig(kafka, newTopology, producer, generator, redis, history, stack, postgres);
    }

    public PulseboardConfig withHistory(HistoryConfig newHistory) {
        return new PulseboardConfig(kafka, topology, producer, generator, redis, newHistory, stack, postgres);
    }

    public PulseboardConfig withPostgres(PostgresConfig newPostgres) {
        return new PulseboardConfig(kafka, topology, producer, generator, redis, history, stack, newPostgres);
    }

    public PulseboardConfig withRedis(RedisConfig newRedis) {
        return new PulseboardConfig(kafka, topology, producer, generator, newRedis, history, stack, postgres);
    }
}
