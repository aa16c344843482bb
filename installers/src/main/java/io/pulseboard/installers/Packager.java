package io.pulseboard.installers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds Pulseboard's bundles for the platform it runs on (docs/INSTALLERS.md): the app's jars with
 * only this platform's native libraries, a runtime trimmed by jlink to the modules jdeps finds, the
 * list of classes a start loads (for the class-data archive made at install time), the icons, a
 * jpackage app-image, then each installer type from that image.
 *
 * <p>Run by {@code ./mvnw -Pinstallers package -pl installers -am}; arguments are {@code --key=value}:
 * {@code app-lib} (the app jar and its runtime class path), {@code main-jar}, {@code version},
 * {@code work}, {@code output} and {@code types} (comma-separated jpackage types: deb, rpm, msi,
 * exe, dmg, pkg; empty for the app-image only).
 */
public final class Packager {

    static final String NAME = "Pulseboard";
    static final String PACKAGE_NAME = "pulseboard";
    static final String VENDOR = "Pulseboard";
    static final String MAIN_CLASS = "io.pulseboard.Launcher";
    static final String CLASS_LIST = "pulseboard.classlist";
    static final String ARCHIVE = "pulseboard.jsa";
    static final String DESCRIPTION =
            "Real-time business-intelligence monitor: live sales, engagement and data quality";

    /**
     * Modules the app loads by name, which jdeps cannot see: elliptic-curve TLS (remote clusters), the
     * number and date formats of the user's locale, Kerberos/JAAS for SASL, zip file systems.
     */
    static final List<String> NAMED_MODULES =
            List.of("jdk.crypto.ec", "jdk.localedata", "jdk.security.auth", "jdk.zipfs");

    /** The locales whose formats the runtime keeps (jdk.localedata is 40 MB with all of them). */
    static final String LOCALES = "en,de,fr,es,it,pt,nl,sv,da,fi,nb,pl,cs,ja,zh,ko";

    private final Options options;
    private final Platform platform = Platform.current();

