package io.pulseboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppOptionsTest {

    @Test
    void readsTheFirstMetricFileBesideTheLocalDemo() {
        AppOptions options = AppOptions.parse(List.of("--local-demo", "--first-metric-file=/tmp/first"));

        assertThat(options.localDemo()).isTrue();
        assertThat(options.firstMetricFile()).contains(Path.of("/tmp/first"));
        assertThat(options.screenshots()).isEmpty();
        assertThat(options.renderBenchSeconds()).isEmpty();
    }

    @Test
    void noOptionsOpenTheFirstScreenWithNoHarness() {
        AppOptions options = AppOptions.parse(List.of());

        assertThat(options.localDemo()).isFalse();
        assertThat(options.firstMetricFile()).isEmpty();
    }

    @Test
    void anUnknownOptionNamesTheOptionsThereAre() {
        assertThatThrownBy(() -> AppOptions.parse(List.of("--first-metric=/tmp/x")))
                .hasMessage("Unknown app option '--first-metric=/tmp/x'. Use --local-demo, --screenshots=DIR,"
                        + " --render-bench=SECONDS or --first-metric-file=FILE");
    }
}
