package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.kafka.EmbeddedKafkaConfig;
import io.pulseboard.stack.redis.RedisServerConfig;
import io.pulseboard.stack.redis.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void startsKafkaThenRedisReportingEachPartAndStopsRedisThenKafka() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LocalStack stack = new LocalStackFactory(
                        EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                        RedisServerConfig.inDirectory(dataDir.resolve("redis")))
                .create((part, phase, message) -> events.add(part + " " + phase + " " + message));
        RedisServerProcess redis;

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(endpoints.redisUri())
                    .hasValueSatisfying(uri -> assertThat(uri).startsWith("redis://127.0.0.1:"));
            assertThat(stack.start()).isEqualTo(endpoints);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .extracting(Node::id)
                        .containsExactly(1);
            }
            assertThat(ping(URI.create(endpoints.redisUri().orElseThrow()).getPort()))
                    .isEqualTo("+PONG");
            assertThat(events)
                    .containsExactly(
                            "KAFKA STARTING Starting Kafka in " + dataDir.resolve("kafka"),
                            "KAFKA READY " + endpoints.kafkaBootstrap(),
                            "REDIS STARTING Starting Redis in " + dataDir.resolve("redis"),
                            "REDIS READY " + endpoints.redisUri().orElseThrow());

            redis = ((EmbeddedStack) stack).redis().orElseThrow();
            redis.kill();
            assertThat(redis.restart()).isEqualTo(endpoints.redisUri().orElseThrow());
            assertThat(ping(redis.port())).isEqualTo("+PONG");
        }

        assertThat(events.subList(4, events.size()))
                .containsExactly("REDIS STOPPED Redis stopped", "KAFKA STOPPED Kafka stopped");
        assertThat(redis.isAlive()).isFalse();
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runsWithoutRedisWhenRedisCannotStartAndStillReportsAKafkaFault() throws Exception {
        Path notADirectory = Files.createFile(dataDir.resolve("redis-is-a-file"));
        List<String> events = new CopyOnWriteArrayList<>();
        EmbeddedStack stack = new EmbeddedStack(
                EmbeddedKafkaConfig.inDirectory(dataDir.resolve("kafka")),
                RedisServerConfig.inDirectory(notADirectory),
                (part, phase, message) -> events.add(part + " " + phase));

        try (stack) {
            StackEndpoints endpoints = stack.start();

            assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:");
            assertThat(endpoints.redisUri()).isEmpty();
            assertThat(stack.redis()).isEmpty();

            Exit.halt(1, "simulated fatal fault");
        }

        assertThat(events)
                .containsExactly(
                        "KAFKA STARTING",
                        "KAFKA READY",
                        "REDIS STARTING",
                        "REDIS FAILED",
                        "KAFKA FAILED",
                        "REDIS STOPPED",
                        "KAFKA STOPPED");
    }

    /** @return the first reply line of a RESP {@code PING}, read off a plain socket */
    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes("+PONG\r\n".length());
            return new String(reply, StandardCharsets.US_ASCII).strip();
        }
    }
}
