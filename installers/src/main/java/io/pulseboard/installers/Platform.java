package io.pulseboard.installers;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operating system and processor pair, as the native libraries inside dependency jars name them
 * (each library in its own way: {@code librocksdbjni-linux64.so}, {@code libduckdb_java.so_linux_amd64},
 * {@code org/xerial/snappy/native/Mac/x86_64/...}, {@code redis-server-6.2.6-v5-darwin-arm64}).
 *
 * @param os the operating system
 * @param arch the processor, {@link Arch#ANY} when a name does not say (a universal macOS library)
 * @param musl true for a library built against musl libc (Alpine), which a glibc system cannot load
 */
record Platform(Os os, Arch arch, boolean musl) {

    enum Os {
        LINUX,
        MACOS,
        WINDOWS,
        /** Systems Pulseboard has no bundle for: FreeBSD, AIX, Solaris, Android. */
        OTHER
    }

    enum Arch {
        X64,
        X86,
        ARM64,
        ARM32,
        /** ppc, s390x, riscv64, loongarch64. */
        OTHER,
        ANY
    }

    // Names glue OS and processor into one word (linux64, win64, osx) or split them with / - _ .
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    /** Words that name a system and a processor at once (RocksDB's), as two words. */
    private static final Map<String, String> COMPOUNDS =
            Map.of("linux64", "linux-amd64", "linux32", "linux-x86", "win64", "windows-amd64", "win32", "windows-x86");

    /** The platform this JVM runs on: bundles are built on, and for, the system they install on. */
    static Platform current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        Os currentOs = os.startsWith("linux")
                ? Os.LINUX
                : os.startsWith("mac") ? Os.MACOS : os.startsWith("windows") ? Os.WINDOWS : Os.OTHER;
        Arch currentArch = switch (arch) {
            case "amd64", "x86_64" -> Arch.X64;
            case "aarch64", "arm64" -> Arch.ARM64;
            case "x86", "i386", "i686" -> Arch.X86;
            default -> Arch.OTHER;
        };
        return new Platform(currentOs, currentArch, false);
    }

    /**
     * The platform a jar entry is built for, if its path names one.
     *
     * @param entryName a path inside a jar
     * @return empty when the path names no operating system (a portable file, or a platform jar such
     *     as JavaFX's, whose libraries carry no platform in their names)
     */
    static Optional<Platform> named(String entryName) {
        String name =
                entryName.toLowerCase(Locale.ROOT).replace("x86_64", "x64").replace("x86-64", "x64");
        for (Map.Entry<String, String> compound : COMPOUNDS.entrySet()) {
            name = name.replaceAll("(?<![a-z0-9])" + compound.getKey() + "(?![a-z0-9])", compound.getValue());
        }
        Os os = null;
        Arch arch = null;
        boolean musl = false;
        Matcher words = WORD.matcher(name);
        while (words.find()) {
            String word = words.group();
            switch (word) {
                case "linux" -> os = os == null ? Os.LINUX : os;
                case "darwin", "mac", "macos", "osx" -> os = Os.MACOS;
                case "windows", "win" -> os = Os.WINDOWS;
                case "freebsd", "aix", "sunos", "solaris", "android" -> os = Os.OTHER;
                case "amd64", "x64" -> arch = Arch.X64;
                case "x86", "i386", "386", "i686" -> arch = Arch.X86;
                case "aarch64", "arm64" -> arch = Arch.ARM64;
                case "arm", "armv6", "armv7", "armhf" -> arch = Arch.ARM32;
                case "ppc",
                        "ppc64",
                        "ppc64le",
                        "s390x",
                        "riscv64",
                        "loongarch64",
                        "sparc",
                        "sparcv9",
                        "mips",
                        "mipsel",
                        "mips64",
                        "mips64el" -> arch = Arch.OTHER;
                case "universal" -> arch = Arch.ANY;
                case "musl" -> musl = true;
                default -> {
                    // not a platform word
                }
            }
        }
        if (os == null) {
            return Optional.empty();
        }
        return Optional.of(new Platform(os, arch == null ? Arch.ANY : arch, musl));
    }

    /** @return true if a library built for {@code library} loads on this platform */
    boolean runs(Platform library) {
        return library.os == os && (library.arch == Arch.ANY || library.arch == arch) && library.musl == musl;
    }

    @Override
    public String toString() {
        return os.name().toLowerCase(Locale.ROOT) + "-" + arch.name().toLowerCase(Locale.ROOT) + (musl ? "-musl" : "");
    }
}
