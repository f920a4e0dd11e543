package io.swapflex.optimizer.plan;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.GridFlow;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a solver's decisions (power and swap-out per bay and slot, accepted offers) into a contract plan: SOC
 * trajectories from the dynamics, meter flows from the balance, unserved swaps, the objective terms and the hard rules
 * the plan does not meet. Solvers share it; the plan checker does not. The status is the caller's: it alone knows whether
 * the violations listed are proven unavoidable.
 *
 * <p>Power below {@value #ZERO_KW} kW in magnitude is written as exactly 0 so that an idle bay is not counted active.
 */
public final class PlanAssembler {

    public static final double ZERO_KW = 1e-7;
    private static final double TOLERANCE = 1e-6;

    private PlanAssembler() {
    }

    /**
     * @param powerKw  [bay][slot] power, + charges
     * @param swapOut  [bay][slot] pack handed out at the start of the slot
     * @param accepted ids of accepted non-firm requests (firm ones are always listed)
     */
    public static Plan assemble(Problem problem, double[][] powerKw, boolean[][] swapOut, Set<String> accepted,
                                PlanStatus status, Double bound, long solveMillis, String solver) {
        int slots = problem.slots();
        double dt = problem.slotHours();
        List<Bay> bays = problem.bays();
        List<BaySchedule> schedules = new ArrayList<>(bays.size());
        double[] netKw = new double[slots];
        double degradation = 0;
        double endValue = 0;
        Map<String, Integer> readyAtEnd = new LinkedHashMap<>();
        for (int b = 0; b < bays.size(); b++) {
            Bay bay = bays.get(b);
            PackType type = problem.packType(bay.packType());
            double[] p = new double[slots];
            double[] soc = new double[slots + 1];
            boolean[] out = swapOut[b].clone();
            soc[0] = bay.soc();
            for (int t = 0; t < slots; t++) {
                p[t] = out[t] || Math.abs(powerKw[b][t]) < ZERO_KW ? 0.0 : powerKw[b][t];
                soc[t + 1] = out[t] ? type.returnSoc() : socAfter(type, soc[t], p[t], dt);
                netKw[t] += p[t];
                degradation += type.degradationCost() * Math.abs(p[t]) * dt;
            }
            endValue += type.endValueAt(soc[slots]);
            if (soc[slots] >= type.swapReadySoc() - 1e-9) {
                readyAtEnd.merge(type.id(), 1, Integer::sum);
            }
            schedules.add(new BaySchedule(bay.id(), p, soc, out));
        }
        double[] importKw = new double[slots];
        double[] exportKw = new double[slots];
        double importCost = 0;
        double exportRevenue = 0;
        for (int t = 0; t < slots; t++) {
            double net = problem.site().baseLoadKw(t) + netKw[t];
            importKw[t] = Math.max(0, net);
            exportKw[t] = Math.max(0, -net);
            importCost += problem.tariff().importPricePerKwh()[t] * importKw[t] * dt;
            exportRevenue += problem.tariff().exportPricePerKwh()[t] * exportKw[t] * dt;
        }
        Map<String, int[]> unserved = new LinkedHashMap<>();
        double penalty = 0;
        List<String> violations = new ArrayList<>();
        for (PackType type : problem.packTypes()) {
            int[] row = new int[slots];
            for (int t = 0; t < slots; t++) {
                int served = 0;
                for (int b = 0; b < bays.size(); b++) {
                    if (swapOut[b][t] && bays.get(b).packType().equals(type.id())) {
                        served++;
                    }
                }
                row[t] = Math.max(0, problem.demand(type.id(), t) - served);
                if (served > problem.demand(type.id(), t)) {
                    violations.add(String.format(Locale.ROOT, "slot %d: %d %s packs handed out, %d riders came", t,
                            served, type.id(), problem.demand(type.id(), t)));
                }
                penalty += type.swapPenalty(problem.unservedSwapPenalty()) * row[t];
            }
            unserved.put(type.id(), row);
            String shortfall = readinessShortfall(type, readyAtEnd.getOrDefault(type.id(), 0));
            if (shortfall != null) {
                violations.add(shortfall);
            }
        }
        List<String> acceptedIds = new ArrayList<>();
        double reward = 0;
        for (DispatchRequest r : problem.requests()) {
            if (r.isFirm() || accepted.contains(r.id())) {
                acceptedIds.add(r.id());
                reward += r.totalReward(dt);
            }
        }
        violations.addAll(gridViolations(problem, importKw, exportKw, accepted));
        int activeLimit = problem.site().activeBayLimit(bays.size());
        for (int t = 0; t < slots; t++) {
            int active = 0;
            for (BaySchedule schedule : schedules) {
                active += schedule.powerKw()[t] != 0.0 ? 1 : 0;
            }
            if (active > activeLimit) {
                violations.add(String.format(Locale.ROOT, "slot %d: %d bays active, maxActiveBays is %d", t, active,
                        activeLimit));
            }
        }
        Objective objective = Objective.of(importCost, exportRevenue, degradation, penalty, reward, endValue);
        Double gap = Plan.gapOf(objective.total(), bound);
        return new Plan(Problem.FORMAT_VERSION, problem.stationId(), status, objective, bound, gap, solveMillis,
                new GridFlow(importKw, exportKw), schedules, unserved, acceptedIds, violations, solver);
    }

    /** The end readiness rule broken, in words, or null when {@code ready} bays of the type meet it. */
    private static String readinessShortfall(PackType type, int ready) {
        if (ready >= type.readyAtEnd()) {
            return null;
        }
        return String.format(Locale.ROOT, "end of horizon: %d %s bays swap-ready, minReadyAtEnd is %d (short %d)",
                ready, type.id(), type.readyAtEnd(), type.readyAtEnd() - ready);
    }

    /** SOC after a slot at constant power p (kW, + charges) from {@code soc}. */
    public static double socAfter(PackType type, double soc, double p, double dt) {
        double energyKwh = p >= 0 ? type.chargeEfficiency() * p * dt : p * dt / type.dischargeEfficiency();
        return soc + energyKwh / type.capacityKwh();
    }

    /** The hard rules a set of meter flows breaks: import/export limits and firm or accepted requests, in words. */
    static List<String> gridViolations(Problem problem, double[] importKw, double[] exportKw, Set<String> accepted) {
        List<String> violations = new ArrayList<>();
        for (int t = 0; t < importKw.length; t++) {
            double importLimit = problem.site().importLimitKw(t);
            double exportLimit = problem.site().exportLimitKw(t);
            if (importKw[t] > importLimit + TOLERANCE) {
                violations.add(String.format(Locale.ROOT, "slot %d: import %.3f kW above the grid import limit %.3f kW",
                        t, importKw[t], importLimit));
            }
            if (exportKw[t] > exportLimit + TOLERANCE) {
                violations.add(String.format(Locale.ROOT, "slot %d: export %.3f kW above the grid export limit %.3f kW",
                        t, exportKw[t], exportLimit));
            }
        }
        for (DispatchRequest r : problem.requests()) {
            if (!r.isFirm() && !accepted.contains(r.id())) {
                continue;
            }
            for (int t = r.fromSlot(); t < r.toSlot(); t++) {
                double net = exportKw[t] - importKw[t];
                if (net < r.exportKw() - TOLERANCE) {
                    violations.add(String.format(Locale.ROOT,
                            "slot %d: net export %.3f kW below %s request %s's %.3f kW (short %.3f kW)",
                            t, net, r.isFirm() ? "firm" : "accepted", r.id(), r.exportKw(), r.exportKw() - net));
                }
            }
        }
        return violations;
    }
}
