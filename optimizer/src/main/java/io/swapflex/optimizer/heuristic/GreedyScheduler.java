package io.swapflex.optimizer.heuristic;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.plan.PlanAssembler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The operator's rule of thumb, slot by slot, with no look-ahead: hand out the fullest ready packs (but not one whose
 * return could not be charged again in time when the type would then fall short of its end readiness rule), meet firm requests
 * by discharging the fullest packs, otherwise charge every pack below maxSoc at full power within the meter and the
 * charger limits (fullest first, so packs become ready soonest). Offers are declined, prices ignored.
 *
 * <p>It is the fallback plan of the exact solvers (cheap, always within the SOC rules) and the "charge as soon as
 * returned" baseline of the benchmarks. Its plan carries no bound.
 */
public final class GreedyScheduler implements Scheduler {

    private static final double EPS = 1e-9;

    /** Always: the rule of thumb reads no clock. */
    @Override
    public boolean lastSolveReproducible() {
        return true;
    }

    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public Plan solve(Problem problem, SolveOptions options) {
        long start = System.nanoTime();
        int slots = problem.slots();
        double dt = problem.slotHours();
        List<Bay> bays = problem.bays();
        int n = bays.size();
        PackType[] types = new PackType[n];
        double[] soc = new double[n];
        for (int b = 0; b < n; b++) {
            types[b] = problem.packType(bays.get(b).packType());
            soc[b] = bays.get(b).soc();
        }
        double[][] power = new double[n][slots];
        boolean[][] out = new boolean[n][slots];
        int activeLimit = problem.site().activeBayLimit(n);
        List<Integer> byFullest = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            byFullest.add(b);
        }
        for (int t = 0; t < slots; t++) {
            final int slot = t;
            byFullest.sort(Comparator.comparingDouble((Integer b) -> -soc[b]));
            for (PackType type : problem.packTypes()) {
                int wanted = problem.demand(type.id(), t);
                // the end readiness rule: a pack is not handed out when its return could not be charged to
                // swap-ready by the end and fewer packs of the type than the rule asks could then end ready
                int canEndReady = 0;
                for (int b = 0; b < n; b++) {
                    canEndReady += types[b] == type && canEndReady(type, soc[b], slots - t, dt) ? 1 : 0;
                }
                boolean returnRecovers = canEndReady(type, type.returnSoc(), slots - t - 1, dt);
                for (int b : byFullest) {
                    if (wanted > 0 && types[b] == type && soc[b] >= type.swapReadySoc() - EPS) {
                        if (!returnRecovers && canEndReady - 1 < type.readyAtEnd()) {
                            continue;
                        }
                        out[b][t] = true;
                        wanted--;
                        canEndReady -= returnRecovers ? 0 : 1;
                    }
                }
            }
            double firmKw = firmExportKw(problem, t);
            double base = problem.site().baseLoadKw(t);
            int active = 0;
            if (firmKw > 0) {
                // Net export may not pass the meter's export limit, even for a request it cannot fully meet.
                double needKw = Math.min(firmKw, problem.site().exportLimitKw(t)) + base;
                for (int b : byFullest) {
                    if (needKw <= EPS || active >= activeLimit || out[b][slot]) {
                        continue;
                    }
                    PackType k = types[b];
                    double headroomKw = (soc[b] - k.minSoc()) * k.capacityKwh() * k.dischargeEfficiency() / dt;
                    double p = Math.min(k.maxDischargeKw(), Math.min(headroomKw, needKw));
                    if (p > EPS) {
                        power[b][t] = -p;
                        needKw -= p;
                        active++;
                    }
                }
            } else {
                double importRoom = problem.site().importLimitKw(t) - base;
                for (int b : byFullest) {
                    if (importRoom <= EPS || active >= activeLimit || out[b][slot]) {
                        continue;
                    }
                    PackType k = types[b];
                    double roomKw = (k.maxSoc() - soc[b]) * k.capacityKwh() / (k.chargeEfficiency() * dt);
                    double p = Math.min(Math.min(k.maxChargeKw(), roomKw), importRoom);
                    if (p > EPS) {
                        power[b][t] = p;
                        importRoom -= p;
                        active++;
                    }
                }
            }
            for (int b = 0; b < n; b++) {
                soc[b] = out[b][t] ? types[b].returnSoc() : PlanAssembler.socAfter(types[b], soc[b], power[b][t], dt);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Plan plan = PlanAssembler.assemble(problem, power, out, Set.of(), PlanStatus.FEASIBLE, null, millis, name());
        // A rule of thumb proves nothing: a plan it cannot make feasible is "best found", not "infeasible".
        return plan.violations().isEmpty() ? plan : plan.withStatus(PlanStatus.TIME_LIMIT);
    }

    /** Whether a pack at {@code soc} can reach swap-ready by charging at full power in {@code slotsLeft} slots. */
    private static boolean canEndReady(PackType type, double soc, int slotsLeft, double dt) {
        double perSlot = type.chargeEfficiency() * type.maxChargeKw() * dt / type.capacityKwh();
        return soc + Math.max(0, slotsLeft) * perSlot >= type.swapReadySoc() - EPS;
    }

    private static double firmExportKw(Problem problem, int slot) {
        double kw = 0;
        for (DispatchRequest r : problem.requests()) {
            if (r.isFirm() && r.fromSlot() <= slot && slot < r.toSlot()) {
                kw = Math.max(kw, r.exportKw());
            }
        }
        return kw;
    }
}
