package io.pulseboard.ui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    @TempDir
    Path dir;

    @Test
    void writesEachLineAsGivenFollowedByALineFeed() throws IOException {
        Path file = dir.resolve("series.csv");

        CsvFile.write(file, List.of("series,label,region,value", "revenue_trend,10:05,ALL,12.50"));

        assertThat(Files.readString(file)).isEqualTo("series,label,region,value\nrevenue_trend,10:05,ALL,12.50\n");
    }

    @Test
    void leavesQuotingToTheCallerAndWritesQuotesAndCommasUnchanged() throws IOException {
        Path file = dir.resolve("quoted.csv");

        CsvFile.write(file, List.of("bucket,region", "\"10:05, Mon\",\"EU \"\"west\"\"\""));

        assertThat(Files.readAllLines(file)).containsExactly("bucket,region", "\"10:05, Mon\",\"EU \"\"west\"\"\"");
    }

    @Test
    void writesUtf8WithoutAByteOrderMark() throws IOException {
        Path file = dir.resolve("utf8.csv");

        CsvFile.write(file, List.of("Zürich,€"));

        assertThat(Files.readAllBytes(file)).isEqualTo("Zürich,€\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void replacesAnExistingFileAndWritesNothingForNoLines() throws IOException {
        Path file = dir.resolve("old.csv");
        Files.writeString(file, "a much longer old content\nthat must go\n");

        CsvFile.write(file, List.of("new"));
        assertThat(Files.readString(file)).isEqualTo("new\n");

        CsvFile.write(file, List.of());
        assertThat(file).isEmptyFile();
    }

    @Test
    void failsNamingTheFileWhenItsDirectoryIsMissing() {
        Path file = dir.resolve("missing").resolve("series.csv");

        assertThatThrownBy(() -> CsvFile.write(file, List.of("a")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot write " + file)
                .hasCauseInstanceOf(IOException.class);
    }
}
