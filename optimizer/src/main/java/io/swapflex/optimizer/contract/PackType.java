package io.swapflex.optimizer.contract;

/**
 * A kind of battery pack. SOC values are fractions of {@code capacityKwh}; efficiencies are in (0, 1].
 * {@code degradationCostPerKwh} is charged on the energy throughput at the bay (|power| · Δ), optional (default 0).
 */
public record PackType(String id, Double capacityKwh, Double maxChargeKw, Double maxDischargeKw,
                       Double chargeEfficiency, Double dischargeEfficiency, Double minSoc, Double maxSoc,
                       Double swapReadySoc, Double returnSoc, Double degradationCostPerKwh) {

    public double degradationCost() {
        return degradationCostPerKwh == null ? 0.0 : degradationCostPerKwh;
    }
}
