package io.pulseboard.cli;

import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.session.LocalStackSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.topic.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
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
            PrintStream out = System.out;
            SessionFactory sessions = new SessionFactory(AppDirectories.detect(), System.getenv(), Clock.systemUTC());
            try (ShutdownSignal signal = ShutdownSignal.install();
                    LocalStackSession session =
                            sessions.localStack(options.source(Map.of()), new ProgressPrinter(out))) {
                session.start();
                printAddresses(out, session.endpoints());
                signal.await(options.duration());
                return 0;
            }
        }

        private static void printAddresses(PrintStream out, StackEndpoints endpoints) {
            out.println();
            out.println("Kafka bootstrap: " + endpoints.kafkaBootstrap());
            out.println("Redis: " + endpoints.redisUri().orElse("not running (see the redis line above)"));
            endpoints
                    .redisUri()
                    .ifPresent(uri ->
                            out.println("Read metrics:       redis-cli -p " + uri.substring(uri.lastIndexOf(':') + 1)
                                    + " SMEMBERS pulseboard:regions   (docs/redis-keys.md)"));
            out.println("Topics: " + Topics.SALES_EVENTS + ", " + Topics.CUSTOMER_EVENTS + " (input); "
                    + Topics.SALES_METRICS + ", " + Topics.ENGAGEMENT_SCORES + ", " + Topics.DATA_QUALITY + ", "
                    + Topics.DEAD_LETTERS + " (output)");
            out.println("Produce with kcat:  kcat -P -b " + endpoints.kafkaBootstrap() + " -t " + Topics.SALES_EVENTS
                    + " < sales.jsonl");
            out.println("Run the pipeline:   ./pulseboard pipeline --bootstrap " + endpoints.kafkaBootstrap());
            out.println("Ctrl-C stops the stack.");
        }
    }
}
