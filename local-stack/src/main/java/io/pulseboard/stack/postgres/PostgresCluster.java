package io.pulseboard.stack.postgres;

import io.pulseboard.stack.ChildProcessControl;
import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a cluster exists in a {@link PostgresLayout} for the chosen binaries, and knows its
 * password: the first start runs {@code initdb} (user {@value PostgresServerProcess#USER}, {@code
 * scram-sha-256} for every connection, UTF-8, no locale); a later one checks that the cluster's major
 * version is the binaries' own.
 *
 * <p>initdb makes the cluster in {@link PostgresLayout#initdbDir()}, which is renamed to {@link
 * PostgresLayout#clusterDir()} once it succeeded: a killed initdb never leaves a half-made cluster that a
 * later start would take for a real one (its leftover is deleted by the next first start). The
 * password is drawn there, once (32 random bytes, hex), kept owner-only in {@link
 * PostgresLayout#passwordFile()}, and handed to initdb through a file readable by the server's user
 * alone that is deleted right after; it is never on a command line or in a message.
 *
 * <p>Not thread-safe: called by {@link PostgresServerProcess#start()} with its life-cycle lock held.
 */
final class PostgresCluster {
    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final int PASSWORD_BYTES = 32;

    private final PostgresLayout layout;
    private final Optional<ServerUser> runAs;
    private final Duration initdbTimeout;
    private final SecureRandom random = new SecureRandom();

    PostgresCluster(PostgresLayout layout, Optional<ServerUser> runAs, Duration initdbTimeout) {
        this.layout = layout;
        this.runAs = runAs;
        this.initdbTimeout = initdbTimeout;
    }

    /**
     * @return the password of user {@value PostgresServerProcess#USER}; a secret
     * @throws StackException if the cluster cannot be made, was made by another major version, or its
     *     password file is gone; the message names the directory and the fix
     */
    String prepare(PostgresBinaries binaries) {
        try {
            createBaseDir();
            Path cluster = layout.clusterDir();
            Path versionFile = cluster.resolve("PG_VERSION");
            if (Files.isRegularFile(versionFile)) {
                checkVersion(
                        Files.readString(versionFile, StandardCharsets.US_ASCII).strip(), binaries);
                return readPassword();
            }
            if (Files.exists(cluster)) {
                throw new StackException("The PostgreSQL data directory " + cluster + " exists but has no PG_VERSION,"
                        + " so it is no cluster: move it away or delete it, and a new cluster is made at the next"
                        + " start");
            }
            return initdb(binaries);
        } catch (IOException e) {
            throw new StackException("Cannot prepare the PostgreSQL cluster in " + layout.baseDir() + ": " + e, e);
        }
    }

    private void checkVersion(String clusterVersion, PostgresBinaries binaries) {
        if (clusterVersion.equals(binaries.majorVersion())) {
            return;
        }
        throw new StackException("The PostgreSQL cluster in " + layout.clusterDir() + " was made by PostgreSQL "
                + clusterVersion + ", but the binaries chosen are " + binaries.describe()
                + ", and a cluster runs only on its own major version. Either delete " + layout.clusterDir()
                + " (its data is lost; a new cluster is made at the next start), or make PostgreSQL " + clusterVersion
                + " the one chosen: install postgresql-" + clusterVersion + ", or set the binary preference"
                + (clusterVersion.equals(PostgresBinaries.BUNDLED_VERSION.split("\\.")[0])
                        ? " to BUNDLED_ONLY (the bundled PostgreSQL is " + PostgresBinaries.BUNDLED_VERSION + ")"
                        : " to INSTALLED_FIRST"));
    }

    private String readPassword() throws IOException {
        try {
            return Files.readString(layout.passwordFile(), StandardCharsets.UTF_8)
                    .strip();
        } catch (NoSuchFileException e) {
            throw new StackException("The PostgreSQL cluster in " + layout.clusterDir() + " exists but its password"
                    + " file " + layout.passwordFile() + " is gone, so nothing can log in: delete "
                    + layout.clusterDir() + " (its data is lost) and a new cluster with a new password is made at the"
                    + " next start");
        }
    }

    private String initdb(PostgresBinaries binaries) throws IOException {
        Path target = layout.initdbDir();
        if (Files.exists(target)) {
            log.info("Deleting {}, left by an initdb that did not finish", target);
            BundledPostgres.deleteQuietly(target);
        }
        byte[] secret = new byte[PASSWORD_BYTES];
        random.nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        OwnerOnlyFiles.write(layout.passwordFile(), password.getBytes(StandardCharsets.UTF_8));
        Path pwfile = layout.initdbPasswordFile();
        try {
            OwnerOnlyFiles.write(pwfile, password.getBytes(StandardCharsets.UTF_8));
            if (runAs.isPresent()) {
                runAs.get().own(pwfile);
            }
            runInitdb(binaries, target, pwfile);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        try {
            Files.move(target, layout.clusterDir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(target, layout.clusterDir());
        }
        return password;
    }

    private void runInitdb(PostgresBinaries binaries, Path target, Path pwfile) throws IOException {
        List<String> command =
                new ArrayList<>(runAs.map(ServerUser::commandPrefix).orElse(List.of()));
        command.addAll(List.of(
                binaries.initdb().toString(),
                "-D",
                target.toString(),
                "-U",
                PostgresServerProcess.USER,
                "--auth=scram-sha-256",
                "--pwfile=" + pwfile,
                "-E",
                "UTF8",
                "--no-locale"));
        Path output = layout.initdbLog();
        long startNanos = System.nanoTime();
        Process initdb = new ProcessBuilder(command)
                .directory(layout.baseDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.to(output.toFile()))
                .redirectInput(Redirect.from(new File("/dev/null")))
                .start();
        boolean ended;
        try {
            ended = initdb.waitFor(initdbTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            initdb.destroyForcibly();
            throw new StackException("Interrupted while initdb made the PostgreSQL cluster in " + target, e);
        }
        if (!ended) {
            initdb.destroyForcibly();
            throw new StackException("initdb did not make the PostgreSQL cluster in " + target + " within "
                    + initdbTimeout + ChildProcessControl.logTail(output, 0, "; " + output + " is empty"));
        }
        if (initdb.exitValue() != 0) {
            BundledPostgres.deleteQuietly(target);
            throw new StackException("initdb (" + binaries.initdb() + ") failed with code " + initdb.exitValue()
                    + " making the PostgreSQL cluster in " + target
                    + ChildProcessControl.logTail(output, 0, "; " + output + " is empty"));
        }
        log.info(
                "Made a PostgreSQL {} cluster in {} in {} ms{}",
                binaries.majorVersion(),
                layout.clusterDir(),
                (System.nanoTime() - startNanos) / 1_000_000,
                runAs.map(user -> ", owned by user " + user.name()).orElse(""));
    }

    // As root: the root base readable by all, the base directory the server user's alone. Otherwise the
    // base is the configured directory, already made owner-only.
    private void createBaseDir() throws IOException {
        if (runAs.isEmpty()) {
            OwnerOnlyFiles.createDirectories(layout.baseDir());
            return;
        }
        Path rootBase = layout.baseDir().getParent();
        if (!Files.isDirectory(rootBase)) {
            Files.createDirectories(rootBase);
            Files.setPosixFilePermissions(rootBase, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        AbandonedClusters.deleteAbandoned(rootBase, layout.baseDir());
        if (!Files.isDirectory(layout.baseDir())) {
            Files.createDirectory(layout.baseDir());
        }
        Files.setPosixFilePermissions(layout.baseDir(), OwnerOnlyFiles.DIRECTORY);
        ServerUser user = runAs.get();
        user.own(layout.baseDir());
        AbandonedClusters.recordOwner(layout);
        // A cluster left from an earlier run keeps its owner; one whose owner changed (postgres installed
        // since) is given to the current user, as the server refuses a data directory it does not own.
        try (Stream<Path> walk = Files.exists(layout.clusterDir()) ? Files.walk(layout.clusterDir()) : Stream.empty()) {
            for (Path p : walk.toList()) {
                if (!Integer.valueOf(user.uid()).equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    user.own(p);
                }
            }
        }
    }
}
