package io.swapflex.optimizer.registry;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one registry of schedulers: by the names the command line, the service and the study files use, as they run
 * for a plan ({@link #byName}) or in their reproducible form for a study ({@link #reproducible}).
 *
 * <p>{@code auto} (the default) and {@code flow} are deterministic: the time limit is a work budget (a virtual clock
 * for the flow search, whose dual ascent keeps its own thread in fixed batches; so many LP solves per second of limit
 * for the reference MIP in the small stations' portfolio) and, on the wall clock, still an upper bound on the solve's
 * time: the search stops at the earlier of the two. Where the machine does the budget's work in time, the same problem
 * and options give the same plan; on a slower or busier machine the wall clock paces the rest of the search from half
 * the limit on and stops it at the limit, and the plan is the best found by then, as with a wall-clock solve.
 * {@code reference} stops on the wall clock only.
 */
public final class Schedulers {

    private static final Map<String, Supplier<Scheduler>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("auto", AutoScheduler::new);
        BY_NAME.put("flow", () -> FlowScheduler.deterministic(AutoScheduler.SEED, true, true));
        BY_NAME.put("reference", ReferenceMipScheduler::new);
        BY_NAME.put("greedy", GreedyScheduler::new);
    }

    /** The scheduler used when none is named. */
    public static final String DEFAULT = "auto";

    private Schedulers() {
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static Scheduler byName(String name) {
        Supplier<Scheduler> supplier = BY_NAME.get(name);
        if (supplier == null) {
            throw new IllegalArgumentException("unknown solver '" + name + "', known: " + String.join(", ", names()));
        }
        return supplier.get();
    }

    /**
     * The scheduler for a name with the time limit read as a work limit alone: so much of the reference machine's work,
     * the wall clock never consulted, so that the same problem and options give the same plan on any machine and under
     * any load, where the schedulers {@link #byName} give it only on a machine that does the limit's work in time (a
     * slower one takes longer than the limit instead). {@code auto} and {@code flow} keep their two threads and their
     * plans are those {@link #byName} gives on a quiet machine (the benchmarks' {@link FlowScheduler#workBudget}).
     */
    public static Scheduler workLimited(String name) {
        return switch (name) {
            case "auto" -> new AutoScheduler(ReferenceMipScheduler.workBudget(),
                    FlowScheduler.workBudget(AutoScheduler.SEED));
            case "flow" -> FlowScheduler.workBudget(AutoScheduler.SEED);
            case "reference" -> ReferenceMipScheduler.workBudget();
            default -> byName(name);
        };
    }

    /**
     * The scheduler for a name (or {@code default}) in its reproducible form: a study's results must not depend on the
     * number of threads nor on the machine's load.
     * <ul>
     *   <li>{@code flow}: {@link FlowScheduler#deterministic(long)}, the time limit a work budget on a virtual clock,
     *   the dual ascent on the solve's own thread;</li>
     *   <li>{@code auto}: {@link AutoScheduler}'s choice (the exact reference MIP on the smallest stations) with the
     *   deterministic flow scheduler for the others;</li>
     *   <li>{@code greedy}: deterministic by construction;</li>
     *   <li>{@code reference}: the exact MIP, reproducible only when it proves optimality within its limit (its
     *   branch-and-bound stops on the wall clock otherwise).</li>
     * </ul>
     */
    public static Scheduler reproducible(String name, long seed) {
        return switch (name.equals("default") ? DEFAULT : name) {
            case "auto" -> new AutoScheduler(new ReferenceMipScheduler(), FlowScheduler.deterministic(seed));
            case "flow" -> FlowScheduler.deterministic(seed);
            default -> byName(name);
        };
    }
}
