package io.pulseboard.ui.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CSV lines to a file: UTF-8 without a byte order mark, each line as given followed by a line
 * feed. The lines are already CSV (the screens join and format the fields, quoting free text with
 * {@link #field(String)}); nothing is quoted or escaped by {@link #write}. Blocking I/O: call off the FX thread, with a copy of the lines taken on it.
 */
public final class CsvFile {

    private CsvFile() {}

    /**
     * Creates or replaces {@code file}.
     *
     * @param file the file to write; its directory must exist; never null
     * @param lines the lines, header first; never null
     * @throws UncheckedIOException naming the file, if it cannot be written
     */
    public static void write(Path file, List<String> lines) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * One field as RFC 4180 writes it: as it is, or in double quotes (quotes doubled) when it holds a
     * comma, a quote or a line break.
     */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
