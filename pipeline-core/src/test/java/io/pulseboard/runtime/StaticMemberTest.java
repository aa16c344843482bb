package io.pulseboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The member id is stable per state directory and unique between them. */
class StaticMemberTest {

    @TempDir
    Path temp;

    @Test
    void theSameStateDirectoryGivesTheSameIdAcrossRestarts() {
        Path stateDir = temp.resolve("streams");

        String first = StaticMember.of(stateDir);

        assertThat(first).matches("pulseboard-[0-9a-f]{16}");
        assertThat(StaticMember.of(stateDir)).isEqualTo(first);
        assertThat(stateDir.resolve(StaticMember.FILE_NAME)).hasContent(first.substring("pulseboard-".length()));
    }

    @Test
    void anotherStateDirectoryGivesAnotherId() {
        assertThat(StaticMember.of(temp.resolve("a"))).isNotEqualTo(StaticMember.of(temp.resolve("b")));
    }

    @Test
    void aDamagedIdFileIsReplacedByAWellFormedId() throws Exception {
        Path stateDir = Files.createDirectories(temp.resolve("streams"));
        Files.writeString(stateDir.resolve(StaticMember.FILE_NAME), "half an i");

        String id = StaticMember.of(stateDir);

        assertThat(id).matches("pulseboard-[0-9a-f]{16}");
        assertThat(StaticMember.of(stateDir)).isEqualTo(id);
    }
}
