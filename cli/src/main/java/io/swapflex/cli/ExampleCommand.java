package io.swapflex.cli;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.ProblemLimits;
import io.swapflex.optimizer.generate.StationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swapflex example NAME | --list | --generated BAYS [--seed S]}. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Print an example problem (contract v1), or list the examples' names.",
                "With --generated BAYS, print a station of the benchmark ladder instead (the stations `bench "
                        + "scheduler` plans: 96 slots of 15 minutes, 1-4 pack types by size, a firm evening "
                        + "request), so that a figure of the docs can be solved by hand."})
final class ExampleCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The example to print.")
    String name;

    @Option(names = "--list", description = "List the names, one a line.")
    boolean list;

    @Option(names = "--generated", paramLabel = "BAYS", converter = PositiveInt.class,
            description = "Print the generated ladder station of this many bays.")
    Integer generated;

    /** The ladder's first seed, the one the docs' figures name when they give none. */
    private static final long DEFAULT_SEED = 1;

    @Option(names = "--seed", paramLabel = "S",
            description = "The generated station's seed (with --generated only; default " + DEFAULT_SEED + ").")
    Long seed;

    @Override
    public Integer call() {
        int chosen = (list ? 1 : 0) + (name != null ? 1 : 0) + (generated != null ? 1 : 0);
        if (chosen != 1) {
            throw new IllegalArgumentException("example needs one of NAME, --list or --generated BAYS");
        }
        if (seed != null && generated == null) {
            // a seed that picks nothing would print the named example as if it had been chosen by it
            throw new IllegalArgumentException("--seed: only a --generated station has a seed");
        }
        if (list) {
            Examples.names().forEach(out()::println);
        } else if (generated != null) {
            int most = ProblemLimits.current().maxBays();
            if (generated > most) {
                throw new IllegalArgumentException("--generated: " + generated + " bays is more than a problem may "
                        + "have (" + most + ", swapflex.limits.max-bays)");
            }
            out().println(ContractJson.write(StationGenerator.generate(generated,
                    StationGenerator.typesFor(generated), seed == null ? DEFAULT_SEED : seed)));
        } else {
            out().print(Examples.json(name));
        }
        return Main.OK;
    }
}
