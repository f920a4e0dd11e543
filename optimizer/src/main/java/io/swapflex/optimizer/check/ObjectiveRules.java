package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Tariff;

import static io.swapflex.optimizer.check.Findings.n;

/** Rule 8: the objective recomputed from the plan, term by term, and compared with the reported one. */
final class ObjectiveRules {

    private ObjectiveRules() {
    }

    /** The objective of the plan, or null when the parts it needs are malformed. */
    static Objective recompute(Resolved r, Findings f) {
        if (r.importKw == null || r.exportKw == null || !r.allPowerOk() || !r.badUnserved.isEmpty()) {
            f.skipped("rule 8 (objective)");
            return null;
        }
        Tariff tariff = r.problem.tariff();
        double importCost = 0;
        double exportRevenue = 0;
        for (int t = 0; t < r.slots; t++) {
            importCost += tariff.importPricePerKwh()[t] * r.importKw[t] * r.dt;
            exportRevenue += tariff.exportPricePerKwh()[t] * r.exportKw[t] * r.dt;
        }
        double degradation = 0;
        for (Bay bay : r.bays()) {
            PackType k = r.types.get(bay.packType());
            double perKwh = k.degradationCostPerKwh() == null ? 0 : k.degradationCostPerKwh();
            for (double p : r.schedules.get(bay.id()).powerKw()) {
                degradation += perKwh * Math.abs(p) * r.dt;
            }
        }
        double penalty = 0;
        for (var row : r.unserved.entrySet()) {
            PackType k = r.types.get(row.getKey());
            // the type's own price of an unserved swap, else the problem's (CONTRACT.md, objective)
            Double price = k.unservedSwapPenalty() != null ? k.unservedSwapPenalty() : r.problem.unservedSwapPenalty();
            long count = 0;
            for (int c : row.getValue()) {
                count += c;
            }
            penalty += (price == null ? 0.0 : price) * count;
        }
        double endValue = 0;
        if (r.allSocOk()) {
            for (Bay bay : r.bays()) {
                PackType k = r.types.get(bay.packType());
                if (k.endValuePerKwh() != null) {
                    double[] soc = r.schedules.get(bay.id()).soc();
                    endValue += k.endValuePerKwh() * k.capacityKwh() * (soc[r.slots] - k.minSoc());
                }
            }
        } else if (anyEndValue(r)) {
            f.skipped("rule 8 (objective)");
            return null;
        }
        double reward = 0;
        for (DispatchRequest request : r.met) {
            double perKwh = request.rewardPerKwh() == null ? 0 : request.rewardPerKwh();
            reward += perKwh * request.exportKw() * r.dt * (request.toSlot() - request.fromSlot());
        }
        double total = importCost - exportRevenue + degradation + penalty - reward - endValue;
        return new Objective(total, importCost, exportRevenue, degradation, penalty, reward, endValue);
    }

    private static boolean anyEndValue(Resolved r) {
        for (PackType k : r.problem.packTypes()) {
            if (k.endValuePerKwh() != null && k.endValuePerKwh() != 0.0) {
                return true;
            }
        }
        return false;
    }

    /** Each reported term must be finite and within 1e-4 · max(1, |recomputed|) of the recomputed one. */
    static void compare(Objective reported, Objective recomputed, Findings f) {
        if (reported == null) {
            f.bookkeeping("objective is missing");
            return;
        }
        boolean known = recomputed != null;
        term("total", reported.total(), known ? recomputed.total() : Double.NaN, f);
        term("importCost", reported.importCost(), known ? recomputed.importCost() : Double.NaN, f);
        term("exportRevenue", reported.exportRevenue(), known ? recomputed.exportRevenue() : Double.NaN, f);
        term("degradationCost", reported.degradationCost(), known ? recomputed.degradationCost() : Double.NaN, f);
        term("unservedSwapPenalty", reported.unservedSwapPenalty(),
                known ? recomputed.unservedSwapPenalty() : Double.NaN, f);
        term("dispatchReward", reported.dispatchReward(), known ? recomputed.dispatchReward() : Double.NaN, f);
        term("endValue", reported.endValue(), known ? recomputed.endValue() : Double.NaN, f);
    }

    private static void term(String name, double reported, double recomputed, Findings f) {
        if (!Double.isFinite(reported)) {
            f.bookkeeping("objective." + name + " is " + reported + ", must be a finite number");
        } else if (!Double.isNaN(recomputed) && !close(reported, recomputed)) {
            f.bookkeeping("objective." + name + " reported " + n(reported) + ", recomputed " + n(recomputed)
                    + " from the plan");
        }
    }

    /** |a − b| ≤ 1e-4 · max(1, |b|), b the value taken as true. */
    static boolean close(double a, double b) {
        return Math.abs(a - b) <= PlanChecker.REL_TOL * Math.max(1.0, Math.abs(b));
    }
}
