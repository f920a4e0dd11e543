package io.swapflex.optimizer.contract;

/**
 * A kind of battery pack. SOC values are fractions of {@code capacityKwh}; efficiencies are in (0, 1].
 * {@code degradationCostPerKwh} is charged on the energy throughput at the bay (|power| · Δ), optional (default 0).
 *
 * <p>The type's economics (optional additions to format v1, see docs/CONTRACT.md):
 * <ul>
 *   <li>{@code unservedSwapPenalty}: the price of one unserved swap of this type; when null the problem's applies.</li>
 *   <li>{@code endValuePerKwh}: what a kWh stored above {@code minSoc} is worth when the horizon ends (default 0):
 *       the plan earns endValuePerKwh · capacityKwh · (soc_end − minSoc) per bay.</li>
 *   <li>{@code minReadyAtEnd}: a hard rule, at least this many bays of the type end the horizon with a swap-ready
 *       pack (default 0).</li>
 * </ul>
 */
public record PackType(String id, Double capacityKwh, Double maxChargeKw, Double maxDischargeKw,
                       Double chargeEfficiency, Double dischargeEfficiency, Double minSoc, Double maxSoc,
                       Double swapReadySoc, Double returnSoc, Double degradationCostPerKwh,
                       Double unservedSwapPenalty, Double endValuePerKwh, Integer minReadyAtEnd) {

    /** A pack type without its own economics: the problem's penalty, no end value, no end readiness rule. */
    public PackType(String id, Double capacityKwh, Double maxChargeKw, Double maxDischargeKw,
                    Double chargeEfficiency, Double dischargeEfficiency, Double minSoc, Double maxSoc,
                    Double swapReadySoc, Double returnSoc, Double degradationCostPerKwh) {
        this(id, capacityKwh, maxChargeKw, maxDischargeKw, chargeEfficiency, dischargeEfficiency, minSoc, maxSoc,
                swapReadySoc, returnSoc, degradationCostPerKwh, null, null, null);
    }

    public double degradationCost() {
        return degradationCostPerKwh == null ? 0.0 : degradationCostPerKwh;
    }

    /** The price of one unserved swap of this type: its own, else {@code problemPenalty} (null reads as 0). */
    public double swapPenalty(Double problemPenalty) {
        if (unservedSwapPenalty != null) {
            return unservedSwapPenalty;
        }
        return problemPenalty == null ? 0.0 : problemPenalty;
    }

    /** Value of a kWh stored above minSoc at the horizon's end (0 when not given). */
    public double endValue() {
        return endValuePerKwh == null ? 0.0 : endValuePerKwh;
    }

    /** Bays of this type that must end the horizon swap-ready (0 when not given). */
    public int readyAtEnd() {
        return minReadyAtEnd == null ? 0 : minReadyAtEnd;
    }

    /** The end value of one pack of this type left at {@code soc}: endValuePerKwh · capacityKwh · (soc − minSoc). */
    public double endValueAt(double soc) {
        return endValue() == 0.0 ? 0.0 : endValue() * capacityKwh * (soc - minSoc);
    }

    /** This type with its economics replaced (null keeps a field unset). */
    public PackType withEconomics(Double penalty, Double endValue, Integer readyAtEnd) {
        return new PackType(id, capacityKwh, maxChargeKw, maxDischargeKw, chargeEfficiency, dischargeEfficiency,
                minSoc, maxSoc, swapReadySoc, returnSoc, degradationCostPerKwh, penalty, endValue, readyAtEnd);
    }
}
