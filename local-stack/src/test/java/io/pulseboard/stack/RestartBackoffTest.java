package io.pulseboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void waitsLongerAfterEachImmediateCrashUpToThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(RestartBackoff.DEFAULT::delay))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
        assertThat(RestartBackoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAnAttemptBelowOneAndAMaximumBelowTheFirstWait() {
        assertThatThrownBy(() -> RestartBackoff.DEFAULT.delay(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt must be at least 1, was 0");
        assertThatThrownBy(
                        () -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max must be at least first (PT2S), was PT1S");
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first must be positive, was PT0S");
    }

    @Test
    void writesTheWaitAsUsersReadIt() {
        assertThat(ChildSupervisor.seconds(Duration.ofMillis(500))).isEqualTo("0.5 s");
        assertThat(ChildSupervisor.seconds(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(ChildSupervisor.seconds(Duration.ofSeconds(30))).isEqualTo("30 s");
    }
}
