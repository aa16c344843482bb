package io.pulseboard.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.StackException;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures and closing, without a broker or server ever becoming ready. */
class EmbeddedStackTest {

    @TempDir
    Path tempDir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StackProgress progress = (part, phase, message) -> events.add(part + " " + phase);

    @Test
    void reportsFailedThrowsAndDoesNotStartRedisWhenKafkaCannotStart() throws Exception {
        Path notADirectory = Files.createFile(tempDir.resolve("not-a-directory"));

        try (EmbeddedStack stack = stack(
                EnumSet.of(StackPart.REDIS), EmbeddedKafkaConfig.inDirectory(notADirectory), clickhouseConfig())) {
            assertThatThrownBy(stack::start).isInstanceOf(StackException.class).hasMessageContaining("not-a-directory");
            assertThat(stack.redis()).isEmpty();
            assertThatThrownBy(stack::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed to start");
        }

        assertThat(events).containsExactly("KAFKA STARTING", "KAFKA FAILED", "KAFKA STOPPED");
        assertThat(tempDir.resolve("redis")).doesNotExist();
    }

    @Test
    void throwsKafkasFailureWithClickHousesAsSuppressedWhenNeitherCanStart() throws Exception {
        Path notADirectory = Files.createFile(tempDir.resolve("not-a-directory"));
        Path missingBinary = tempDir.resolve("no-such-clickhouse-server");

        try (EmbeddedStack stack = stack(
                EnumSet.of(StackPart.CLICKHOUSE),
                EmbeddedKafkaConfig.inDirectory(notADirectory),
                clickhouseConfig().withBinary(missingBinary))) {
            assertThatThrownBy(stack::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("not-a-directory")
                    .satisfies(e -> assertThat(e.getSuppressed())
                            .singleElement()
                            .satisfies(suppressed -> assertThat(suppressed)
                                    .hasMessageStartingWith("ClickHouse did not start")
                                    .hasMessageContaining(ClickHouseServerProcess.DEBIAN_PACKAGE)));
            assertThat(stack.clickhouse()).isEmpty();
        }

        assertThat(only("KAFKA")).containsExactly("KAFKA STARTING", "KAFKA FAILED", "KAFKA STOPPED");
        assertThat(only("CLICKHOUSE"))
                .containsExactly("CLICKHOUSE STARTING", "CLICKHOUSE FAILED", "CLICKHOUSE STOPPED");
    }

    @Test
    void stillStopsAndReportsAPostgresThatCannotStartEitherWhenKafkaCannotStart() throws Exception {
        Path notADirectory = Files.createFile(tempDir.resolve("not-a-directory"));
        Path postgresFile = Files.createFile(tempDir.resolve("postgres-is-a-file"));

        try (EmbeddedStack stack = new EmbeddedStack(
                EnumSet.of(StackPart.POSTGRES),
                EmbeddedKafkaConfig.inDirectory(notADirectory),
                RedisServerConfig.inDirectory(tempDir.resolve("redis")),
                clickhouseConfig(),
                PostgresServerConfig.inDirectory(postgresFile),
                progress)) {
            assertThatThrownBy(stack::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("not-a-directory")
                    .satisfies(e -> assertThat(e.getSuppressed())
                            .singleElement()
                            .satisfies(suppressed -> assertThat(suppressed)
                                    .hasMessageStartingWith("PostgreSQL did not start: Cannot create the PostgreSQL"
                                            + " data directory " + postgresFile)));
            assertThat(stack.postgres()).isEmpty();
        }

        assertThat(only("KAFKA")).containsExactly("KAFKA STARTING", "KAFKA FAILED", "KAFKA STOPPED");
        assertThat(only("POSTGRES")).containsExactly("POSTGRES STARTING", "POSTGRES FAILED", "POSTGRES STOPPED");
    }

    @Test
    void closingAStackThatNeverStartedReportsNothing() {
        LocalStack stack = stack(
                EnumSet.allOf(StackPart.class),
                EmbeddedKafkaConfig.inDirectory(tempDir.resolve("kafka")),
                clickhouseConfig());

        stack.close();
        stack.close();

        assertThat(events).isEmpty();
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }

    private EmbeddedStack stack(Set<StackPart> parts, EmbeddedKafkaConfig kafka, ClickHouseServerConfig clickhouse) {
        return new EmbeddedStack(
                parts,
                kafka,
                RedisServerConfig.inDirectory(tempDir.resolve("redis")),
                clickhouse,
                PostgresServerConfig.inDirectory(tempDir.resolve("postgres")),
                progress);
    }

    private ClickHouseServerConfig clickhouseConfig() {
        return ClickHouseServerConfig.inDirectory(tempDir.resolve("clickhouse"));
    }

    private List<String> only(String part) {
        return events.stream().filter(event -> event.startsWith(part + " ")).toList();
    }
}
