package io.pulseboard.cli;

import io.pulseboard.config.PulseboardConfig;
import io.pulseboard.serde.Json;
import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.LocalStackFactory;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.topic.TopicProvisioner;
import io.pulseboard.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pulseboard stack up}: keeps a local stack running for external clients. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = "Manage the local stack.",
        subcommands = StackCommand.Up.class)
public final class StackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Start the local stack (in-JVM Kafka), create the pipeline's topics, print the "
                    + "addresses and keep running until Ctrl-C.")
    static final class Up implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            PulseboardConfig config = options.load(Map.of());
            try (ShutdownSignal signal = ShutdownSignal.install();
                    LocalStack stack = LocalStackFactory.inAppData(AppDirectories.detect())
                            .create(new ProgressPrinter(System.out))) {
                StackEndpoints endpoints = stack.start();
                provisionTopics(config.withKafka(config.kafka().withBootstrapServers(endpoints.kafkaBootstrap())));
                System.out.println();
                System.out.println("Kafka bootstrap: " + endpoints.kafkaBootstrap());
                System.out.println("Redis: " + endpoints.redisUri().orElse("not running (see the redis line above)"));
                endpoints
                        .redisUri()
                        .ifPresent(uri -> System.out.println(
                                "Read metrics:       redis-cli -p " + uri.substring(uri.lastIndexOf(':') + 1)
                                        + " SMEMBERS pulseboard:regions   (docs/redis-keys.md)"));
                System.out.println("Topics: " + Topics.SALES_EVENTS + ", " + Topics.CUSTOMER_EVENTS + " (input); "
                        + Topics.SALES_METRICS + ", " + Topics.ENGAGEMENT_SCORES + ", " + Topics.DATA_QUALITY + ", "
                        + Topics.DEAD_LETTERS + " (output)");
                System.out.println("Produce with kcat:  kcat -P -b " + endpoints.kafkaBootstrap() + " -t "
                        + Topics.SALES_EVENTS + " < sales.jsonl");
                System.out.println(
                        "Run the pipeline:   ./pulseboard pipeline --bootstrap " + endpoints.kafkaBootstrap());
                System.out.println("Ctrl-C stops the stack.");
                signal.await(options.duration());
                return 0;
            }
        }
    }

    static void provisionTopics(PulseboardConfig config) {
        try (Admin admin = Admin.create(config.kafka().toAdminProperties())) {
            new TopicProvisioner(admin)
                    .ensure(
                            Topics.create(new Json(), config.topology().partitions())
                                    .all(),
                            Duration.ofSeconds(60));
        }
    }
}
