package io.pulseboard.stack.postgres;

import static io.pulseboard.stack.postgres.PostgresTestSupport.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.stack.ChildSupervisor;
import io.pulseboard.stack.PostgresEndpoint;
import io.pulseboard.stack.RestartBackoff;
import io.pulseboard.stack.StackPart;
import io.pulseboard.stack.postgres.PostgresBinaries.Source;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL from each source of binaries: a client connects with the endpoint and the password
 * file, its rows survive a restart, a kill and a supervisor's restart, and close leaves no process and
 * no open port. The start times are logged ("start times").
 */
class PostgresServerProcessIT {
    private static final Logger log = LoggerFactory.getLogger(PostgresServerProcessIT.class);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private final List<Path> clusters = new ArrayList<>();

    @AfterEach
    void deleteClustersOutsideTheTempDir() {
        clusters.forEach(cluster -> PostgresTestSupport.deleteClusterOutside(tempDir, Optional.of(cluster)));
    }

    @Test
    void theBundledServerKeepsItsRowsAcrossRestartsKillsAndStartsAndLeavesNothingBehind() throws Exception {
        runTheWholeLifeCycle(PostgresBinaryPreference.BUNDLED_ONLY, Source.BUNDLED, "14");
    }

    @Test
    void debiansServerKeepsItsRowsAcrossRestartsKillsAndStartsAndLeavesNothingBehind() throws Exception {
        PostgresTestSupport.assumeDebianInstalled();
        String major = PostgresBinaries.findDebian(PostgresBinaries.DEBIAN_ROOT)
                .orElseThrow()
                .majorVersion();
        runTheWholeLifeCycle(PostgresBinaryPreference.INSTALLED_FIRST, Source.DEBIAN, major);
    }

    @Test
    void aClusterOfAnotherMajorVersionIsRefusedNamingItsDirectoryAndTheFix() throws Exception {
        PostgresTestSupport.assumeDebianInstalled();
        Path dataDir = tempDir.resolve("postgres");
        PostgresServerConfig bundled =
                PostgresServerConfig.inDirectory(dataDir).withPreference(PostgresBinaryPreference.BUNDLED_ONLY);
        try (PostgresServerProcess first = new PostgresServerProcess(bundled)) {
            first.start();
            clusters.add(first.clusterDir());
        }
        String debianMajor = PostgresBinaries.findDebian(PostgresBinaries.DEBIAN_ROOT)
                .orElseThrow()
                .majorVersion();

        try (PostgresServerProcess other =
                new PostgresServerProcess(bundled.withPreference(PostgresBinaryPreference.INSTALLED_FIRST))) {
            assertThatThrownBy(other::start)
                    .hasMessageStartingWith("The PostgreSQL cluster in " + clusters.get(0) + " was made by PostgreSQL"
                            + " 14, but the binaries chosen are Debian's PostgreSQL " + debianMajor)
                    .hasMessageContaining("Either delete " + clusters.get(0))
                    .hasMessageContaining("install postgresql-14, or set the binary preference to BUNDLED_ONLY");
        }
    }

    @Test
    void asRootAClusterWhoseDataDirectoryWasDeletedIsDeletedByTheNextStart() throws Exception {
        Assumptions.assumeTrue(ServerUser.isRoot(), "only a JVM running as root keeps clusters in /var/lib/pulseboard");
        Path deletedLater = tempDir.resolve("deleted-later");
        Path abandoned;
        try (PostgresServerProcess first = new PostgresServerProcess(PostgresServerConfig.inDirectory(deletedLater))) {
            first.start();
            abandoned = first.clusterDir().getParent();
            clusters.add(first.clusterDir());
        }
        assertThat(abandoned.resolve("data-dir"))
                .hasContent(deletedLater.toAbsolutePath().toString());
        BundledPostgres.deleteQuietly(deletedLater);

        try (PostgresServerProcess next =
                new PostgresServerProcess(PostgresServerConfig.inDirectory(tempDir.resolve("next")))) {
            next.start();
            clusters.add(next.clusterDir());

            assertThat(abandoned).doesNotExist();
            assertThat(next.clusterDir().resolve("PG_VERSION")).exists();
        }
    }

