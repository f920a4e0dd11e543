package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.PackType;

import static io.swapflex.optimizer.check.Findings.n;
import static io.swapflex.optimizer.check.PlanChecker.ABS_TOL;

/** Rules 1–3, bay by bay: power limits, SOC dynamics and swaps, SOC band. */
final class BayRules {

    private BayRules() {
    }

    static void check(Resolved r, Findings f) {
        for (Bay bay : r.bays()) {
            BaySchedule s = r.schedules.get(bay.id());
            if (s == null) {
                continue; // reported as missing
            }
            PackType k = r.types.get(bay.packType());
            if (r.powerOk.contains(bay.id())) {
                power(bay.id(), s.powerKw(), k, f);
                if (r.socOk.contains(bay.id()) && r.swapOk.contains(bay.id())) {
                    soc(bay.id(), s, k, r.dt, f);
                    continue;
                }
            }
            f.skipped("rules 2–3 (SOC) for bay " + bay.id());
        }
    }

    /** Rule 1: −maxDischargeKw ≤ powerKw[t] ≤ maxChargeKw. */
    private static void power(String bay, double[] power, PackType k, Findings f) {
        for (int t = 0; t < power.length; t++) {
            double p = power[t];
            if (p > k.maxChargeKw() + ABS_TOL) {
                f.hard("slot " + t + " bay " + bay + ": power " + n(p) + " kW exceeds maxChargeKw "
                        + n(k.maxChargeKw()));
            } else if (-p > k.maxDischargeKw() + ABS_TOL) {
                f.hard("slot " + t + " bay " + bay + ": discharge " + n(-p) + " kW exceeds maxDischargeKw "
                        + n(k.maxDischargeKw()));
            }
        }
    }

    /** Rules 2 and 3. */
    private static void soc(String bay, BaySchedule s, PackType k, double dt, Findings f) {
        double[] power = s.powerKw();
        double[] soc = s.soc();
        boolean[] swap = s.swapOut();
        for (int t = 0; t < power.length; t++) {
            String at = "slot " + t + " bay " + bay + ": ";
            double p = power[t];
            double from = soc[t];
            double to = soc[t + 1];
            if (swap[t]) {
                if (from < k.swapReadySoc() - ABS_TOL) {
                    f.hard(at + "swap of a pack at SOC " + n(from) + ", below swapReadySoc " + n(k.swapReadySoc()));
                }
                if (Math.abs(p) > ABS_TOL) {
                    f.hard(at + "power " + n(p) + " kW in a swap slot, must be 0");
                }
                if (Math.abs(to - k.returnSoc()) > ABS_TOL) {
                    f.hard(at + "SOC " + n(to) + " after the swap, must be returnSoc " + n(k.returnSoc()));
                }
                continue;
            }
            double energy = k.chargeEfficiency() * Math.max(p, 0) - Math.max(-p, 0) / k.dischargeEfficiency();
            double expected = from + energy * dt / k.capacityKwh();
            if (Math.abs(to - expected) > ABS_TOL) {
                f.hard(at + "SOC " + n(to) + " at the end of the slot, but SOC " + n(from) + " with power " + n(p)
                        + " kW gives " + n(expected));
            }
            if (p > ABS_TOL && to > k.maxSoc() + ABS_TOL) {
                f.hard(at + "SOC " + n(to) + " after charging exceeds maxSoc " + n(k.maxSoc()));
            }
            if (p < -ABS_TOL && to < k.minSoc() - ABS_TOL) {
                f.hard(at + "SOC " + n(to) + " after discharging is below minSoc " + n(k.minSoc()));
            }
        }
    }
}
