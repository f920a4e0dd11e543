package io.swapflex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code swapflex bench flexibility}: described here, run by the {@code ./swapflex} launcher (service test classes). */
@Command(name = "flexibility", mixinStandardHelpOptions = true,
        description = {"Flexibility per station and plan version (issue 15: at most 2 s of CPU): the CPU time of the "
                + "computing thread for the day's hourly windows, the figures summed over them, the probes, and the "
                + "plan checker's verdict on every witness.",
                "STATIONS are example names or bay counts (generated stations of the seed); the default is the 21-bay "
                        + "example and 50, 100, 200 and 400 bays. Each current plan is the flow scheduler's on a 2 s "
                        + "work budget (the same plan on any machine).",
                "Run through ./swapflex bench flexibility, which builds the benchmark's class path (the service's "
                        + "test classes)."})
final class BenchFlexibilityCommand extends Edge.LauncherBench {

    @Parameters(index = "0", arity = "0..1", paramLabel = "STEPS", defaultValue = "3",
            description = "Bisection steps after the bound fails (default ${DEFAULT-VALUE}, the service's).")
    int steps;

    @Parameters(index = "2..*", paramLabel = "STATIONS", description = "Example names or bay counts.")
    List<String> stations;
}
