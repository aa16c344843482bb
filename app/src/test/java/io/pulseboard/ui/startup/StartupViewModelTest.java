package io.pulseboard.ui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupViewModelTest {

    @Test
    void aFailedStartStopsTheSpinnerOfThePartThatWasStartingAndLeavesTheOthers() {
        StartupViewModel vm = new StartupViewModel(
                "Connecting to prod",
                List.of(SessionPart.KAFKA, SessionPart.HISTORY, SessionPart.TOPOLOGY),
                Runnable::run,
                () -> {});
        vm.onPart(SessionPart.KAFKA, PartState.READY, "kafka:9092, topics ready");
        vm.onPart(SessionPart.HISTORY, PartState.STARTING, "opening ClickHouse at http://ch:8123");

        vm.failed("Start-up failed: Connection refused. Check the log (/tmp/p.log) and try again.");

        assertThat(vm.parts())
                .containsExactly(
                        new StartupViewModel.PartRow(SessionPart.KAFKA, PartState.READY, "kafka:9092, topics ready"),
                        new StartupViewModel.PartRow(
                                SessionPart.HISTORY, PartState.FAILED, "opening ClickHouse at http://ch:8123"),
                        new StartupViewModel.PartRow(SessionPart.TOPOLOGY, PartState.WAITING, ""));
        assertThat(vm.failureProperty().get())
                .isEqualTo("Start-up failed: Connection refused. Check the log (/tmp/p.log) and try again.");
    }
}
