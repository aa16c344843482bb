package io.pulseboard.installers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.spi.ToolProvider;

/** The JDK's tools (jdeps, jlink, jpackage) run in this JVM through {@link ToolProvider}. */
final class Tools {

    private Tools() {}

    /**
     * Runs a JDK tool.
     *
     * @return what the tool printed on its standard output
     * @throws PackagingException if the JDK has no such tool or the tool fails; the message carries
     *     the tool's own output and the arguments
     */
    static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() ->
                        new PackagingException("This JDK has no '" + tool + "' tool (" + System.getProperty("java.home")
                                + "). Build the installers with a full JDK 17 or newer, not a JRE."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = provider.run(o, e, args.toArray(String[]::new));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new PackagingException(tool + " failed (exit " + exit + "): "
                    + (printed + err.toString(StandardCharsets.UTF_8)).strip() + "\n  arguments: "
                    + String.join(" ", args));
        }
        return printed;
    }
}
