package io.swapflex.optimizer.contract;

/** Meter flows per slot, kW, both non-negative; at most one of them is non-zero in a slot. */
public record GridFlow(double[] importKw, double[] exportKw) {
}
