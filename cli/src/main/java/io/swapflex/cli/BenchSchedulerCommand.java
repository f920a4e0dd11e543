package io.swapflex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code swapflex bench scheduler}: described here, run by the {@code ./swapflex} launcher, which builds the
 * benchmark's class path (HiGHS through OR-Tools, a test-scope dependency the jar never ships).
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"The schedulers against HiGHS's exact optimum on generated stations of growing size: time, gap "
                + "and the checker's verdict per size.",
                "Other tables: 'bench scheduler anatomy [HIGHS_SECONDS] [SEED] [BAYS...|small]' splits the "
                        + "certified gap into its bound and plan sides against HiGHS; 'bench scheduler anatomy ascent "
                        + "[SEED] [STEPS] [BAYS...]' compares our dual with the relaxed LP's own row duals (GLOP); "
                        + "'bench scheduler anatomy misses [HIGHS_SECONDS] [SEED] [SLOTS] [BAYS...]' asks HiGHS for "
                        + "the fewest swaps any plan must miss in a station's first SLOTS slots, against our plans' "
                        + "misses there; 'bench scheduler anatomy firm [SEED] [STEPS] [BAYS...]' splits off what the "
                        + "stations' firm dispatch requests make of the gap (plans and bounds with and without them, the "
                        + "coarse relaxed LP against our ascent); 'bench scheduler anatomy swaps [HIGHS_SECONDS] [SEED] "
                        + "[BAYS...]' gives HiGHS's bound on the coarse relaxed network with whole swaps per slot, an "
                        + "independent bound on how far the 2 s plan lies above the optimum; "
                        + "'bench scheduler quality [BEST_SECONDS] [SEED] [BAYS...]' gives the default scheduler's plans at 100 ms and 2 s against "
                        + "the best known, and whether the 2 s plan repeats.",
                "Run through ./swapflex bench scheduler, which builds the benchmark's class path (OR-Tools is a test "
                        + "dependency, never in the jar)."})
final class BenchSchedulerCommand extends Edge.LauncherBench {

    @Parameters(index = "0", arity = "0..1", paramLabel = "HIGHS_SECONDS", defaultValue = "60",
            description = "HiGHS's time limit per station (default ${DEFAULT-VALUE}).")
    double highsSeconds;

    @Parameters(index = "2..*", paramLabel = "BAYS", description = "The ladder of station sizes (bays).")
    List<Integer> sizes;
}
