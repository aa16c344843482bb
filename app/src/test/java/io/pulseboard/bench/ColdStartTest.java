package io.pulseboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartTest {

    @Test
    void readsTheLauncherInteractiveOptionsWithoutCommentsOrBlankLines() throws Exception {
        List<String> options = ColdStart.interactiveOptions();

        assertThat(options)
                .isNotEmpty()
                .allSatisfy(option -> assertThat(option).startsWith("-").doesNotContainAnyWhitespaces());
    }

    @Test
    void givesTheChildThisJvmsCdsArchiveButNoOtherOptionOfThisJvm() throws Exception {
        List<String> options = ColdStart.launcherOptions(List.of(
                "-Xmx2g",
                "-XX:ArchiveClassesAtExit=/tmp/training.jsa",
                "-XX:SharedArchiveFile=/opt/pulseboard/app.jsa",
                "-javaagent:/tmp/agent.jar"));

        assertThat(options)
                .containsSequence(ColdStart.interactiveOptions())
                .endsWith("-XX:SharedArchiveFile=/opt/pulseboard/app.jsa")
                .hasSize(ColdStart.interactiveOptions().size() + 1);
    }

    @Test
    void runsWithoutAnArchiveWhenThisJvmHasNone() throws Exception {
        assertThat(ColdStart.launcherOptions(List.of("-Xmx2g"))).isEqualTo(ColdStart.interactiveOptions());
    }
}
