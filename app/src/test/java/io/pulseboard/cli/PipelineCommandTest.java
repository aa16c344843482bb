package io.pulseboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pulseboard pipeline} against a Kafka that is not there, read as the user reads it (the error
 * stream). The elapsed bounds are loose: they tell a bounded wait from Kafka's own minutes-long timeouts.
 */
class PipelineCommandTest {

    @Test
    void anUnreachableBootstrapFailsWithinTenSecondsWithTheCause() {
        Run run = pipeline("--bootstrap", "127.0.0.1:1");

        assertThat(run.err)
                .startsWith("pulseboard failed: Cannot reach Kafka at 127.0.0.1:1 within 10 s: connection refused (the"
                        + " host is up but nothing listens on that port). Check that Kafka runs there and --bootstrap"
                        + " names it");
        assertThat(run.elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(9)).isLessThan(Duration.ofSeconds(20));
        // One line naming the log, no stack trace on the terminal; the exit status says it failed.
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err).contains("(details in ").doesNotContain("Exception");
        assertThat(run.exitCode).isEqualTo(PulseboardCommand.FAILED);
    }

    @Test
    void aShorterDurationBoundsTheWait() {
        Run run = pipeline("--bootstrap", "127.0.0.1:1", "--duration", "2");

        assertThat(run.err).startsWith("pulseboard failed: Cannot reach Kafka at 127.0.0.1:1 within 2 s: connection");
        assertThat(run.elapsed).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void anUnknownHostFailsAtOnceNamingTheHost() {
        Run run = pipeline("--bootstrap", "no-such-host.invalid:9092");

        assertThat(run.err)
                .startsWith(
                        "pulseboard failed: Unknown host no-such-host.invalid in --bootstrap"
                                + " no-such-host.invalid:9092: the name does not resolve; check the spelling, the DNS or the VPN");
        assertThat(run.elapsed).isLessThan(Duration.ofSeconds(8));
    }

    private record Run(String err, Duration elapsed, int exitCode) {}

    private static Run pipeline(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "pipeline";
        System.arraycopy(options, 0, args, 1, options.length);
        StringWriter err = new StringWriter();
        CommandLine cli = PulseboardCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int exitCode = cli.execute(args);
        return new Run(err.toString(), Duration.ofNanos(System.nanoTime() - start), exitCode);
    }
}
