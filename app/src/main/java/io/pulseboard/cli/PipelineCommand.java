package io.pulseboard.cli;

import io.pulseboard.service.PipelineService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the metrics topology against an existing Kafka, with no generator. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Run the metrics pipeline against an existing Kafka (no generator) and print live metrics.")
public final class PipelineCommand implements Callable<Integer> {

    @Option(
            names = {"-b", "--bootstrap"},
            paramLabel = "HOST:PORT",
            required = true,
            description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--redis", paramLabel = "URI", description = "Redis for live metrics, e.g. redis://127.0.0.1:6379.")
    String redis;

    @Option(names = "--application-id", description = "Kafka Streams application id (same id on every machine).")
    String applicationId;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("pulseboard.kafka.bootstrap-servers", bootstrap);
        if (redis != null) {
            keys.put("pulseboard.redis.uri", redis);
        }
        if (applicationId != null) {
            keys.put("pulseboard.kafka.application-id", applicationId);
        }
        return PipelineService.run(options.load(keys), options.duration(), System.out);
    }
}
