package io.swapflex.optimizer.contract;

/**
 * The plan's cost breakdown, in the tariff's currency:
 * total = importCost − exportRevenue + degradationCost + unservedSwapPenalty − dispatchReward.
 */
public record Objective(double total, double importCost, double exportRevenue, double degradationCost,
                        double unservedSwapPenalty, double dispatchReward) {

    public static Objective of(double importCost, double exportRevenue, double degradationCost,
                               double unservedSwapPenalty, double dispatchReward) {
        return new Objective(importCost - exportRevenue + degradationCost + unservedSwapPenalty - dispatchReward,
                importCost, exportRevenue, degradationCost, unservedSwapPenalty, dispatchReward);
    }
}
