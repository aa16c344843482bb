package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.cli.StackCommand;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pulseboard stack up}'s session: the local stack with the pipeline's topics, for other clients. */
class LocalStackSessionIT {

    @TempDir
    Path temp;

    private SessionFactory sessions;
    private final Steps steps = new Steps();
    private LeftBehind leftBehind;

    @BeforeEach
    void emptyDataHome() {
        sessions = new SessionFactory(AppDirectories.at(temp.resolve("data")), Map.of(), Clock.systemUTC());
        leftBehind = LeftBehind.snapshot();
    }

    @Test
    void startsKafkaWithThePipelinesTopicsAndRedis() throws Exception {
        try (LocalStackSession session = sessions.localStack(ConfigSource.none(), steps)) {
            session.start();

            Properties admin = new Properties();
            admin.put(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    session.endpoints().kafkaBootstrap());
            try (Admin client = Admin.create(admin)) {
                Set<String> topics = client.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(topics)
                        .containsExactlyInAnyOrder(
                                Topics.SALES_EVENTS,
                                Topics.CUSTOMER_EVENTS,
                                Topics.SALES_METRICS,
                                Topics.ENGAGEMENT_SCORES,
                                Topics.DATA_QUALITY,
                                Topics.DEAD_LETTERS);
            }
            assertThat(ChildProcesses.redis()).hasSize(1);
            assertRedisIsReachableOnlyWithThePasswordThatStackUpPointsTo(session.endpoints());
        }
        assertThat(steps.seen()).contains("KAFKA:READY", "REDIS:READY", "KAFKA:STOPPED", "REDIS:STOPPED");
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void cancelledOnceKafkaIsUpStopsWithoutTopicsAndLeavesNothingBehind() throws Exception {
        LocalStackSession session = sessions.localStack(ConfigSource.none(), steps);
        steps.assertStartIsCancelled(session, SessionPart.KAFKA, PartState.READY);
        session.close();

        assertThatThrownBy(session::endpoints).isInstanceOf(IllegalStateException.class);
        assertThat(steps.seen()).contains("KAFKA:STOPPED");
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    /**
     * The password the endpoints carry is the one in the owner-only file, {@code stack up} prints where
     * that file is and never the password, and its redis-cli line works as printed.
     */
    private void assertRedisIsReachableOnlyWithThePasswordThatStackUpPointsTo(StackEndpoints endpoints)
            throws Exception {
        URI uri = URI.create(endpoints.redisUri().orElseThrow());
        String password = uri.getUserInfo().substring(1);
        Path passwordFile = endpoints.redisPasswordFile().orElseThrow();
        assertThat(passwordFile).isEqualTo(temp.resolve("data").resolve("redis").resolve("redis-server.password"));
        assertThat(Files.readString(passwordFile)).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        assertThat(endpoints.redisAddress()).contains("redis://127.0.0.1:" + uri.getPort());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            StackCommand.printAddresses(out, endpoints);
        }
        String console = printed.toString(StandardCharsets.UTF_8);
        assertThat(console)
                .contains("Redis: redis://127.0.0.1:" + uri.getPort())
                .doesNotContain(password);

        Path redisCli = Path.of("/usr/bin/redis-cli");
        if (Files.isExecutable(redisCli)) {
            String readMetrics = console.lines()
                    .filter(line -> line.startsWith("Read metrics:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("Read metrics:".length())
                    .replace("   (docs/redis-keys.md)", "")
                    .strip();
            assertThat(run(readMetrics.replace(" SMEMBERS pulseboard:regions", " SET pulseboard:cli ok")))
                    .isEqualTo("OK");
            assertThat(run(readMetrics.replace(" SMEMBERS pulseboard:regions", " GET pulseboard:cli")))
                    .isEqualTo("ok");
            assertThat(run("redis-cli -p " + uri.getPort() + " GET pulseboard:cli"))
                    .isEqualTo("NOAUTH Authentication required.");
        }
    }

    /** @return what the shell command printed (output and errors), stripped */
    private static String run(String shellCommand) throws Exception {
        Process shell = new ProcessBuilder("/bin/sh", "-c", shellCommand)
                .redirectErrorStream(true)
                .start();
        shell.getOutputStream().close();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).as(shellCommand).isTrue();
        return output.strip();
    }
}
