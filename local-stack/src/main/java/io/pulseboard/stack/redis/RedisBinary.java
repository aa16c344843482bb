package io.pulseboard.stack.redis;

import io.pulseboard.stack.OwnerOnlyFiles;
import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code redis-server} executable chosen for this machine, and where it came from (for logs and
 * the UI).
 *
 * <p>{@link #resolve} looks, when the {@link BinaryPreference} allows it, for a {@code redis-server}
 * on the {@code PATH}; otherwise it takes the binary bundled for this OS and architecture. The bundled
 * binaries are resources at the root of the {@code com.github.codemonstur:embedded-redis} jar (none of
 * its classes is used: its {@code RedisServer} extracts into the system temp directory and leaves the
 * files there). {@link #resolve} copies the matching resource into a directory of ours, reusing a copy
 * of the same size, and marks it executable.
 *
 * <p>Immutable. {@link #resolve} blocks on file I/O; it is safe to call from several threads and
 * processes at once (the copy is written to a temporary file beside the target and moved into place).
 *
 * @param source where the executable came from; never null
 * @param path the executable to run, absolute; for {@link Source#PATH} as found on the {@code PATH},
 *     symbolic links not resolved (a packaged {@code redis-server} may be a link whose target behaves
 *     differently under another name); never null
 */
public record RedisBinary(Source source, Path path) {
    private static final Logger log = LoggerFactory.getLogger(RedisBinary.class);

    /** Where a {@link RedisBinary} came from. */
    public enum Source {
        /** Found on the {@code PATH} (installed on this machine). */
        PATH,
        /** Extracted from the bundled resources. */
        BUNDLED
    }

    /** Resource name at the jar root, by {@code os-arch} (names as in embedded-redis 1.4.4). */
    private static final Map<String, String> BUNDLED_BY_PLATFORM = Map.of(
            "linux-amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux-arm64", "redis-server-6.2.7-linux-arm64",
            "linux-386", "redis-server-6.2.7-linux-386",
            "darwin-amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "darwin-arm64", "redis-server-6.2.6-v5-darwin-arm64",
            "windows-amd64", "redis-server-5.0.14.1-windows-amd64.exe");

    public RedisBinary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Chooses the executable for the running JVM ({@code PATH} environment variable, {@code os.name},
     * {@code os.arch}).
     *
     * @param preference whether a {@code redis-server} on the {@code PATH} may be used; never null
     * @param bundleDir where the bundled binary is copied to (created if missing), e.g. {@code <dataDir>/bin};
     *     never null
     * @return the executable; never null
     * @throws StackException if no {@code redis-server} may be used and none is bundled for this OS and
     *     architecture, or if the bundled one cannot be copied
     */
    public static RedisBinary resolve(BinaryPreference preference, Path bundleDir) {
        return resolve(
                preference,
                bundleDir,
                System.getenv("PATH"),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    static RedisBinary resolve(
            BinaryPreference preference, Path bundleDir, String pathVariable, String osName, String osArch) {
        Objects.requireNonNull(preference, "preference");
        Objects.requireNonNull(bundleDir, "bundleDir");
        if (preference == BinaryPreference.PATH_FIRST) {
            Optional<Path> installed = findOnPath(pathVariable, osName);
            if (installed.isPresent()) {
                return new RedisBinary(Source.PATH, installed.get());
            }
        }
        String resource = bundledResourceName(osName, osArch)
                .orElseThrow(() -> new StackException("No redis-server bundled for " + osName + "/" + osArch
                        + (preference == BinaryPreference.PATH_FIRST
                                ? " and none on the PATH: install Redis (Debian/Ubuntu: apt-get install"
                                        + " redis-server; macOS: brew install redis)"
                                : ": install Redis and allow BinaryPreference.PATH_FIRST")));
        return new RedisBinary(Source.BUNDLED, extract(resource, bundleDir));
    }

    /**
     * @param pathVariable the value of {@code PATH}, entries separated by {@link File#pathSeparator};
     *     may be null (nothing is found)
     * @param osName the {@code os.name} value; on Windows {@code redis-server.exe} is looked for
     * @return the first regular, executable {@code redis-server} in the {@code PATH} entries, in order
     */
    static Optional<Path> findOnPath(String pathVariable, String osName) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        String fileName = isWindows(osName) ? "redis-server.exe" : "redis-server";
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(entry.strip()).resolve(fileName).toAbsolutePath();
            } catch (InvalidPathException e) {
                log.debug("Skipping PATH entry '{}' that is not a valid path: {}", entry, e.getMessage());
                continue;
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * @param osName the {@code os.name} value, e.g. {@code "Linux"}, {@code "Mac OS X"}, {@code "Windows 11"}
     * @param osArch the {@code os.arch} value, e.g. {@code "amd64"}, {@code "aarch64"}
     * @return the name of the bundled resource for that platform, or empty if none is bundled
     */
    static Optional<String> bundledResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String family = os.startsWith("linux")
                ? "linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : isWindows(os) ? "windows" : "";
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> "";
        };
        return Optional.ofNullable(BUNDLED_BY_PLATFORM.get(family + "-" + arch));
    }

    /**
     * Copies a bundled resource into {@code bundleDir} under its own name, unless a file of the same
     * size is already there, and makes it executable.
     */
    static Path extract(String resourceName, Path bundleDir) {
        Path target = bundleDir.resolve(resourceName).toAbsolutePath();
        URL url = RedisBinary.class.getClassLoader().getResource(resourceName);
        if (url == null) {
            throw new StackException("The bundled Redis binary " + resourceName
                    + " is missing from the class path (it comes with com.github.codemonstur:embedded-redis)");
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false); // so that closing the stream closes the jar file
            try (InputStream in = connection.getInputStream()) {
                long size = connection.getContentLengthLong();
                if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
                    makeExecutable(target);
                    log.debug("Reusing bundled Redis binary {}", target);
                    return target;
                }
                OwnerOnlyFiles.createDirectories(bundleDir);
                copyInto(in, size, target);
            }
        } catch (IOException e) {
            throw new StackException(
                    "Cannot copy the bundled Redis binary " + resourceName + " to " + target + ": " + e, e);
        }
        log.info("Extracted bundled Redis binary to {}", target);
        return target;
    }

    private static void copyInto(InputStream in, long expectedSize, Path target) throws IOException {
        Path part =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            long copied = Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            if (expectedSize >= 0 && copied != expectedSize) {
                throw new IOException("copied " + copied + " bytes, expected " + expectedSize);
            }
            makeExecutable(part);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                log.debug("Atomic move not supported in {}; moving {} plainly", target.getParent(), part);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        if (Files.isExecutable(file)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot mark " + file + " executable");
        }
    }

    private static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** @return one line for a log or a status bar, e.g. {@code "redis-server on the PATH (/usr/bin/redis-server)"} */
    public String describe() {
        return (source == Source.PATH ? "redis-server on the PATH (" : "bundled redis-server (") + path + ")";
    }
}
