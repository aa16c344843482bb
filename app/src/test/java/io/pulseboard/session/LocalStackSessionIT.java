package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.cli.StackCommand;
import io.pulseboard.config.ConfigException;
import io.pulseboard.postgres.PostgresConnection;
import io.pulseboard.session.SessionFactory.ConfigSource;
import io.pulseboard.stack.AppDirectories;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.StackEndpoints;
import io.pulseboard.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
                                Topics.DEAD_LETTERS,
                                Topics.EXCHANGE_RATES,
                                Topics.PRODUCTS,
                                Topics.REGIONS,
                                Topics.SALES_BY_CATEGORY,
                                Topics.SALES_BY_CHANNEL,
                                Topics.SALES_BY_PRODUCT,
                                Topics.REGION_TARGETS,
                                Topics.ALERT_RULES,
                                Topics.ALERTS);
            }
            assertThat(ChildProcesses.redis()).hasSize(1);
            assertRedisIsReachableOnlyWithThePasswordThatStackUpPointsTo(session.endpoints());
            assertPostgresHoldsTheEmptyReferenceTablesThatStackUpPointsTo(session.endpoints());
        }
        assertThat(steps.seen())
                .contains(
                        "KAFKA:READY",
                        "REDIS:READY",
                        "POSTGRES:READY",
                        "KAFKA:STOPPED",
                        "REDIS:STOPPED",
                        "POSTGRES:STOPPED");
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void tellsThatAKilledRedisIsRestartedOnItsPortAndRestartsNothingOnceClosing() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        SessionListener listener = (part, state, message) -> told.add(part + " " + state + " " + message);
        try (LocalStackSession session = sessions.localStack(ConfigSource.none(), listener)) {
            session.start();
            int port = URI.create(session.endpoints().redisUri().orElseThrow()).getPort();
            ProcessHandle crashed = onlyRedis();
            int before = told.size();

            crashed.destroyForcibly();

            String ready = "REDIS READY again on 127.0.0.1:" + port;
            Await.until(
                    Duration.ofSeconds(20),
                    () -> told.contains(ready) ? Optional.of(true) : Optional.empty(),
                    () -> "'" + ready + "' among " + told);
            List<String> restart = told.subList(before, told.size());
            assertThat(restart).hasSize(3);
            assertThat(restart.get(0))
                    .matches("REDIS RESTARTING exited \\(code 137\\) at \\d\\d:\\d\\d:\\d\\d UTC;"
                            + " restarting in 0\\.5 s \\(attempt 1\\)");
            assertThat(restart.subList(1, 3)).containsExactly("REDIS STARTING restarting (attempt 1)", ready);
            assertThat(onlyRedis().pid()).isNotEqualTo(crashed.pid());

            onlyRedis().destroyForcibly(); // as the session closes
        }

        assertThat(told.stream().filter(step -> step.startsWith("REDIS STARTING")))
                .as("no restart of the redis-server killed as the session closed")
                .hasSize(2);
        assertThat(told).contains("REDIS STOPPED Redis stopped");
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    private static ProcessHandle onlyRedis() {
        List<ProcessHandle> running = ChildProcesses.redis();
        assertThat(running).as("redis-server children").hasSize(1);
        return running.get(0);
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

    @Test
    void theStacksPortsFromDashDAreExactlyThePortsKafkaAndRedisListenOn() throws Exception {
        int[] ports = freePorts(3);
        ConfigSource source = new ConfigSource(
                Optional.empty(),
                Map.of(
                        "pulseboard.stack.kafka-port", Integer.toString(ports[0]),
                        "pulseboard.stack.kafka-controller-port", Integer.toString(ports[1]),
                        "pulseboard.stack.redis-port", Integer.toString(ports[2])));

        try (LocalStackSession session = sessions.localStack(source, steps)) {
            session.start();

            assertThat(session.endpoints().kafkaBootstrap()).isEqualTo("127.0.0.1:" + ports[0]);
            assertThat(session.endpoints().redisAddress()).contains("redis://127.0.0.1:" + ports[2]);
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports[0]);
            try (Admin client = Admin.create(admin)) {
                assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains(Topics.SALES_EVENTS);
            }
        }
        // The explicit ports are stored with the broker's data (docs/adr/0014).
        assertThat(Files.readString(temp.resolve("data/kafka/ports.properties")))
                .contains("client.port=" + ports[0], "controller.port=" + ports[1]);
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    @Test
    void aBadStackPortNamesTheKeyAndTheFixBeforeAnythingStarts() {
        ConfigSource source = new ConfigSource(Optional.empty(), Map.of("pulseboard.stack.kafka-port", "99999"));

        assertThatThrownBy(() -> sessions.localStack(source, steps))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value '99999' for pulseboard.stack.kafka-port (from command line):"
                        + " expected a port from 1 to 65535, or empty to let the local stack choose");
        assertThat(steps.seen()).isEmpty();
    }

    @Test
    void aStackPortTakenByAnotherProcessFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ConfigSource source =
                    new ConfigSource(Optional.empty(), Map.of("pulseboard.stack.redis-port", Integer.toString(port)));
            try (LocalStackSession session = sessions.localStack(source, steps)) {
                session.start();

                assertThat(session.endpoints().redisUri()).isEmpty();
                assertThat(steps.withMessages())
                        .contains("REDIS:FAILED Redis's port " + port + " on 127.0.0.1 (set explicitly) is in use by"
                                + " another process: stop that process, or choose another port");
            }
        }
        leftBehind.assertNothingLeft(Duration.ofSeconds(30));
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
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

    private void assertPostgresHoldsTheEmptyReferenceTablesThatStackUpPointsTo(StackEndpoints endpoints)
            throws Exception {
        PostgresEndpoint postgres = endpoints.postgres().orElseThrow();
        String password = postgres.readPassword();
        try (Connection connection = new PostgresConnection(postgres.jdbcUrl(), postgres.user(), password).open();
                Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery("SELECT (SELECT count(*) FROM regions),"
                        + " (SELECT count(*) FROM products), (SELECT count(*) FROM exchange_rates)")) {
            assertThat(counts.next()).isTrue();
            assertThat(List.of(counts.getLong(1), counts.getLong(2), counts.getLong(3)))
                    .as("the schema is migrated, and no demo catalogue is seeded")
                    .containsExactly(0L, 0L, 0L);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            StackCommand.printAddresses(out, endpoints);
        }
        String console = printed.toString(StandardCharsets.UTF_8);
        assertThat(console)
                .contains("PostgreSQL: " + postgres.jdbcUrl() + ", user " + postgres.user())
                .contains("PULSEBOARD_POSTGRES_PASSWORD=\"$(cat '" + postgres.passwordFile() + "')\"")
                .doesNotContain(password);
        if (Files.isExecutable(Path.of("/usr/bin/psql"))) {
            String queryIt = console.lines()
                    .filter(line -> line.startsWith("Query it:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("Query it:".length())
                    .strip();
            assertThat(run(queryIt + " -At -c 'SELECT count(*) FROM customer_segments'"))
                    .isEqualTo("0");
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
