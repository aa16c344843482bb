package io.pulseboard.cli;

import io.pulseboard.service.ShutdownSignal;
import io.pulseboard.session.LocalStackSession;
import io.pulseboard.session.SessionFactory;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.topic.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
            description = "Start the local stack (in-JVM Kafka, Redis, PostgreSQL with the reference schema),"
                    + " create the pipeline's topics, print the addresses and keep running until Ctrl-C.")
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
    }

    /**
     * The addresses and how to use them; never the Redis password: it stays in its owner-only file,
     * and the hints read it from there (an environment variable, unlike an argument, is not shown to
     * other users by {@code ps}). Public for the session tests that run these hints against a real stack.
     *
     * @param out where to print; never null
     * @param endpoints the running stack's; never null
     */
    public static void printAddresses(PrintStream out, StackEndpoints endpoints) {
        String kafka = endpoints.kafkaBootstrap();
        Optional<String> password = endpoints.redisPasswordFile().map(file -> "$(cat " + quoted(file) + ")");
        out.println();
        out.println("Kafka bootstrap: " + kafka);
        endpoints
                .redisAddress()
                .ifPresentOrElse(
                        address -> {
                            out.println("Redis: " + address
                                    + endpoints
                                            .redisPasswordFile()
                                            .map(file ->
                                                    " (requires the password in " + file + ", readable by you only)")
                                            .orElse(""));
                            out.println("Read metrics:       "
                                    + password.map(p -> "REDISCLI_AUTH=\"" + p + "\" ")
                                            .orElse("")
                                    + "redis-cli -p " + URI.create(address).getPort()
                                    + " SMEMBERS pulseboard:regions   (docs/redis-keys.md)");
                        },
                        () -> out.println("Redis: not running (see the redis line above)"));
        endpoints
                .postgres()
                .ifPresentOrElse(
                        postgres -> {
                            URI address = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
                            out.println("PostgreSQL: " + postgres.jdbcUrl() + ", user " + postgres.user()
                                    + " (requires the password in " + postgres.passwordFile()
                                    + ", readable by you only)");
                            out.println("Query it:           PGPASSWORD=\"$(cat " + quoted(postgres.passwordFile())
                                    + ")\" psql -h " + address.getHost() + " -p " + address.getPort() + " -U "
                                    + postgres.user() + " " + address.getPath().substring(1));
                        },
                        () -> out.println("PostgreSQL: not running (see the PostgreSQL line above)"));
        out.println("Topics: " + Topics.SALES_EVENTS + ", " + Topics.CUSTOMER_EVENTS + " (input); "
                + String.join(", ", Topics.EXCHANGE_RATES, Topics.PRODUCTS, Topics.REGIONS, Topics.ALERT_RULES)
                + " (reference data, written by the pipeline from PostgreSQL); "
                + String.join(
                        ", ",
                        Topics.SALES_METRICS,
                        Topics.SALES_BY_CATEGORY,
                        Topics.SALES_BY_CHANNEL,
                        Topics.SALES_BY_PRODUCT,
                        Topics.REGION_TARGETS,
                        Topics.ALERTS,
                        Topics.ENGAGEMENT_SCORES,
                        Topics.DATA_QUALITY,
                        Topics.DEAD_LETTERS)
                + " (output)");
        out.println("Produce with kcat:  kcat -P -b " + kafka + " -t " + Topics.SALES_EVENTS + " < sales.jsonl");
        out.println("Run the pipeline:   ./pulseboard pipeline --bootstrap " + kafka);
        endpoints
                .redisAddress()
                .map(URI::create)
                .ifPresent(address -> out.println("  writing to Redis: "
                        + password.map(p -> "PULSEBOARD_REDIS_URI=\"" + address.getScheme() + "://:" + p + "@"
                                        + address.getRawAuthority() + "\" ./pulseboard pipeline --bootstrap "
                                        + kafka)
                                .orElse("./pulseboard pipeline --bootstrap " + kafka + " --redis " + address)));
        endpoints
                .postgres()
                .ifPresent(postgres -> out.println("  with the reference data: PULSEBOARD_POSTGRES_PASSWORD=\"$(cat "
                        + quoted(postgres.passwordFile()) + ")\" ./pulseboard pipeline --bootstrap " + kafka
                        + " -D pulseboard.postgres.url=" + postgres.jdbcUrl() + " -D pulseboard.postgres.user="
                        + postgres.user()));
        out.println("Ctrl-C stops the stack.");
    }

    /** @return the path as one POSIX shell word, in single quotes */
    private static String quoted(Path file) {
        return "'" + file.toString().replace("'", "'\\''") + "'";
    }
}
