package io.pulseboard.stack.postgres;

import static org.junit.jupiter.api.Assertions.fail;

import io.pulseboard.stack.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** What the PostgreSQL tests share: connecting as a client would, the Debian check, and the clean-up. */
public final class PostgresTestSupport {
    private PostgresTestSupport() {}

    /** @return whether Debian's server binaries are installed ({@code /usr/lib/postgresql/<N>/bin}) */
    public static boolean debianInstalled() {
        return PostgresBinaries.findDebian(PostgresBinaries.DEBIAN_ROOT).isPresent();
    }

    /** Skips the test without Debian's binaries, except on CI ({@code CI=true}), where it fails. */
    public static void assumeDebianInstalled() {
        if (debianInstalled()) {
            return;
        }
        String message = "No /usr/lib/postgresql/<N>/bin/{initdb,postgres}: install the Debian package postgresql"
                + " (apt-get install postgresql)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI must run this test, so this is a failure there");
        }
        Assumptions.abort(message);
    }

    /** Connects as a client of the stack does: the endpoint's URL and user, the password from its file. */
    public static Connection connect(PostgresEndpoint endpoint) throws IOException, SQLException {
        String password = endpoint.readPassword();
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), password);
    }

    /**
     * As root the cluster lives under /var/lib/pulseboard, outside the test's temporary directory: deletes
     * it there, so that test runs do not pile clusters up. Nothing happens for a cluster in {@code tempDir}.
     */
    public static void deleteClusterOutside(Path tempDir, Optional<Path> clusterDir) {
        clusterDir
                .filter(dir -> !dir.toAbsolutePath().startsWith(tempDir.toAbsolutePath()))
                .ifPresent(dir -> BundledPostgres.deleteQuietly(dir.getParent()));
    }

    /** @return where a server with this data directory keeps its cluster, as the server computes it */
    public static Path clusterDirFor(Path dataDir) {
        return (ServerUser.isRoot()
                        ? PostgresLayout.forRoot(dataDir, Path.of(PostgresLayout.ROOT_BASE))
                        : PostgresLayout.forUser(dataDir))
                .clusterDir();
    }

    /** @return the pids of the live processes working in the cluster (the server and its back-ends) */
    public static java.util.List<Long> processesIn(Path clusterDir) {
        return ClusterProcesses.in(clusterDir).stream().map(ProcessHandle::pid).toList();
    }
}
