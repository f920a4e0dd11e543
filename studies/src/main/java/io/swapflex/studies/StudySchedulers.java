package io.swapflex.studies;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;
import io.swapflex.optimizer.registry.AutoScheduler;

import java.util.List;

/**
 * The schedulers of a study's station runs, by the names the CLI and the service use, each in its reproducible form:
 * a study's results must not depend on the number of threads nor on the machine's load. (Fleet runs use the service's
 * own schedulers: see {@link StudyRunner}.)
 *
 * <ul>
 *   <li>{@code flow}: {@link FlowScheduler#deterministic(long)} — the time limit is a work budget on a virtual clock,
 *   the dual ascent on the solve's own thread;</li>
 *   <li>{@code auto} (the default): {@link AutoScheduler}'s choice (the exact reference MIP on the smallest stations)
 *   with the deterministic flow scheduler for the others;</li>
 *   <li>{@code greedy}: deterministic by construction;</li>
 *   <li>{@code reference}: the exact MIP, reproducible only when it proves optimality within its limit (its
 *   branch-and-bound stops on the wall clock otherwise).</li>
 * </ul>
 */
public final class StudySchedulers {

    public static final String DEFAULT = "auto";
    public static final List<String> NAMES = List.of("auto", "flow", "reference", "greedy");

    private StudySchedulers() {
    }

    /** The scheduler for a name of {@link #NAMES} ({@code default} is {@link #DEFAULT}). */
    public static Scheduler byName(String name, long seed) {
        return switch (name.equals("default") ? DEFAULT : name) {
            case "auto" -> new AutoScheduler(new ReferenceMipScheduler(), FlowScheduler.deterministic(seed));
            case "flow" -> FlowScheduler.deterministic(seed);
            case "reference" -> new ReferenceMipScheduler();
            case "greedy" -> new GreedyScheduler();
            default -> throw new IllegalArgumentException("unknown solver '" + name + "', known: "
                    + String.join(", ", NAMES));
        };
    }
}
