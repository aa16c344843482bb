package io.pulseboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code pulseboard stack up} prints once the stack runs. */
class StackCommandTest {

    private static final String PASSWORD = "5f1c0ffee0ddba11";

    @Test
    void printsTheRedisAddressAndWhereThePasswordIsButNeverThePassword() {
        Path file = Path.of("/home/ana/.local/share/pulseboard/redis/redis-server.password");
        Path postgresFile = Path.of("/home/ana/.local/share/pulseboard/postgres/postgres.password");
        StackEndpoints endpoints = StackEndpoints.ofKafka("127.0.0.1:41347")
                .withRedis("redis://:" + PASSWORD + "@127.0.0.1:43063", file)
                .withPostgres(new PostgresEndpoint(
                        "jdbc:postgresql://127.0.0.1:45113/pulseboard", "pulseboard", postgresFile));

        String printed = print(endpoints);

        assertThat(printed).doesNotContain(PASSWORD);
        assertThat(printed.lines())
                .containsExactly(
                        "",
                        "Kafka bootstrap: 127.0.0.1:41347",
                        "Redis: redis://127.0.0.1:43063 (requires the password in " + file + ", readable by you only)",
                        "Read metrics:       REDISCLI_AUTH=\"$(cat '" + file + "')\" redis-cli -p 43063"
                                + " SMEMBERS pulseboard:regions   (docs/redis-keys.md)",
                        "PostgreSQL: jdbc:postgresql://127.0.0.1:45113/pulseboard, user pulseboard (requires the"
                                + " password in " + postgresFile + ", readable by you only)",
                        "Query it:           PGPASSWORD=\"$(cat '" + postgresFile + "')\" psql -h 127.0.0.1 -p 45113"
                                + " -U pulseboard pulseboard",
                        "Topics: sales-events, customer-events (input); reference-exchange-rates, reference-products,"
                                + " reference-regions, reference-alert-rules (reference data, written by the pipeline"
                                + " from PostgreSQL); sales-metrics, sales-by-category, sales-by-channel,"
                                + " sales-by-product, region-targets, alerts, customer-engagement-scores,"
                                + " data-quality-metrics, dead-letter-events (output)",
                        "Produce with kcat:  kcat -P -b 127.0.0.1:41347 -t sales-events < sales.jsonl",
                        "Run the pipeline:   ./pulseboard pipeline --bootstrap 127.0.0.1:41347",
                        "  writing to Redis: PULSEBOARD_REDIS_URI=\"redis://:$(cat '" + file + "')@127.0.0.1:43063\""
                                + " ./pulseboard pipeline --bootstrap 127.0.0.1:41347",
                        "  with the reference data: PULSEBOARD_POSTGRES_PASSWORD=\"$(cat '" + postgresFile + "')\""
                                + " ./pulseboard pipeline --bootstrap 127.0.0.1:41347 -D"
                                + " pulseboard.postgres.url=jdbc:postgresql://127.0.0.1:45113/pulseboard -D"
                                + " pulseboard.postgres.user=pulseboard",
                        "Ctrl-C stops the stack.");
    }

    @Test
    void quotesAPasswordFileWithASingleQuoteForTheShell() {
        Path file = Path.of("/tmp/o'brien/redis-server.password");
        String printed = print(StackEndpoints.ofKafka("127.0.0.1:1").withRedis("redis://:x@127.0.0.1:2", file));

        assertThat(printed)
                .contains("REDISCLI_AUTH=\"$(cat '/tmp/o'\\''brien/redis-server.password')\" redis-cli -p 2");
    }

    @Test
    void saysRedisIsNotRunningAndOffersNoRedisHint() {
        String printed = print(StackEndpoints.ofKafka("127.0.0.1:41347"));

        assertThat(printed)
                .contains("PostgreSQL: not running (see the PostgreSQL line above)\n")
                .doesNotContain("psql")
                .doesNotContain("with the reference data")
                .contains("Redis: not running (see the redis line above)\n")
                .doesNotContain("redis-cli")
                .doesNotContain("writing to Redis");
    }

    private static String print(StackEndpoints endpoints) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            StackCommand.printAddresses(out, endpoints);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
