package io.swapflex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code swapflex bench fleet}: described here, run by the {@code ./swapflex} launcher (a 4 GiB heap). */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Generated fleets planned with and without price coordination: time, total, gap and the fleet "
                + "checker's verdict per size.",
                "Run through ./swapflex bench fleet, which builds the benchmark's class path and gives it a 4 GiB heap."})
final class BenchFleetCommand extends Edge.LauncherBench {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SECONDS", defaultValue = "60",
            description = "The time limit per fleet (default ${DEFAULT-VALUE}).")
    double seconds;

    @Parameters(index = "2..*", paramLabel = "STATIONS", description = "The fleet sizes (stations).")
    List<Integer> sizes;
}
