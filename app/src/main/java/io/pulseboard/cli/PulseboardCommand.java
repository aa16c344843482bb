package io.pulseboard.cli;

import io.pulseboard.config.ConfigException;
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
            commandLine.getErr().println("pulseboard failed: " + e.getMessage());
            throw e;
        });
        return cli;
    }
}
