package io.swapflex.optimizer.contract;

/**
 * One bay's schedule: power per slot (kW, + charges, − discharges to the grid), SOC at each slot boundary
 * ({@code slots + 1} values, soc[0] the initial SOC) and whether the bay's pack is handed to a rider in the slot.
 */
public record BaySchedule(String id, double[] powerKw, double[] soc, boolean[] swapOut) {
}
