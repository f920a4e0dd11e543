package io.swapflex.optimizer.flow;

import java.util.Arrays;
import java.util.Locale;

/**
 * Cheap sufficient conditions for "no plan meets every hard rule", so that the plan can say INFEASIBLE (not merely
 * that the search ran out of time). Each is a proof: in slot t net export is at most
 * <pre>
 *   min( E,  Σ of the A largest P_d over the bays − base_t )
 * </pre>
 * (at most A bays are active, each discharges at most P_d), and a firm request needing more cannot be met.
 */
final class InfeasibilityProof {

    private InfeasibilityProof() {
    }

    /** The first firm slot that cannot be met, in words, or null when none is proven. */
    static String firmBeyondBank(StationModel model) {
        double[] discharge = new double[model.bayCount()];
        for (int b = 0; b < discharge.length; b++) {
            discharge[b] = model.types.get(model.typeOfBay[b]).maxDischargeKw();
        }
        Arrays.sort(discharge);
        double strongest = 0;
        for (int i = 0; i < model.activeLimit && i < discharge.length; i++) {
            strongest += discharge[discharge.length - 1 - i];
        }
        for (int t = 0; t < model.slots; t++) {
            double need = model.firmExportKw[t];
            if (need == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double most = Math.min(model.exportLimit[t], strongest - model.baseKw[t]);
            if (need > most + 1e-7) {
                return String.format(Locale.ROOT, "slot %d: firm export %.3f kW above the most the station can"
                        + " export, %.3f kW", t, need, most);
            }
        }
        return null;
    }

    /**
     * The first pack type whose end readiness rule cannot be met, in words, or null when none is proven. A bay can end
     * swap-ready only if it starts ready or can charge there in the slots of the horizon at full power (never handing
     * its pack out); and all the types together need at least Σ_k (the R_k quickest bays' charging slots) bay-slots of
     * charging, of which the chargers allow A per slot.
     */
    static String readyBeyondBank(StationModel model) {
        long slotsNeeded = 0;
        for (int k = 0; k < model.typeCount(); k++) {
            int wanted = model.minReadyAtEnd[k];
            if (wanted <= 0) {
                continue;
            }
            double readySoc = model.types.get(k).swapReadySoc();
            double step = model.chargeStep(k);
            int[] bays = model.baysOfType[k];
            long[] need = new long[bays.length];
            int possible = 0;
            for (int i = 0; i < bays.length; i++) {
                double missing = readySoc - model.initialSoc[bays[i]];
                need[i] = missing <= 1e-9 ? 0 : step <= 0 ? Long.MAX_VALUE : (long) Math.ceil(missing / step - 1e-9);
                if (need[i] <= model.slots && (need[i] == 0 || model.activeLimit > 0)) {
                    possible++;
                }
            }
            if (possible < wanted) {
                return String.format(Locale.ROOT, "end of horizon: at most %d of the %d %s bays can be swap-ready,"
                        + " minReadyAtEnd is %d (short %d)", possible, bays.length, model.types.get(k).id(), wanted,
                        wanted - possible);
            }
            Arrays.sort(need);
            for (int i = 0; i < wanted; i++) {
                slotsNeeded += need[i];
            }
        }
        long capacity = (long) model.activeLimit * model.slots;
        if (slotsNeeded > capacity) {
            return String.format(Locale.ROOT, "end of horizon: the end readiness rules need at least %d bay-slots of"
                    + " charging, the chargers allow %d (maxActiveBays %d × %d slots)", slotsNeeded, capacity,
                    model.activeLimit, model.slots);
        }
        return null;
    }
}
