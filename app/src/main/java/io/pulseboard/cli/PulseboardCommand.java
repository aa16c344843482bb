package io.pulseboard.cli;

import io.pulseboard.config.ConfigException;
import io.pulseboard.log.LogFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pulseboard} command: its subcommands run the demo, the local stack and the pipeline. */
@Command(
        name = "pulseboard",
        mixinStandardHelpOptions = true,
        version = "Pulseboard 0.1.0",
        description = "Real-time business metrics from Kafka: demo, local stack and headless pipeline.",
        subcommands = {
            DemoCommand.class,
            StackCommand.class,
            PipelineCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PulseboardCommand implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PulseboardCommand.class);

    /** Exit code of a command that failed (a configuration error exits with 2). */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, with configuration errors shown as one clear line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PulseboardCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration error: " + e.getMessage());
                return 2;
            }
            // The user reads one line; the stack trace goes to the log file only (WARN stays off the
            // terminal, whose appender shows ERROR).
            log.warn("pulseboard {} failed", commandLine.getCommandName(), e);
            String reason =
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            commandLine.getErr().println("pulseboard failed: " + reason + " (details in " + LogFile.current() + ")");
            return FAILED;
        });
        return cli;
    }
}
