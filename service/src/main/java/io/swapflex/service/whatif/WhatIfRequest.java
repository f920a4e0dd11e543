package io.swapflex.service.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.contract.DispatchRequest;

import java.util.List;

/**
 * A what-if study as submitted: a base and the named scenarios to compare with it.
 *
 * @param stationId a registered station: the base is the problem it would be planned with now (its profile from the
 *                  current slot, uploaded forecast included, and its bays' state), frozen at submission
 * @param problem   or an inline contract-v1 problem document as the base
 * @param solver    the scheduler of every scenario that names none (default: the service's)
 * @param timeLimit the time limit per solve of every scenario that names none (default: the service's re-plan limit;
 *                  at most {@code swapflex.planning.max-solve-time-limit})
 * @param gapTarget the gap target per solve, in [0, 1) (default: the service's)
 * @param scenarios the scenarios, 1 to {@code swapflex.whatif.max-scenarios}; the base is solved as scenario 0
 */
public record WhatIfRequest(String stationId, JsonNode problem, String solver, String timeLimit, Double gapTarget,
                            List<Scenario> scenarios) {

    /**
     * One scenario: its variations of the base, applied in this order — prices replaced, then scaled; swap demand
     * scaled; bays added; meter limits set; dispatch requests added.
     *
     * @param name              unique in the study, not {@code base}; 1–100 characters, no {@code / ? # %}
     * @param importPriceScale  every import price times this (≥ 0)
     * @param importPricePerKwh import prices replaced, one per slot of the base
     * @param exportPriceScale  every export price times this (≥ 0)
     * @param exportPricePerKwh export prices replaced, one per slot of the base
     * @param demandScale       swap demand of every pack type times this (≥ 0), rounded so that the running total
     *                          is the scaled running total rounded (the day's total is kept and no slot drifts)
     * @param addBays           bays added, each group of {@code count} bays of a pack type with a pack at {@code soc}
     * @param importLimitKw     the meter's import limit set to this (≥ 0)
     * @param exportLimitKw     the meter's export limit set to this (≥ 0)
     * @param dispatchRequests  contract-v1 dispatch requests added (a dispatch programme), on the base's slots
     * @param solver            this scenario's scheduler
     * @param timeLimit         this scenario's time limit
     * @param gapTarget         this scenario's gap target
     * @param swapPenaltyScale  every pack type's price of an unserved swap times this (≥ 0)
     * @param endValuePerKwh    every pack type's value of a kWh left at the horizon's end set to this (≥ 0)
     * @param minReadyAtEnd     every pack type's bays that must end swap-ready set to this (an integer ≥ 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scenario(String name, Double importPriceScale, double[] importPricePerKwh, Double exportPriceScale,
                           double[] exportPricePerKwh, Double demandScale, List<BayGroup> addBays,
                           Double importLimitKw, Double exportLimitKw, List<DispatchRequest> dispatchRequests,
                           String solver, String timeLimit, Double gapTarget, Double swapPenaltyScale,
                           Double endValuePerKwh, Integer minReadyAtEnd) {
    }

    /** {@code count} bays of {@code packType}, each holding a pack at {@code soc}. */
    public record BayGroup(String packType, Integer count, Double soc) {
    }
}
