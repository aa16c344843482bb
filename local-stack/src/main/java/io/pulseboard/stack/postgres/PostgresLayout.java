package io.pulseboard.stack.postgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where one {@link PostgresServerProcess} keeps its files: a pure mapping from the configured data
 * directory, computed once per start.
 *
 * <p>As a normal user everything is under the configured directory: the cluster in {@code data/}, the
 * bundled binaries unpacked under {@code bin/}. As root the server runs as an unprivileged user (initdb
 * and postgres refuse root), who cannot reach the configured directory when it lies in root's home
 * ({@code /root} is {@code rwx------}); the cluster then goes to {@code
 * /var/lib/pulseboard/postgres-<12 hex digits>/data}, the digits the start of the SHA-256 of the
 * configured directory's absolute path, so that each configured directory (each test's temporary one)
 * gets a cluster of its own, and the bundled binaries to {@code /var/lib/pulseboard/bin}. The password
 * file, the console log and the pid file stay in the configured directory in both cases: this JVM writes
 * them, not the server. A root cluster whose configured directory was deleted is deleted by the next
 * start as root ({@link AbandonedClusters}).
 *
 * @param dataDir the configured data directory, absolute; never null
 * @param baseDir the directory that holds the cluster ({@link #clusterDir()}) and, while initdb runs,
 *     its password file; the configured directory, or under {@link #ROOT_BASE} as root; never null
 * @param bundleRoot where the bundled binaries are unpacked, one directory per version; never null
 * @param asRoot whether this layout is the one for a JVM running as root
 */
record PostgresLayout(Path dataDir, Path baseDir, Path bundleRoot, boolean asRoot) {
    /** Where a JVM running as root keeps its clusters and the bundled binaries. */
    static final String ROOT_BASE = "/var/lib/pulseboard";

    private static final int HASH_HEX_DIGITS = 12;

    PostgresLayout {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(bundleRoot, "bundleRoot");
    }

    /** @return everything under {@code dataDir}, for a JVM that is not root */
    static PostgresLayout forUser(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return new PostgresLayout(absolute, absolute, absolute.resolve("bin"), false);
    }

    /**
     * @param rootBase {@link #ROOT_BASE}, or a test's stand-in
     * @return the cluster under {@code rootBase/postgres-<hash of dataDir>}, the binaries under {@code
     *     rootBase/bin}, the rest in {@code dataDir}
     */
    static PostgresLayout forRoot(Path dataDir, Path rootBase) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return new PostgresLayout(
                absolute, rootBase.resolve("postgres-" + hash(absolute)), rootBase.resolve("bin"), true);
    }

    /** @return the first 12 hex digits of the SHA-256 of the path's text (UTF-8) */
    static String hash(Path absoluteDataDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(absoluteDataDir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** @return the cluster, the server's {@code -D}; created by initdb */
    Path clusterDir() {
        return baseDir.resolve("data");
    }

    /** @return where initdb makes a new cluster, renamed to {@link #clusterDir()} once it succeeded */
    Path initdbDir() {
        return baseDir.resolve("data.initdb");
    }

    /** @return the short-lived file that hands initdb the password; deleted right after it ran */
    Path initdbPasswordFile() {
        return baseDir.resolve("initdb.pwfile");
    }

    /** @return the owner-only file that keeps the password, in the configured directory */
    Path passwordFile() {
        return dataDir.resolve(PostgresServerProcess.PASSWORD_FILE_NAME);
    }

    /** @return the server's standard output and error, appended to at each launch */
    Path consoleLog() {
        return dataDir.resolve(PostgresServerProcess.CONSOLE_LOG_FILE_NAME);
    }

    /** @return initdb's output, replaced at each run */
    Path initdbLog() {
        return dataDir.resolve("initdb.log");
    }
}
