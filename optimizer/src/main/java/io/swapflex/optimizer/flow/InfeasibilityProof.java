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
}
