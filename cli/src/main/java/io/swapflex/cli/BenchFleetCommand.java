package io.swapflex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code swapflex bench fleet}: described here, run by the {@code ./swapflex} launcher (a 4 GiB heap). */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Generated fleets planned with and without price coordination: time, total, gap and the fleet "
                + "checker's verdict per size.",
                "Other tables: 'bench fleet joint [STATIONS] [SEED] [JOINT_SECONDS] [FLEET_SECONDS]' (the stations alone, "
                        + "the feeders planned jointly, the fleet planner); 'bench fleet work SEED STATIONS...' and 'bench "
                        + "fleet bounds SEED STATIONS MILLIS...' (deterministic work budgets); 'bench fleet forced [STATIONS] [SEED] [HIGHS_SECONDS]' "
                        + "(HiGHS's floor on the swaps each feeder forces, with and without its share of the fleet "
                        + "request, against our plans).",
                "Run through ./swapflex bench fleet, which builds the benchmark's class path and gives it a 4 GiB heap."})
final class BenchFleetCommand extends Edge.LauncherBench {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SECONDS", defaultValue = "60",
            description = "The time limit per fleet (default ${DEFAULT-VALUE}).")
    double seconds;

    @Parameters(index = "2..*", paramLabel = "STATIONS", description = "The fleet sizes (stations).")
    List<Integer> sizes;
}
