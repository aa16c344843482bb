package io.pulseboard.stack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.LocalStack;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.RestartBackoff;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.stack.StackException;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.StackProgress;
import io.pulseboard.stack.clickhouse.ClickHouseAvailability;
import io.pulseboard.stack.clickhouse.ClickHouseServerConfig;
import io.pulseboard.stack.clickhouse.ClickHouseServerProcess;
import io.pulseboard.stack.factory.LocalStackFactory;
import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.postgres.PostgresServerConfig;
import io.pulseboard.stack.postgres.PostgresServerProcess;
import io.pulseboard.stack.postgres.PostgresTestSupport;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackIT {

    @TempDir
    Path dataDir;

    /** "PART PHASE message", in the order reported. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** "PART PHASE thread-name", in the order reported. */
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private final StackProgress progress = (part, phase, message) -> {
        events.add(part + " " + phase + " " + message);
        threads.add(part + " " + phase + " " + Thread.currentThread().getName());
    };

    @Test
    void startsKafkaThenRedisReportingEachPartAndStopsRedisThenKafka() throws Exception {
        LocalStack stack = factory(clickhouseConfig()).create(Set.of(StackPart.REDIS), progress);
        RedisServerProcess redis;

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            RedisServerProcess running = ((EmbeddedStack) stack).redis().orElseThrow();
            assertThat(endpoints.redisUri())
                    .contains("redis://:" + running.password() + "@127.0.0.1:" + running.port());
            assertThat(endpoints.redisAddress()).contains("redis://127.0.0.1:" + running.port());
            assertThat(endpoints.redisPasswordFile()).contains(running.passwordFile());
            assertThat(endpoints.clickhouseUrl()).isEmpty();
            assertThat(((EmbeddedStack) stack).clickhouse()).isEmpty();
            assertThat(stack.start()).isEqualTo(endpoints);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .extracting(Node::id)
                        .containsExactly(1);
            }
            URI redisUri = URI.create(endpoints.redisUri().orElseThrow());
            String password = redisUri.getUserInfo().substring(1);
            assertThat(ping(redisUri.getPort(), password)).isEqualTo("+OK +PONG");
            assertThat(events)
                    .containsExactly(
                            "KAFKA STARTING Starting Kafka in " + dataDir.resolve("kafka"),
                            "KAFKA READY " + endpoints.kafkaBootstrap(),
                            "REDIS STARTING Starting Redis in " + dataDir.resolve("redis"),
                            "REDIS READY " + endpoints.redisAddress().orElseThrow());

            redis = ((EmbeddedStack) stack).redis().orElseThrow();
            redis.kill();
            assertThat(redis.restart()).isEqualTo(endpoints.redisAddress().orElseThrow());
            assertThat(redis.authenticatedUri())
                    .as("a restart keeps the password the pipeline holds")
                    .isEqualTo(endpoints.redisUri().orElseThrow());
            assertThat(ping(redis.port(), password)).isEqualTo("+OK +PONG");
        }

        assertThat(events.subList(4, events.size()))
                .containsExactly("REDIS STOPPED Redis stopped", "KAFKA STOPPED Kafka stopped");
        assertThat(redis.isAlive()).isFalse();
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dropsAPendingRestartOfAKilledRedisWhenTheStackCloses() throws Exception {
        EmbeddedStack stack = new EmbeddedStack(
                Set.of(StackPart.REDIS),
                EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                RedisServerConfig.inDirectory(dataDir.resolve("redis")),
                clickhouseConfig(),
                postgresConfig(),
                progress,
                new RestartBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)));
        stack.start();
        RedisServerProcess redis = stack.redis().orElseThrow();
        long pid = redis.pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (only("REDIS").stream().noneMatch(event -> event.startsWith("REDIS RESTARTING"))) {
            assertThat(System.nanoTime())
                    .as("RESTARTING reported within 20 s: " + events)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        stack.close();

        assertThat(only("REDIS").subList(2, only("REDIS").size()))
                .hasSize(2)
                .last()
                .isEqualTo("REDIS STOPPED Redis stopped");
        assertThat(only("REDIS").get(2)).endsWith("; restarting in 60 s (attempt 1)");
        assertThat(redis.pid()).hasValue(pid);
        assertThat(redis.isAlive()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("pulseboard-stack-supervisor");
        assertThat(dataDir.resolve("redis").resolve("redis-server.pid")).doesNotExist();
    }

    @Test
    void runsWithoutRedisWhenRedisCannotStartAndStillReportsAKafkaFault() throws Exception {
        Path notADirectory = Files.createFile(dataDir.resolve("redis-is-a-file"));
        List<String> phases = new CopyOnWriteArrayList<>();
        EmbeddedStack stack = new EmbeddedStack(
                Set.of(StackPart.REDIS),
                EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                RedisServerConfig.inDirectory(notADirectory),
                clickhouseConfig(),
                postgresConfig(),
                (part, phase, message) -> phases.add(part + " " + phase));

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(endpoints.redisUri()).isEmpty();
            assertThat(stack.redis()).isEmpty();

            Exit.halt(1, "simulated fatal fault");
        }

        assertThat(phases)
                .containsExactly(
                        "KAFKA STARTING",
                        "KAFKA READY",
                        "REDIS STARTING",
                        "REDIS FAILED",
                        "KAFKA FAILED",
                        "REDIS STOPPED",
                        "KAFKA STOPPED");
    }

    @Test
    void startsClickHouseOnItsOwnThreadHandsBackItsUrlAndLeavesNoServerBehind() throws Exception {
        ClickHouseAvailability.assumeInstalled();
        EmbeddedStack stack = (EmbeddedStack)
                factory(clickhouseConfig()).create(EnumSet.of(StackPart.REDIS, StackPart.CLICKHOUSE), progress);
        ClickHouseServerProcess clickhouse;

        try (stack) {
            StackEndpoints endpoints = stack.start();

            String url = endpoints.clickhouseUrl().orElseThrow();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(get(url + "/ping")).isEqualTo("Ok.\n");
            assertThat(endpoints.redisUri()).isPresent();
            clickhouse = stack.clickhouse().orElseThrow();
            assertThat(clickhouse.endpoint()).isEqualTo(url);
            assertThat(clickhouseChildren()).isNotEmpty();
            assertThat(only("CLICKHOUSE"))
                    .containsExactly(
                            "CLICKHOUSE STARTING Starting ClickHouse in " + dataDir.resolve("clickhouse"),
                            "CLICKHOUSE READY " + url);
            assertThat(threads)
                    .contains(
                            "CLICKHOUSE STARTING pulseboard-stack-clickhouse",
                            "CLICKHOUSE READY pulseboard-stack-clickhouse");

            clickhouse.kill();
            assertThat(clickhouse.restart()).isEqualTo(url);
            assertThat(get(url + "/ping")).isEqualTo("Ok.\n");
        }

        assertThat(events.subList(events.size() - 3, events.size()))
                .containsExactly(
                        "CLICKHOUSE STOPPED ClickHouse stopped",
                        "REDIS STOPPED Redis stopped",
                        "KAFKA STOPPED Kafka stopped");
        assertThat(clickhouse.isAlive()).isFalse();
        assertThat(clickhouseChildren()).isEmpty();
    }

    @Test
    void failsAndStopsKafkaWhenClickHouseIsAskedForButNotInstalled() throws Exception {
        Path missing = dataDir.resolve("no-such-clickhouse-server");
        EmbeddedStack stack = (EmbeddedStack) factory(clickhouseConfig().withBinary(missing))
                .create(EnumSet.of(StackPart.REDIS, StackPart.CLICKHOUSE), progress);

        try (stack) {
            assertThatThrownBy(stack::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("ClickHouse did not start")
                    .hasMessageContaining("apt-get install " + ClickHouseServerProcess.DEBIAN_PACKAGE);

            assertThat(only("CLICKHOUSE")).hasSize(2).first().asString().startsWith("CLICKHOUSE STARTING");
            assertThat(only("CLICKHOUSE").get(1))
                    .startsWith("CLICKHOUSE FAILED")
                    .contains(missing.toString());
            assertThat(only("REDIS")).as("Redis starts after ClickHouse").isEmpty();
            List<String> kafka = only("KAFKA");
            assertThat(kafka).hasSize(3);
            assertThat(kafka.get(2)).isEqualTo("KAFKA STOPPED Kafka stopped");
            String bootstrap = kafka.get(1).substring("KAFKA READY ".length());
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
            assertThat(stack.clickhouse()).isEmpty();
            assertThat(stack.redis()).isEmpty();
            assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
        }

        assertThat(events.get(events.size() - 1)).isEqualTo("CLICKHOUSE STOPPED ClickHouse stopped");
        assertThat(only("KAFKA")).hasSize(3);
    }

    @Test
    void stopsTheStartedClickHouseWhenKafkaCannotStart() throws Exception {
        ClickHouseAvailability.assumeInstalled();
        Path notADirectory = Files.createFile(dataDir.resolve("kafka-is-a-file"));
        LocalStack stack = new LocalStackFactory(
                        EmbeddedKafkaConfig.inDirectory(notADirectory),
                        RedisServerConfig.inDirectory(dataDir.resolve("redis")),
                        clickhouseConfig(),
                        postgresConfig())
                .create(Set.of(StackPart.CLICKHOUSE), progress);

        try (stack) {
            assertThatThrownBy(stack::start).isInstanceOf(StackException.class).hasMessageContaining("kafka-is-a-file");

            assertThat(clickhouseChildren()).isEmpty();
            assertThat(only("CLICKHOUSE")).hasSize(3);
            assertThat(only("CLICKHOUSE").get(2)).isEqualTo("CLICKHOUSE STOPPED ClickHouse stopped");
        }

        assertThat(only("KAFKA").stream().map(event -> event.split(" ")[1]))
                .containsExactly("STARTING", "FAILED", "STOPPED");
        assertThat(only("CLICKHOUSE")).hasSize(3);
    }

    @Test
    void startsPostgresAlongsideKafkaHandsBackItsEndpointRestartsItAfterAKillAndStopsItWithTheStack() throws Exception {
        EmbeddedStack stack = (EmbeddedStack)
                factory(clickhouseConfig()).create(EnumSet.of(StackPart.REDIS, StackPart.POSTGRES), progress);
        PostgresServerProcess postgres;
        int port;
        // Chained before the start: it runs on the thread that completes the stage.
        CompletableFuture<String> readyOn = stack.postgresReady()
                .thenApply(ready -> ready.map(e -> Thread.currentThread().getName() + " " + e.jdbcUrl())
                        .orElse("empty"))
                .toCompletableFuture();

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(readyOn)
                    .as("PostgreSQL is handed over from its own start thread, before the stack's start returns")
                    .isCompletedWithValue("pulseboard-stack-postgres "
                            + endpoints.postgres().orElseThrow().jdbcUrl());
            postgres = stack.postgres().orElseThrow();
            port = postgres.port();
            PostgresEndpoint endpoint = endpoints.postgres().orElseThrow();
            assertThat(endpoint)
                    .isEqualTo(new PostgresEndpoint(
                            "jdbc:postgresql://127.0.0.1:" + port + "/pulseboard",
                            "pulseboard",
                            dataDir.resolve("postgres").resolve("postgres.password")));
            assertThat(endpoints.toString()).doesNotContain(Files.readString(endpoint.passwordFile()));
            assertThat(endpoints.redisUri()).isPresent();
            assertThat(selectOne(endpoint)).isEqualTo(1);
            assertThat(only("POSTGRES"))
                    .containsExactly(
                            "POSTGRES STARTING Starting PostgreSQL in " + dataDir.resolve("postgres"),
                            "POSTGRES READY " + endpoint.jdbcUrl());
            assertThat(threads)
                    .contains(
                            "POSTGRES STARTING pulseboard-stack-postgres", "POSTGRES READY pulseboard-stack-postgres");

            long crashed = postgres.pid().orElseThrow();
            ProcessHandle.of(crashed).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (only("POSTGRES").size() < 5 || !postgres.isAlive()) {
                assertThat(System.nanoTime())
                        .as("PostgreSQL restarted within 30 s: " + events)
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(only("POSTGRES").get(2)).startsWith("POSTGRES RESTARTING exited (code 137) at ");
            assertThat(only("POSTGRES").subList(3, 5))
                    .containsExactly(
                            "POSTGRES STARTING restarting (attempt 1)", "POSTGRES READY again on 127.0.0.1:" + port);
            assertThat(selectOne(endpoint)).isEqualTo(1);
        }

        assertThat(events.subList(events.size() - 3, events.size()))
                .containsExactly(
                        "REDIS STOPPED Redis stopped",
                        "POSTGRES STOPPED PostgreSQL stopped",
                        "KAFKA STOPPED Kafka stopped");
        assertThat(postgres.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThat(PostgresTestSupport.processesIn(postgres.clusterDir())).isEmpty();
        PostgresTestSupport.deleteClusterOutside(dataDir, Optional.of(postgres.clusterDir()));
    }

    @Test
    void runsWithoutPostgresWhenItCannotStartAndReportsWhy() throws Exception {
        Path notADirectory = Files.createFile(dataDir.resolve("postgres-is-a-file"));
        EmbeddedStack stack = new EmbeddedStack(
                EnumSet.of(StackPart.POSTGRES),
                EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                RedisServerConfig.inDirectory(dataDir.resolve("redis")),
                clickhouseConfig(),
                PostgresServerConfig.inDirectory(notADirectory),
                progress);

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(endpoints.postgres()).isEmpty();
            assertThat(stack.postgres()).isEmpty();
            assertThat(stack.postgresReady().toCompletableFuture()).isCompletedWithValue(Optional.empty());
            assertThat(only("POSTGRES")).hasSize(2);
            assertThat(only("POSTGRES").get(1))
                    .startsWith("POSTGRES FAILED Cannot create the PostgreSQL data directory " + notADirectory);
        }

        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly("POSTGRES STOPPED PostgreSQL stopped", "KAFKA STOPPED Kafka stopped");
    }

    private static int selectOne(PostgresEndpoint endpoint) throws Exception {
        try (Connection connection = PostgresTestSupport.connect(endpoint);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            assertThat(result.next()).isTrue();
            return result.getInt(1);
        }
    }

    private LocalStackFactory factory(ClickHouseServerConfig clickhouse) {
        return new LocalStackFactory(
                EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                RedisServerConfig.inDirectory(dataDir.resolve("redis")),
                clickhouse,
                postgresConfig());
    }

    private PostgresServerConfig postgresConfig() {
        return PostgresServerConfig.inDirectory(dataDir.resolve("postgres"));
    }

    private ClickHouseServerConfig clickhouseConfig() {
        return ClickHouseServerConfig.inDirectory(dataDir.resolve("clickhouse"));
    }

    private List<String> only(String part) {
        return events.stream().filter(event -> event.startsWith(part + " ")).toList();
    }

    /** @return the live clickhouse processes among this JVM's descendants */
    private static List<ProcessHandle> clickhouseChildren() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("clickhouse"))
                .toList();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the first reply line of a RESP {@code PING}, read off a plain socket */
    /** @return the replies of AUTH and PING, e.g. {@code "+OK +PONG"} */
    private static String ping(int port, String password) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$4\r\nAUTH\r\n$" + password.length() + "\r\n" + password + "\r\n*1\r\n$4\r\nPING\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes("+OK\r\n+PONG\r\n".length());
            return new String(reply, StandardCharsets.US_ASCII).strip().replace("\r\n", " ");
        }
    }
}
