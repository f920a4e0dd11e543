package io.swapflex.studies;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.studies.whatif.WhatIfRequest;

import java.time.Duration;
import java.util.List;

/**
 * A what-if study read from its file ({@link StudyReader}): a base and the scenarios to compare with it, every
 * scenario's problem already built and valid.
 *
 * @param name      the study's title (the file name when it gives none)
 * @param baseLabel where the base came from, in words ({@code example thai-2w-12}, {@code fleet fleet-6.json})
 * @param mode      how each scenario is run: {@code plan}
 * @param seed      seed of the deterministic schedulers
 * @param runs      the base (index 0, named {@code base}) and the scenarios, in the file's order
 * @param request   the same study as the service's {@code POST /api/v1/whatif} body, or null for a fleet base (the
 *                  service's what-if jobs take one station)
 */
public record Study(String name, String baseLabel, String mode, long seed, List<Run> runs, WhatIfRequest request) {

    public static final String PLAN = "plan";
    public static final String SIMULATE = "simulate";

    public Study {
        runs = List.copyOf(runs);
    }

    public boolean fleet() {
        return runs.get(0).fleet() != null;
    }

    /**
     * One scenario to run: exactly one of {@code station} and {@code fleet} is set.
     *
     * @param index      0 for the base, then 1, 2... in the file's order
     * @param variations the scenario as written in the file ({@code {}} for the base)
     * @param solver     the scheduler's name (see {@link io.swapflex.optimizer.registry.Schedulers#reproducible})
     * @param timeLimit  the solve's limit: a work budget under the deterministic schedulers
     */
    public record Run(int index, String name, JsonNode variations, Problem station, FleetProblem fleet, String solver,
                      Duration timeLimit, double gapTarget) {
    }
}
