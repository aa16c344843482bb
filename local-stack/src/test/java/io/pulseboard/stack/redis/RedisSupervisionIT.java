package io.pulseboard.stack.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.embedded.EmbeddedStack;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A redis-server child killed with SIGKILL while the stack runs comes back on its port, and only then. */
class RedisSupervisionIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    /** "PART PHASE message", in the order reported. */
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void restartsAKilledRedisOnItsPortReportsItAndServesClientsAgain() throws Exception {
        LocalStack stack = stack();
        try (stack) {
            String uri = stack.start().redisUri().orElseThrow();
            int port = URI.create(uri).getPort();
            RedisServerProcess redis = ((EmbeddedStack) stack).redis().orElseThrow();
            long crashedPid = pidInFile();
            assertThat(crashedPid).isEqualTo(redis.pid().orElseThrow());
            int before = events.size();

            ProcessHandle.of(crashedPid).orElseThrow().destroyForcibly();

            awaitUntil(() -> events.size() >= before + 3 && redis.isAlive(), () -> "the restart");
            List<String> reported = events.subList(before, events.size());
            assertThat(reported).hasSize(3);
            assertThat(reported.get(0))
                    .matches("REDIS RESTARTING exited \\(code 137\\) at \\d\\d:\\d\\d:\\d\\d UTC;"
                            + " restarting in 0\\.5 s \\(attempt 1\\)");
            assertThat(reported.subList(1, 3))
                    .containsExactly("REDIS STARTING restarting (attempt 1)", "REDIS READY again on 127.0.0.1:" + port);
            long restartedPid = redis.pid().orElseThrow();
            assertThat(restartedPid).isNotEqualTo(crashedPid);
            assertThat(pidInFile()).isEqualTo(restartedPid);
            assertThat(redis.port()).isEqualTo(port);
            try (RawRespClient client = new RawRespClient(port)) {
                // The restarted server keeps the password the endpoints handed out (wt-redis).
                assertThat(client.call("AUTH", redis.password())).isEqualTo("+OK");
                assertThat(client.call("SET", "pulseboard:after-restart", "42")).isEqualTo("+OK");
                assertThat(client.call("GET", "pulseboard:after-restart")).isEqualTo("$2\r\n42");
            }
        }

        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly("REDIS STOPPED Redis stopped", "KAFKA STOPPED Kafka stopped");
        assertNothingLeft();
    }

    @Test
    void startsNothingAgainWhenRedisIsKilledAsTheStackCloses() throws Exception {
        LocalStack stack = stack();
        stack.start();
        long pid = pidInFile();
        int before = events.size();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        stack.close();

        assertNothingLeft();
        assertThat(events.subList(before, events.size()))
                .as("no restart once the close began")
                .noneMatch(event -> event.startsWith("REDIS STARTING") || event.startsWith("REDIS READY"))
                .endsWith("REDIS STOPPED Redis stopped", "KAFKA STOPPED Kafka stopped");
        assertThat(dataDir.resolve("redis").resolve("redis-server.pid")).doesNotExist();
    }

    private LocalStack stack() {
        return new LocalStackFactory(
                        EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                        RedisServerConfig.inDirectory(dataDir.resolve("redis")),
                        ClickHouseServerConfig.inDirectory(dataDir.resolve("clickhouse")),
                        PostgresServerConfig.inDirectory(dataDir.resolve("postgres")))
                .create(
                        Set.of(StackPart.REDIS),
                        (part, phase, message) -> events.add(part + " " + phase + " " + message));
    }

    private long pidInFile() throws IOException {
        String record = Files.readString(dataDir.resolve("redis").resolve("redis-server.pid"));
        String line =
                record.lines().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow();
        return Long.parseLong(line.substring("pid=".length()));
    }

    /** No redis-server among this JVM's descendants and no supervisor thread, within the deadline. */
    private void assertNothingLeft() throws InterruptedException {
        awaitUntil(
                () -> redisChildren().isEmpty() && supervisorThreads().isEmpty(),
                () -> "no redis-server child and no supervisor thread; left: " + redisChildren() + " "
                        + supervisorThreads());
    }

    private static List<ProcessHandle> redisChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("redis-server"))
                .toList();
    }

    private static List<String> supervisorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.equals("pulseboard-stack-supervisor"))
                .toList();
    }

    private void awaitUntil(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + DEADLINE + ": " + what.get() + "; events " + events);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
