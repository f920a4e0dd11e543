package io.swapflex.optimizer.registry;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The schedulers the CLI and the service can be asked for by name. */
public final class Schedulers {

    private static final Map<String, Supplier<Scheduler>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("auto", AutoScheduler::new);
        BY_NAME.put("flow", FlowScheduler::new);
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
}
