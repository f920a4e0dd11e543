package io.swapflex.simulation;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.planning.StationTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What really happens in one slot at the station, given the bay powers a policy asks for and the riders who come.
 * The rules (contract v1 physics, {@code docs/contract.md}):
 * <ol>
 *   <li><b>Riders.</b> Every bay always holds one pack. The riders of pack type k who arrive in the slot
 *   ({@code demand[k]}) are served at its start, one pack each, from the bays of type k whose pack is ready
 *   ({@code soc ≥ swapReadySoc}, with the plan checker's 1e-5 tolerance), in this order: the bays the policy marked
 *   for a swap-out, then ready bays the policy wanted to idle or charge (fullest first), then ready bays it wanted to
 *   discharge (fullest first); ties by bay order. Riders beyond the ready packs are <b>missed</b> (they leave).</li>
 *   <li><b>Returned packs.</b> A bay that handed out a pack has no power in the slot and holds the rider's returned
 *   pack at {@code returnSoc} from the next slot.</li>
 *   <li><b>Power.</b> Every other bay gets the asked power, clipped to {@code [−maxDischargeKw, maxChargeKw]} and to
 *   what its actual SOC allows: charging may not end above {@code maxSoc}, discharging not below {@code minSoc}
 *   (a pack outside the band only moves towards it). A bay marked for a swap-out that no rider took waits (power 0).
 *   For a plan made from the actual state (the closed loop) nothing is clipped; open-loop plans and rules may be.</li>
 *   <li><b>SOC</b>: {@code soc' = soc + (ηc·max(p,0) − max(−p,0)/ηd)·Δ/cap}; no self-discharge.</li>
 *   <li><b>Meter</b>: {@code net = baseLoad + Σ p}, import = max(net, 0), export = max(−net, 0). A slot whose import
 *   or export exceeds the site limit, or with more active bays than {@code maxActiveBays}, counts as a breach (the
 *   flows are still booked as they are).</li>
 *   <li><b>Money</b>: import cost = importPrice·import·Δ, export revenue = exportPrice·export·Δ, degradation =
 *   Σ degradationCostPerKwh·|p|·Δ, as in the contract's objective.</li>
 * </ol>
 */
public final class BankPhysics {

    /** The plan checker's tolerance on a swap-ready SOC. */
    static final double READY_TOL = 1e-5;
    private static final double EPS = 1e-12;

    private final List<PackType> types;
    private final int[] typeOfBay;
    private final PackType[] packOfBay;
    private final int maxActive;
    private final double importLimit;
    private final double exportLimit;
    private final double dt;

    public BankPhysics(StationTemplate station, double slotHours) {
        this.types = station.packTypes();
        int n = station.bays().size();
        this.typeOfBay = new int[n];
        this.packOfBay = new PackType[n];
        for (int b = 0; b < n; b++) {
            Bay bay = station.bays().get(b);
            for (int k = 0; k < types.size(); k++) {
                if (types.get(k).id().equals(bay.packType())) {
                    typeOfBay[b] = k;
                    packOfBay[b] = types.get(k);
                }
            }
        }
        this.maxActive = station.maxActiveBays() == null ? n : station.maxActiveBays();
        this.importLimit = station.gridImportLimitKw();
        this.exportLimit = station.gridExportLimitKw();
        this.dt = slotHours;
    }

    /** One slot's outcome. Arrays are per pack type (template order). */
    public record Outcome(int[] demanded, int[] served, double[] appliedKw, double importKw, double exportKw,
                          double importCost, double exportRevenue, double degradationCost, double chargedKwh,
                          double dischargedKwh, boolean breach) {
        public int missed() {
            int m = 0;
            for (int k = 0; k < demanded.length; k++) {
                m += demanded[k] - served[k];
            }
            return m;
        }
    }

    public int bayCount() {
        return typeOfBay.length;
    }

    public int typeOf(int bay) {
        return typeOfBay[bay];
    }

    public PackType pack(int bay) {
        return packOfBay[bay];
    }

    public boolean ready(int bay, double soc) {
        return soc >= packOfBay[bay].swapReadySoc() - READY_TOL;
    }

    /** Largest charging power (kW) bay {@code b} can take this slot from {@code soc} without ending above maxSoc. */
    public double maxCharge(int b, double soc) {
        PackType p = packOfBay[b];
        double room = (p.maxSoc() - soc) * p.capacityKwh() / (p.chargeEfficiency() * dt);
        return Math.max(0, Math.min(p.maxChargeKw(), room));
    }

    /** Largest discharging power (kW, positive) bay {@code b} can give from {@code soc} without ending below floor. */
    public double maxDischarge(int b, double soc, double floorSoc) {
        PackType p = packOfBay[b];
        double floor = Math.max(floorSoc, p.minSoc());
        double room = (soc - floor) * p.capacityKwh() * p.dischargeEfficiency() / dt;
        return Math.max(0, Math.min(p.maxDischargeKw(), room));
    }

    /** SOC after a slot at power {@code p} (no clipping). */
    public double next(int b, double soc, double p) {
        PackType t = packOfBay[b];
        double energy = p > 0 ? t.chargeEfficiency() * p : p / t.dischargeEfficiency();
        return soc + energy * dt / t.capacityKwh();
    }

    /**
     * Plays one slot: serves {@code demand} (per type), applies the action (clipped as the class comment says) and
     * updates {@code soc} in place to the SOC at the start of the next slot.
     */
    public Outcome step(double[] soc, Action action, int[] demand, double baseLoadKw, double importPrice,
                        double exportPrice) {
        int n = bayCount();
        double[] p = new double[n];
        boolean[] swapped = new boolean[n];
        int[] served = new int[types.size()];
        for (int k = 0; k < types.size(); k++) {
            int type = k;
            List<Integer> readyBays = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                if (typeOfBay[b] == k && ready(b, soc[b])) {
                    readyBays.add(b);
                }
            }
            readyBays.sort(Comparator.<Integer>comparingInt(b -> action.swapOut()[b] ? 0
                            : action.powerKw()[b] >= 0 ? 1 : 2)
                    .thenComparing(b -> -soc[b])
                    .thenComparingInt(b -> b));
            served[type] = Math.min(demand[k], readyBays.size());
            for (int i = 0; i < served[type]; i++) {
                swapped[readyBays.get(i)] = true;
            }
        }
        double chargedKwh = 0;
        double dischargedKwh = 0;
        double degradation = 0;
        double net = baseLoadKw;
        int active = 0;
        for (int b = 0; b < n; b++) {
            PackType t = packOfBay[b];
            if (swapped[b]) {
                soc[b] = t.returnSoc();
                continue;
            }
            double want = action.swapOut()[b] ? 0.0 : action.powerKw()[b];
            double applied;
            if (want > 0) {
                // Within the checker's tolerance a plan may end a hair above maxSoc; only a real overshoot is clipped.
                applied = next(b, soc[b], want) <= t.maxSoc() + 1e-9 ? Math.min(want, t.maxChargeKw())
                        : maxCharge(b, soc[b]);
            } else if (want < 0) {
                applied = next(b, soc[b], want) >= t.minSoc() - 1e-9 ? Math.max(want, -t.maxDischargeKw())
                        : -maxDischarge(b, soc[b], t.minSoc());
            } else {
                applied = 0;
            }
            if (Math.abs(applied) < EPS) {
                applied = 0;
            }
            p[b] = applied;
            soc[b] = Math.max(0.0, Math.min(1.0, next(b, soc[b], applied)));
            if (applied != 0) {
                active++;
            }
            chargedKwh += Math.max(applied, 0) * dt;
            dischargedKwh += Math.max(-applied, 0) * dt;
            degradation += t.degradationCost() * Math.abs(applied) * dt;
            net += applied;
        }
        double importKw = Math.max(net, 0);
        double exportKw = Math.max(-net, 0);
        boolean breach = importKw > importLimit + 1e-6 || exportKw > exportLimit + 1e-6 || active > maxActive;
        return new Outcome(demand.clone(), served, p, importKw, exportKw, importPrice * importKw * dt,
                exportPrice * exportKw * dt, degradation, chargedKwh, dischargedKwh, breach);
    }

    /** Energy stored in the bank (kWh) at these SOCs. */
    public double storedKwh(double[] soc) {
        double e = 0;
        for (int b = 0; b < soc.length; b++) {
            e += soc[b] * packOfBay[b].capacityKwh();
        }
        return e;
    }
}
