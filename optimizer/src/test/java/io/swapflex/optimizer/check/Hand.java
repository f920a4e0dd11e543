package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.GridFlow;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-computed station for the checker's tests: 2 bays of one pack type "T", 4 slots of 60 minutes (Δ = 1 h).
 *
 * <p>Type T: 10 kWh, ±4 kW, ηc = ηd = 0.9, band [0.1, 0.9], swap-ready 0.8, returned at 0.2, degradation 0.5/kWh.
 * Site: limits 10 kW both ways, at most 2 active bays, base load 1 kW. Demand [0, 1, 1, 0]; penalty 100 per unserved
 * swap. Import prices [1, 2, 1, 3], export prices [0.5, 0.5, 0.5, 2]. Requests: firm dr-1 (slot 3, 2 kW, reward 1),
 * offer dr-2 (slot 3, 2.5 kW, reward 2), offer dr-3 (slot 0, 1 kW, reward 10).
 *
 * <p>The plan: bay-01 (SOC 0.5) charges 4 kW in slot 0 (+0.36 → 0.86), is swapped in slot 1 (→ 0.2), charges 2 kW in
 * slot 2 (+0.18 → 0.38) and waits. bay-02 (SOC 0.6) waits, then discharges 3.6 kW in slot 3 (−4 kWh → 0.2). The slot-2
 * swap is unserved. Grid: import [5, 1, 3, 0], export [0, 0, 0, 2.6]. It accepts dr-2, declines dr-3.
 * importCost 10, exportRevenue 5.2, degradation 0.5 · 9.6 = 4.8, penalty 100, reward 2 + 5 = 7, total 102.6.
 */
final class Hand {

    // problem
    String stationId = "st-1";
    int slots = 4;
    double importLimit = 10;
    double exportLimit = 10;
    Integer maxActiveBays = 2;
    double[] baseLoad = {1, 1, 1, 1};
    double capacity = 10;
    double minSoc = 0.1;
    double maxSoc = 0.9;
    double bay1Soc = 0.5;
    double bay2Soc = 0.6;
    int[] demand = {0, 1, 1, 0};
    double[] importPrice = {1, 2, 1, 3};
    double[] exportPrice = {0.5, 0.5, 0.5, 2};
    List<DispatchRequest> requests = new ArrayList<>(List.of(
            new DispatchRequest("dr-1", 3, 4, 2.0, 1.0, true),
            new DispatchRequest("dr-2", 3, 4, 2.5, 2.0, false),
            new DispatchRequest("dr-3", 0, 1, 1.0, 10.0, false)));

    // plan
    int formatVersion = 1;
    String planStationId = "st-1";
    PlanStatus status = PlanStatus.OPTIMAL;
    /** importCost, exportRevenue, degradationCost, unservedSwapPenalty, dispatchReward; total follows. */
    double[] terms = {10, 5.2, 4.8, 100, 7};
    Double total;          // null: from the terms
    Double bound;          // null with autoBound: the total
    Double gap = 0.0;
    boolean autoBound = true;
    double[] importKw = {5, 1, 3, 0};
    double[] exportKw = {0, 0, 0, 2.6};
    double[] power1 = {4, 0, 2, 0};
    double[] soc1 = {0.5, 0.86, 0.2, 0.38, 0.38};
    boolean[] swap1 = {false, true, false, false};
    double[] power2 = {0, 0, 0, -3.6};
    double[] soc2 = {0.6, 0.6, 0.6, 0.6, 0.2};
    boolean[] swap2 = {false, false, false, false};
    Map<String, int[]> unserved = new LinkedHashMap<>(Map.of("T", new int[]{0, 0, 1, 0}));
    List<String> accepted = new ArrayList<>(List.of("dr-1", "dr-2"));
    List<String> declared = new ArrayList<>();
    List<BaySchedule> bays;  // null: from the fields above

    Hand terms(double importCost, double exportRevenue, double degradation, double penalty, double reward) {
        terms = new double[]{importCost, exportRevenue, degradation, penalty, reward};
        return this;
    }

    PackType type() {
        return new PackType("T", capacity, 4.0, 4.0, 0.9, 0.9, minSoc, maxSoc, 0.8, 0.2, 0.5);
    }

    Problem problem() {
        return new Problem(1, stationId, new Horizon("2026-11-26T00:00:00+07:00", 60, slots),
                new Site(importLimit, exportLimit, maxActiveBays, baseLoad), List.of(type()),
                List.of(new Bay("bay-01", "T", bay1Soc), new Bay("bay-02", "T", bay2Soc)),
                Map.of("T", demand), new Tariff("THB", importPrice, exportPrice), requests, 100.0);
    }

    Plan plan() {
        double sum = terms[0] - terms[1] + terms[2] + terms[3] - terms[4];
        double t = total == null ? sum : total;
        Objective objective = new Objective(t, terms[0], terms[1], terms[2], terms[3], terms[4], 0.0);
        List<BaySchedule> schedules = bays != null ? bays : List.of(
                new BaySchedule("bay-01", power1, soc1, swap1),
                new BaySchedule("bay-02", power2, soc2, swap2));
        return new Plan(formatVersion, planStationId, status, objective, autoBound ? Double.valueOf(t) : bound, gap,
                12, new GridFlow(importKw, exportKw), schedules, unserved, accepted, declared, "hand");
    }

    CheckReport check() {
        return PlanChecker.check(problem(), plan());
    }
}