    private void runTheWholeLifeCycle(PostgresBinaryPreference preference, Source source, String major)
            throws Exception {
        Path dataDir = tempDir.resolve("postgres");
        PostgresServerConfig config = PostgresServerConfig.inDirectory(dataDir).withPreference(preference);
        PostgresServerProcess server = new PostgresServerProcess(config);
        Path cluster;
        int port;
        try (server) {
            long firstStart = System.nanoTime();
            String endpoint = server.start();
            long firstMillis = millisSince(firstStart);
            cluster = server.clusterDir();
            clusters.add(cluster);
            port = server.port();

            assertThat(endpoint).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/pulseboard");
            PostgresEndpoint client = server.postgresEndpoint();
            assertThat(client)
                    .isEqualTo(new PostgresEndpoint(endpoint, "pulseboard", dataDir.resolve("postgres.password")));
            assertThat(Files.getPosixFilePermissions(client.passwordFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(client.passwordFile())).matches("[0-9a-f]{64}");
            assertThat(server.binaries().source()).isEqualTo(source);
            assertThat(server.binaries().majorVersion()).isEqualTo(major);
            assertClusterPlacedForThisUser(dataDir, cluster);
            try (Connection connection = connect(client);
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SHOW server_version")).startsWith(major + ".");
                assertThat(single(statement, "SELECT current_user || '@' || current_database()"))
                        .isEqualTo("pulseboard@pulseboard");
                assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(statement, "SHOW unix_socket_directories")).isEmpty();
                statement.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
                statement.execute("INSERT INTO kept VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            }
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(endpoint, "pulseboard", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");

            long restartStart = System.nanoTime();
            assertThat(server.restart()).isEqualTo(endpoint);
            long restartMillis = millisSince(restartStart);
            assertThat(rows(client)).containsExactly("1 one", "2 two", "3 three");

            server.kill();
            assertThat(server.isAlive()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
            long afterKillStart = System.nanoTime();
            assertThat(server.restart()).isEqualTo(endpoint);
            long afterKillMillis = millisSince(afterKillStart);
            assertThat(rows(client)).containsExactly("1 one", "2 two", "3 three");

            restartedBySupervisorAfterAKill9(server, client);

            log.info(
                    "start times of {}: first start (initdb included) {} ms, restart {} ms, start after a kill {} ms",
                    server.binaries().describe(),
                    firstMillis,
                    restartMillis,
                    afterKillMillis);
        }

        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThat(PostgresTestSupport.processesIn(cluster)).isEmpty();
        assertThat(dataDir.resolve("postgres.pid")).doesNotExist();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        // A second start on the cluster made above: no initdb, same password, same rows.
        try (PostgresServerProcess again = new PostgresServerProcess(config)) {
            long secondStart = System.nanoTime();
            again.start();
            long secondMillis = millisSince(secondStart);
            assertThat(again.clusterDir()).isEqualTo(cluster);
            assertThat(rows(again.postgresEndpoint())).containsExactly("1 one", "2 two", "3 three");
            log.info(
                    "start times of {}: second start on the existing cluster {} ms",
                    again.binaries().describe(),
                    secondMillis);
        }
        assertThat(PostgresTestSupport.processesIn(cluster)).isEmpty();
    }

    private static void restartedBySupervisorAfterAKill9(PostgresServerProcess server, PostgresEndpoint client)
            throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ChildSupervisor supervisor = new ChildSupervisor(
                (part, phase, message) -> events.add(part + " " + phase + " " + message),
                new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)),
                Clock.systemUTC())) {
            supervisor.watch(StackPart.POSTGRES, server);
            long crashed = server.pid().orElseThrow();
            ProcessHandle.of(crashed).orElseThrow().destroyForcibly();

            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!(events.size() >= 3 && server.isAlive())) {
                assertThat(System.nanoTime())
                        .as("restarted within %s: %s", DEADLINE, events)
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(events.get(0)).startsWith("POSTGRES RESTARTING exited (code 137) at ");
            assertThat(events.subList(1, 3))
                    .containsExactly(
                            "POSTGRES STARTING restarting (attempt 1)",
                            "POSTGRES READY again on 127.0.0.1:" + server.port());
            assertThat(server.pid().orElseThrow()).isNotEqualTo(crashed);
            assertThat(rows(client)).containsExactly("1 one", "2 two", "3 three");
        }
    }

    private static void assertClusterPlacedForThisUser(Path dataDir, Path cluster) throws IOException {
        assertThat(cluster).isEqualTo(PostgresTestSupport.clusterDirFor(dataDir));
        assertThat(Files.getPosixFilePermissions(cluster)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        if (ServerUser.isRoot()) {
            assertThat(cluster.toString())
                    .isEqualTo(
                            "/var/lib/pulseboard/postgres-" + PostgresLayout.hash(dataDir.toAbsolutePath()) + "/data");
            assertThat(Files.getOwner(cluster).getName()).isIn(ServerUser.CANDIDATES);
        } else {
            assertThat(cluster).isEqualTo(dataDir.toAbsolutePath().resolve("data"));
        }
    }

    private static List<String> rows(PostgresEndpoint client) throws IOException, SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(client);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, name FROM kept ORDER BY id")) {
            while (result.next()) {
                rows.add(result.getInt(1) + " " + result.getString(2));
            }
        }
        return rows;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
