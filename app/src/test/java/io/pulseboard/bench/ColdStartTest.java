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
    void givesTheChildThisJvmsHeapAndCdsArchiveButNoOtherOptionOfThisJvm() throws Exception {
        List<String> options = ColdStart.launcherOptions(List.of(
                "-Xms512m",
                "-Xmx512m",
                "-XX:ArchiveClassesAtExit=/tmp/training.jsa",
                "-XX:SharedArchiveFile=/opt/pulseboard/app.jsa",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-javaagent:/tmp/agent.jar"));

        assertThat(options)
                .startsWith("-Xms512m", "-Xmx512m", "-XX:SharedArchiveFile=/opt/pulseboard/app.jsa")
                .endsWith(ColdStart.interactiveOptions().toArray(String[]::new))
                .hasSize(ColdStart.interactiveOptions().size() + 3);
    }

    @Test
    void runsWithoutAnArchiveWhenThisJvmHasNone() throws Exception {
        assertThat(ColdStart.launcherOptions(List.of("-ea"))).isEqualTo(ColdStart.interactiveOptions());
    }
}
