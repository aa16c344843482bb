package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "root clusters are a Unix matter")
class AbandonedClustersTest {
    @TempDir
    Path tempDir;

    @Test
    void deletesOnlyTheRecordedClustersWhoseDataDirectoryIsGone() throws IOException {
        Path rootBase = Files.createDirectories(tempDir.resolve("var-lib-pulseboard"));
        Path liveDataDir = Files.createDirectories(tempDir.resolve("live"));
        Path gone = cluster(rootBase, PostgresLayout.forRoot(tempDir.resolve("deleted"), rootBase));
        Path live = cluster(rootBase, PostgresLayout.forRoot(liveDataDir, rootBase));
        PostgresLayout mine = PostgresLayout.forRoot(tempDir.resolve("mine-not-made-yet"), rootBase);
        Path kept = cluster(rootBase, mine);
        Path unrecorded = Files.createDirectories(rootBase.resolve("postgres-0123456789ab/data"));
        Path otherName = Files.createDirectories(rootBase.resolve("bin/postgres-14.22.0-linux-amd64"));

        assertThat(AbandonedClusters.deleteAbandoned(rootBase, mine.baseDir())).containsExactly(gone);

        assertThat(gone).doesNotExist();
        assertThat(live.resolve("data/PG_VERSION")).hasContent("14");
        assertThat(kept).exists();
        assertThat(unrecorded).exists();
        assertThat(otherName).exists();
        try (Stream<Path> left = Files.list(rootBase)) {
            assertThat(left).hasSize(4);
        }
        assertThat(AbandonedClusters.deleteAbandoned(tempDir.resolve("no-such-root"), mine.baseDir()))
                .isEmpty();
    }

    private static Path cluster(Path rootBase, PostgresLayout layout) throws IOException {
        Files.createDirectories(layout.clusterDir());
        Files.writeString(layout.clusterDir().resolve("PG_VERSION"), "14");
        AbandonedClusters.recordOwner(layout);
        assertThat(layout.baseDir().getParent()).isEqualTo(rootBase);
        return layout.baseDir();
    }
}
