package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The plan's cost breakdown, in the tariff's currency:
 * total = importCost − exportRevenue + degradationCost + unservedSwapPenalty − dispatchReward − endValue.
 *
 * <p>{@code endValue} (an optional addition to format v1) is the value of the energy the bank holds above each
 * type's minSoc when the horizon ends; a plan document without it reads as 0.
 */
public record Objective(double total, double importCost, double exportRevenue, double degradationCost,
                        double unservedSwapPenalty, double dispatchReward, double endValue) {

    public static Objective of(double importCost, double exportRevenue, double degradationCost,
                               double unservedSwapPenalty, double dispatchReward, double endValue) {
        return new Objective(importCost - exportRevenue + degradationCost + unservedSwapPenalty - dispatchReward
                - endValue, importCost, exportRevenue, degradationCost, unservedSwapPenalty, dispatchReward, endValue);
    }

    /** The reader's way in: every term required (a null one is refused, naming it), endValue optional (0). */
    @JsonCreator
    static Objective read(@JsonProperty(value = "total", required = true) double total,
                          @JsonProperty(value = "importCost", required = true) double importCost,
                          @JsonProperty(value = "exportRevenue", required = true) double exportRevenue,
                          @JsonProperty(value = "degradationCost", required = true) double degradationCost,
                          @JsonProperty(value = "unservedSwapPenalty", required = true) double unservedSwapPenalty,
                          @JsonProperty(value = "dispatchReward", required = true) double dispatchReward,
                          @JsonProperty("endValue") Double endValue) {
        return new Objective(total, importCost, exportRevenue, degradationCost, unservedSwapPenalty, dispatchReward,
                endValue == null ? 0.0 : endValue);
    }
}
