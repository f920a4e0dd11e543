package io.swapflex.cli;

import picocli.CommandLine.Command;

/** The root: without a command it prints the list of commands and is bad input. */
@Command(name = "swapflex", mixinStandardHelpOptions = true, version = "swapflex 0.1.0-SNAPSHOT",
        description = "Vehicle-to-grid optimisation for battery-swap stations: plans, checks, what-if studies, "
                + "closed-loop simulations, fleets, the service and its harnesses.",
        subcommands = {RunCommand.class, SolveCommand.class, CheckCommand.class, ExampleCommand.class,
                ForecastCommand.class, FleetCommand.class, WhatIfCommand.class, ClusterMemberCommand.class,
                SimulateCommand.class, TokenCommand.class, ServeCommand.class, BenchCommand.class})
final class SwapflexCommand extends Edge.Group {

    final Io io;

    SwapflexCommand(Io io) {
        this.io = io;
    }
}