    record Options(Path appLib, String mainJar, String version, Path work, Path output, List<String> types) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new PackagingException("Unknown argument '" + arg + "': use --key=value with the keys"
                            + " app-lib, main-jar, version, work, output, types");
                }
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            List<String> types = Arrays.stream(values.getOrDefault("types", "").split(","))
                    .map(String::strip)
                    .filter(t -> !t.isEmpty())
                    .toList();
            return new Options(
                    Path.of(required(values, "app-lib")),
                    required(values, "main-jar"),
                    required(values, "version"),
                    Path.of(required(values, "work")),
                    Path.of(required(values, "output")),
                    types);
        }

        private static String required(Map<String, String> values, String key) {
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                throw new PackagingException("Missing argument --" + key + "=...");
            }
            return value;
        }
    }

    Packager(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        try {
            new Packager(Options.parse(args)).run();
        } catch (PackagingException | UncheckedIOException e) {
            System.err.println("Packaging failed: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() {
        long start = System.nanoTime();
        Path input = options.work().resolve("input");
        Path runtime = options.work().resolve("runtime");
        Path image = options.work().resolve("image");
        recreate(options.work());
        createDirectories(options.output());
        deleteEarlierBundles(options.output());
        createDirectories(input);

        step("Jars with only the " + platform + " native libraries");
        slimJars(input);
        step("Runtime");
        List<String> modules = modules(input);
        jlink(modules, runtime);
        step("Class list of a start");
        recordClassList(input, runtime);
        step("Icons");
        Path icons = options.work().resolve("icons");
        createDirectories(icons);
        Path icon = icons(icons);
        step("App image");
        appImage(input, runtime, icon, image);
        for (String type : options.types()) {
            step("Package " + type);
            installer(type, image.resolve(imageName()), icon);
        }
        step(String.format(Locale.ROOT, "Done in %.0f s: %s", (System.nanoTime() - start) / 1e9, options.output()));
    }

    /** jpackage's version: numbers only (Windows refuses "-SNAPSHOT"); 0.1.0-SNAPSHOT is 0.1.0. */
    static String numericVersion(String version) {
        String numeric = version.replaceFirst("[-+].*$", "");
        if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
            throw new PackagingException("The version '" + version + "' does not start with up to three numbers"
                    + " (e.g. 1.2.3-SNAPSHOT); jpackage needs one such as 1.2.3.");
        }
        return numeric;
    }

    private void slimJars(Path input) {
        long before = 0;
        long after = 0;
        List<String> dropped = new ArrayList<>();
        Path scratch = options.work().resolve("scratch");
        createDirectories(scratch);
        Optional<Path> strip = NativeSymbols.findStrip(platform);
        NativeSymbols symbols = new NativeSymbols(strip, scratch);
        for (Path jar : jars(options.appLib())) {
            Path target = input.resolve(jar.getFileName());
            try {
                List<String> left = JarRewriter.copy(jar, target, JarRewriter.nativesOf(platform), symbols);
                if (!left.isEmpty()) {
                    dropped.add(jar.getFileName() + " (" + left.size() + " libraries)");
                }
                before += Files.size(jar);
                after += Files.size(target);
            } catch (IOException e) {
                throw new PackagingException("Cannot copy " + jar + " into the bundle: " + e.getMessage(), e);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  %.1f MB of jars -> %.1f MB; other platforms' libraries dropped from %s; symbols %s%n",
                before / 1e6,
                after / 1e6,
                String.join(", ", dropped),
                strip.map(s -> "stripped with " + s).orElse("kept (no binutils strip)"));
    }

    /** jdeps over every jar (not only what the main class reaches: Kafka loads classes by name). */
    private List<String> modules(Path input) {
        Path analysis = options.work().resolve("jdeps");
        createDirectories(analysis);
        List<String> args =
                new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps", "--multi-release", "17", "-q"));
        for (Path jar : jars(input)) {
            // Without module descriptors: on the class path the jars are no modules, and jdeps would
            // otherwise resolve requirements the app never loads (TilesFX requires javafx.web).
            Path copy = analysis.resolve(jar.getFileName());
            try {
                JarRewriter.copy(jar, copy, JarRewriter::notModuleInfo);
            } catch (IOException e) {
                throw new PackagingException("Cannot prepare " + jar + " for jdeps: " + e.getMessage(), e);
            }
            args.add(copy.toString());
        }
        TreeSet<String> modules =
                new TreeSet<>(Arrays.asList(Tools.run("jdeps", args).strip().split(",")));
        System.out.println("  jdeps: " + String.join(",", modules));
        modules.addAll(NAMED_MODULES);
        return List.copyOf(modules);
    }

    private void jlink(List<String> modules, Path runtime) {
        Tools.run(
                "jlink",
                List.of(
                        "--add-modules",
                        String.join(",", modules),
                        "--include-locales=" + LOCALES,
                        "--strip-debug",
                        "--no-man-pages",
                        "--no-header-files",
                        "--compress=2",
                        "--output",
                        runtime.toString()));
        // Debian's JDK ships its libraries with their symbol tables (libjvm.so 24 MB, 20 MB without).
        Optional<Path> strip = NativeSymbols.findStrip(platform);
        if (strip.isPresent()) {
            NativeSymbols symbols = new NativeSymbols(strip, options.work());
            try (Stream<Path> files = Files.walk(runtime)) {
                for (Path library :
                        files.filter(p -> p.toString().endsWith(".so")).toList()) {
                    byte[] stripped = symbols.apply(library.toString(), Files.readAllBytes(library));
                    library.toFile().setWritable(true);
                    Files.write(library, stripped);
                }
            } catch (IOException e) {
                throw new PackagingException("Cannot strip the runtime's libraries: " + e.getMessage(), e);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  modules kept: %s%n  runtime: %.1f MB%n",
                String.join(",", modules),
                size(runtime) / 1e6);
    }

    /**
     * A 15 s run of the terminal demo on the trimmed runtime records the classes a start loads; the
     * install makes the class-data archive from it (the archive itself only fits the installed paths).
     */
    private void recordClassList(Path input, Path runtime) {
        Path training = options.work().resolve("training");
        createDirectories(training);
        Path list = input.resolve(CLASS_LIST);
        List<String> command = new ArrayList<>(List.of(
                runtime.resolve("bin").resolve(exe("java")).toString(),
                "-Xshare:off",
                "-XX:DumpLoadedClassList=" + list));
        command.addAll(interactiveOptions());
        command.addAll(List.of("-cp", input + java.io.File.separator + "*", MAIN_CLASS, "demo", "--duration", "15"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(training.resolve("training.out").toFile());
        // The builder's own settings stay out of the recorded start.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("PULSEBOARD_")
                        || key.equals("JAVA_TOOL_OPTIONS")
                        || key.equals("JDK_JAVA_OPTIONS")
                        || key.equals("_JAVA_OPTIONS"));
        builder.environment()
                .put("PULSEBOARD_DATA_HOME", training.resolve("data").toString());
        builder.environment()
                .put("PULSEBOARD_LOG", training.resolve("pulseboard.log").toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new PackagingException("The training run did not end within 3 minutes; see " + training);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(list)) {
                throw new PackagingException("The training run failed (exit " + process.exitValue()
                        + "); its output is in " + training.resolve("training.out"));
            }
            try (Stream<String> lines = Files.lines(list)) {
                System.out.println("  " + lines.count() + " classes and lambda forms in " + list.getFileName());
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot run the training run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted during the training run", e);
        }
    }

    private Path icons(Path dir) {
        try {
            Path png = dir.resolve(PACKAGE_NAME + ".png");
            IconFiles.writePng(png, 256);
            return switch (platform.os()) {
                case WINDOWS -> {
                    Path ico = dir.resolve(PACKAGE_NAME + ".ico");
                    IconFiles.writeIco(ico);
                    yield ico;
                }
                case MACOS -> {
                    Path icns = dir.resolve(PACKAGE_NAME + ".icns");
                    IconFiles.writeIcns(icns);
                    yield icns;
                }
                default -> png;
            };
        } catch (IOException e) {
            throw new PackagingException("Cannot write the icons into " + dir + ": " + e.getMessage(), e);
        }
    }

    private void appImage(Path input, Path runtime, Path icon, Path image) {
        List<String> args = new ArrayList<>(List.of(
                "--type", "app-image",
                "--name", NAME,
                "--app-version", numericVersion(options.version()),
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--input", input.toString(),
                "--main-jar", options.mainJar(),
                "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(),
                "--icon", icon.toString(),
                "--dest", image.toString()));
        for (String option : javaOptions()) {
            args.add("--java-options");
            args.add(option);
        }
        Tools.run("jpackage", args);
        System.out.printf(Locale.ROOT, "  %s: %.1f MB%n", image.resolve(imageName()), size(image) / 1e6);
    }

    /**
     * The options every start gets, written into the launcher's {@code Pulseboard.cfg} (the JVM options
     * file an administrator edits; docs/INSTALLERS.md): the options ./pulseboard gives the desktop app
     * (heap and start-up, from the interactive options), and the class-data archive, which is silently
     * skipped while it does not exist.
     */
    static List<String> javaOptions() {
        List<String> options = new ArrayList<>(interactiveOptions());
        options.add("-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE);
        return options;
    }

    /** app/src/main/resources/jvm/interactive.options, from the app jar on this class path. */
    static List<String> interactiveOptions() {
        try (InputStream in = Packager.class.getResourceAsStream("/jvm/interactive.options")) {
            if (in == null) {
                throw new PackagingException("jvm/interactive.options is not on the class path: is the app jar?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void installer(String type, Path appImage, Path icon) {
        List<String> args = new ArrayList<>(List.of(
                "--type", type,
                "--name", NAME,
                "--app-version", numericVersion(options.version()),
                "--vendor", VENDOR,
                "--description", DESCRIPTION,
                "--app-image", appImage.toString(),
                "--dest", options.output().toString()));
        switch (type) {
            case "deb", "rpm" -> {
                Path resources = linuxResources();
                args.addAll(List.of(
                        "--resource-dir",
                        resources.toString(),
                        "--icon",
                        icon.toString(),
                        "--linux-package-name",
                        PACKAGE_NAME,
                        "--linux-shortcut",
                        // JavaFX's glass loads GTK 3 and the XTest extension at run time; jpackage
                        // sees only the JDK's libraries.
                        "--linux-package-deps",
                        type.equals("deb") ? "libgtk-3-0, libxtst6" : "gtk3, libXtst",
                        "--linux-menu-group",
                        "Office;Finance;",
                        "--linux-app-category",
                        type.equals("deb") ? "misc" : "Applications/Productivity"));
                if (type.equals("deb")) {
                    args.addAll(List.of("--linux-deb-maintainer", "team@pulseboard.io"));
                }
            }
            case "msi", "exe" ->
                args.addAll(List.of(
                        "--win-menu",
                        "--win-menu-group",
                        NAME,
                        "--win-shortcut",
                        "--win-dir-chooser",
                        "--win-console",
                        "--win-upgrade-uuid",
                        "8a4f6c1e-3c1d-4f59-9a43-6b2f0e5d7c21"));
            case "dmg", "pkg" ->
                args.addAll(List.of("--mac-package-name", NAME, "--mac-package-identifier", "io.pulseboard.app"));
            default ->
                throw new PackagingException(
                        "Unknown installer type '" + type + "': use deb, rpm, msi, exe, dmg or pkg");
        }
        Tools.run("jpackage", args);
        try (Stream<Path> made = Files.list(options.output())) {
            made.filter(p -> p.getFileName().toString().endsWith("." + type))
                    .forEach(p -> System.out.printf(Locale.ROOT, "  %s: %.1f MB%n", p, size(p) / 1e6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** postinst and prerm of the Linux packages, with the install paths filled in. */
    private Path linuxResources() {
        Path dir = options.work().resolve("linux-resources");
        createDirectories(dir);
        String installDir = "/opt/" + PACKAGE_NAME;
        String appDir = installDir + "/lib/app";
        for (String script : List.of("postinst", "prerm")) {
            try (InputStream in = Packager.class.getResourceAsStream("linux/" + script)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("@INSTALL_DIR@", installDir)
                        .replace("@LAUNCHER@", NAME)
                        .replace("@ARCHIVE@", appDir + "/" + ARCHIVE)
                        .replace("@CLASS_LIST@", appDir + "/" + CLASS_LIST)
                        .replace("@DESKTOP_FILE@", installDir + "/lib/" + PACKAGE_NAME + "-" + NAME + ".desktop");
                Path target = dir.resolve(script);
                Files.writeString(target, text, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new PackagingException("Cannot write the package script " + script + ": " + e.getMessage(), e);
            }
        }
        return dir;
    }

    private String imageName() {
        return platform.os() == Platform.Os.MACOS ? NAME + ".app" : NAME;
    }

    private String exe(String name) {
        return platform.os() == Platform.Os.WINDOWS ? name + ".exe" : name;
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PackagingException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Only this packager's earlier bundles go: the output may be a folder with other files. */
    private static void deleteEarlierBundles(Path output) {
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.startsWith(PACKAGE_NAME) && Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot clear the earlier bundles in " + output + ": " + e.getMessage(), e);
        }
    }

    private static void step(String what) {
        System.out.println("[installers] " + what);
    }

    static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void recreate(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new PackagingException("Cannot clear " + dir + ": " + e.getMessage(), e);
            }
        }
        createDirectories(dir);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PackagingException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
