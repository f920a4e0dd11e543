package io.swapflex.cli;

import picocli.CommandLine.Command;

/** {@code swapflex bench TARGET}: the benchmarks and harnesses; each prints a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks and harnesses: each prints a table (docs/ keeps the last measured ones).",
        subcommands = {BenchForecastingCommand.class, BenchSchedulerCommand.class, BenchFleetCommand.class,
                BenchFlexibilityCommand.class,
                LoadCommand.class, CrashCommand.class, FuzzCommand.class, CommitCeilingCommand.class})
final class BenchCommand extends Edge.Group {
}
