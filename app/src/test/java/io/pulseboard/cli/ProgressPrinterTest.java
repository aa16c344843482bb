package io.pulseboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.session.PartState;
import io.pulseboard.session.SessionPart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    @Test
    void printsARestartOfRedisAsALineEachForTheExitTheRelaunchAndTheReturn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        printer.onPart(
                SessionPart.REDIS,
                PartState.RESTARTING,
                "exited (code 137) at 14:02:03 UTC; restarting in 1 s (attempt 2)");
        printer.onPart(SessionPart.REDIS, PartState.STARTING, "restarting (attempt 2)");
        printer.onPart(SessionPart.REDIS, PartState.READY, "again on 127.0.0.1:6379");

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .satisfiesExactly(
                        line -> assertThat(line)
                                .matches("\\[Redis    \\] RESTARTING +[\\d.]+ s  exited \\(code 137\\) at 14:02:03 UTC;"
                                        + " restarting in 1 s \\(attempt 2\\)"),
                        line -> assertThat(line)
                                .matches("\\[Redis    \\] STARTING   +[\\d.]+ s  restarting \\(attempt 2\\)"),
                        line -> assertThat(line)
                                .matches("\\[Redis    \\] READY      +[\\d.]+ s  again on 127\\.0\\.0\\.1:6379"));
    }
}
