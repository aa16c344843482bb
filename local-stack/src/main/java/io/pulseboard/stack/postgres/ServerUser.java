package io.pulseboard.stack.postgres;

import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged user that initdb and postgres run as when this JVM runs as root ({@code initdb:
 * error: cannot be run as root}): {@code postgres} where that user exists (Debian's {@code postgresql}
 * package makes it), else {@code nobody}. They are started through {@code setpriv --reuid=U --regid=G
 * --clear-groups} (util-linux), which executes the server in its own place, so the pid this JVM holds
 * is the server's.
 *
 * @param name the user's name, for messages; never null
 * @param uid the user's id
 * @param gid the id of the user's primary group
 */
record ServerUser(String name, int uid, int gid) {
    /** The users tried, in order. */
    static final List<String> CANDIDATES = List.of("postgres", "nobody");

    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    ServerUser {
        Objects.requireNonNull(name, "name");
        if (uid <= 0) {
            throw new IllegalArgumentException("uid of " + name + " must be positive (not root), was " + uid);
        }
    }

    /**
     * @return the user to run the server as when this JVM's effective uid is 0; empty when it is not
     *     root (or on Windows), and the server runs as this JVM's user
     * @throws StackException if this JVM is root but neither candidate user exists, or {@code setpriv} is
     *     missing
     */
    static Optional<ServerUser> forThisJvm() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") || !isRoot()) {
            return Optional.empty();
        }
        for (String candidate : CANDIDATES) {
            Optional<ServerUser> user = lookUp(candidate);
            if (user.isPresent()) {
                setpriv(); // fails now, naming the package, rather than at the launch
                return user;
            }
        }
        throw new StackException("This JVM runs as root, and PostgreSQL refuses to: it needs an unprivileged user to"
                + " run as, but neither of " + CANDIDATES + " exists. Create one (useradd --system postgres) or run"
                + " Pulseboard as a normal user");
    }

    /**
     * @return whether this process's effective uid is 0: the owner of {@code /proc/self} on Linux (no
     *     command needed: the installed app may run with an empty {@code PATH}), else what {@code id -u}
     *     says
     */
    static boolean isRoot() {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(self, "unix:uid"));
            } catch (IOException | UnsupportedOperationException e) {
                // fall back to id
            }
        }
        return run(List.of(tool("id").toString(), "-u"))
                .map(String::strip)
                .filter("0"::equals)
                .isPresent();
    }

    /** @return the user's ids from {@code id -u NAME} and {@code id -g NAME}; empty if there is no such user */
    static Optional<ServerUser> lookUp(String name) {
        String id = tool("id").toString();
        Optional<Integer> uid = run(List.of(id, "-u", name)).flatMap(ServerUser::integer);
        Optional<Integer> gid = run(List.of(id, "-g", name)).flatMap(ServerUser::integer);
        if (uid.isEmpty() || gid.isEmpty() || uid.get() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ServerUser(name, uid.get(), gid.get()));
    }

    /** @return what goes before a command to run it as this user; never null */
    List<String> commandPrefix() {
        return List.of(setpriv().toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
    }

    /**
     * Gives a file or directory (not a link's target) to this user and its group.
     *
     * @throws IOException if the owner cannot be changed
     */
    void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return {@code setpriv}: on the {@code PATH}, else in {@code /usr/bin} or {@code /bin} */
    static Path setpriv() {
        Path found = tool("setpriv");
        if (Files.isRegularFile(found) && Files.isExecutable(found)) {
            return found;
        }
        throw new StackException("This JVM runs as root, so PostgreSQL must run as an unprivileged user through"
                + " setpriv, which is missing: install util-linux (apt-get install util-linux) or run Pulseboard as a"
                + " normal user");
    }

    /**
     * @return the executable {@code name} on the {@code PATH}, else in {@code /usr/bin} or {@code /bin}
     *     (the installed app may run with an empty {@code PATH}); {@code /usr/bin/NAME} if none is found
     */
    static Path tool(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>();
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return Path.of("/usr/bin", name);
    }

    // The output of a short command, or empty if it cannot run, fails or does not end in time.
    private static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return Optional.empty(); // no `id` here: not a Unix where root matters
        }
        try {
            // Its few bytes of output fit in the pipe: waiting first cannot block it, and a hang is bounded.
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            byte[] output = process.getInputStream().readNBytes(4096);
            return process.exitValue() == 0
                    ? Optional.of(new String(output, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new StackException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
