package io.pulseboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ConfigOptionsTest {

    @Test
    void refusesADurationOfZeroNamingTheOptionAndTheFix() {
        assertThatThrownBy(() -> PulseboardCommand.commandLine().parseArgs("pipeline", "--duration", "0"))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--duration': '0' seconds would stop before starting; give 1 or more,"
                                + " e.g. --duration 60, or leave the option out to run until Ctrl-C");
    }

    @Test
    void refusesANegativeDuration() {
        assertThatThrownBy(() -> PulseboardCommand.commandLine().parseArgs("demo", "--duration", "-5"))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--duration': '-5' seconds would stop before starting; give 1 or more,"
                                + " e.g. --duration 60, or leave the option out to run until Ctrl-C");
    }

    @Test
    void refusesADurationThatIsNotANumber() {
        assertThatThrownBy(() -> PulseboardCommand.commandLine().parseArgs("pipeline", "--duration", "1m"))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--duration': '1m' is not a whole number of seconds; give 1 or more,"
                                + " e.g. --duration 60");
    }

    @Test
    void acceptsOneSecond() {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs("--duration", "1");
        assertThat(holder.options.duration()).contains(Duration.ofSeconds(1));
    }

    @CommandLine.Command
    static final class Holder {
        @CommandLine.Mixin
        ConfigOptions options = new ConfigOptions();
    }
}
