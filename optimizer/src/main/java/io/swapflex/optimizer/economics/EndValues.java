package io.swapflex.optimizer.economics;

import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of the energy a rolling plan leaves in the bank, for pack types whose station does not state one.
 *
 * <p>A day plan with nothing at stake after its last slot empties the bank: it sells tomorrow's first riders' energy
 * at tonight's export price and leaves the packs at minSoc. The service's re-plans and the simulation's rolling plans
 * therefore value a kWh stored at the end at what putting it back will cost: the cheapest import price of the last day
 * of the horizon (the hours after the horizon are expected to cost what the same hours cost today) over the type's
 * charging efficiency. Wear is not counted, so a plan is not paid to charge only to end full. A station that states
 * {@code endValuePerKwh} (0 included) keeps its own value.
 */
public final class EndValues {

    private EndValues() {
    }

    /** {@code problem} with a tariff-derived end value on every pack type that has none (the same problem if none). */
    public static Problem fromTariff(Problem problem) {
        if (problem.packTypes().stream().allMatch(t -> t.endValuePerKwh() != null)) {
            return problem;
        }
        double refill = cheapestImportOfLastDay(problem);
        List<PackType> types = new ArrayList<>();
        for (PackType t : problem.packTypes()) {
            types.add(t.endValuePerKwh() != null ? t : t.withEconomics(t.unservedSwapPenalty(),
                    Math.max(0.0, refill / t.chargeEfficiency()), t.minReadyAtEnd()));
        }
        return problem.withPackTypes(types);
    }

    /** The least import price over the last 24 hours of the horizon (the whole horizon when shorter). */
    static double cheapestImportOfLastDay(Problem problem) {
        double[] prices = problem.tariff().importPricePerKwh();
        int day = (int) Math.max(1, Math.round(24.0 / problem.slotHours()));
        double least = Double.POSITIVE_INFINITY;
        for (int t = Math.max(0, prices.length - day); t < prices.length; t++) {
            least = Math.min(least, prices[t]);
        }
        return Double.isFinite(least) ? least : 0.0;
    }
}
