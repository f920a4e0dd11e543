package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referee on hand-computed plans; see {@link Hand} for the station and the numbers. */
class PlanCheckerTest {

    private static final double EXACT = 1e-9;

    // ---------------------------------------------------------------- the correct plan

    @Test
    void acceptsTheHandPlanWithItsExactObjective() {
        CheckReport report = new Hand().check();

        assertTrue(report.feasible(), report.summary());
        assertTrue(report.hardRulesMet());
        assertEquals(List.of(), report.violations());
        Objective o = report.objective();
        assertEquals(10.0, o.importCost(), EXACT);
        assertEquals(5.2, o.exportRevenue(), EXACT);
        assertEquals(4.8, o.degradationCost(), EXACT);
        assertEquals(100.0, o.unservedSwapPenalty(), EXACT);
        assertEquals(7.0, o.dispatchReward(), EXACT);
        assertEquals(102.6, o.total(), EXACT);
    }

    @Test
    void acceptsDecliningAnOfferAndATimeLimitPlanWithoutBound() {
        Hand h = new Hand();
        h.accepted = new ArrayList<>(List.of("dr-1"));
        h.terms(10, 5.2, 4.8, 100, 2);
        h.status = PlanStatus.TIME_LIMIT;
        h.autoBound = false;
        h.bound = null;
        h.gap = null;

        CheckReport report = h.check();

        assertTrue(report.feasible(), report.summary());
        assertEquals(2.0, report.objective().dispatchReward(), EXACT);
    }

    // ---------------------------------------------------------------- rule 1

    @Test
    void chargingPowerBeyondMaxChargeKw() {
        Hand h = new Hand();
        h.power1 = new double[]{4, 0, 5, 0};
        h.soc1 = new double[]{0.5, 0.86, 0.2, 0.65, 0.65};
        h.importKw = new double[]{5, 1, 6, 0};
        h.terms(13, 5.2, 6.3, 100, 7);

        assertOnly(h.check(), "slot 2 bay bay-01: power 5 kW exceeds maxChargeKw 4");
    }

    @Test
    void dischargingPowerBeyondMaxDischargeKw() {
        Hand h = new Hand();
        h.power2 = new double[]{0, 0, 0, -4.5};
        h.soc2 = new double[]{0.6, 0.6, 0.6, 0.6, 0.1};
        h.exportKw = new double[]{0, 0, 0, 3.5};
        h.terms(10, 7, 5.25, 100, 7);

        assertOnly(h.check(), "slot 3 bay bay-02: discharge 4.5 kW exceeds maxDischargeKw 4");
    }

    // ---------------------------------------------------------------- rule 2

    @Test
    void socDynamicsThatIgnoreTheEfficiencies() {
        Hand h = new Hand();
        h.soc1 = new double[]{0.5, 0.9, 0.2, 0.38, 0.38};   // 0.5 + 4 kWh / 10 instead of 0.9 · 4 kWh
        h.soc2 = new double[]{0.6, 0.6, 0.6, 0.6, 0.24};    // 0.6 − 3.6 kWh / 10 instead of 3.6 / 0.9 kWh

        CheckReport report = h.check();

        assertEquals(List.of(
                "slot 0 bay bay-01: SOC 0.9 at the end of the slot, but SOC 0.5 with power 4 kW gives 0.86",
                "slot 3 bay bay-02: SOC 0.24 at the end of the slot, but SOC 0.6 with power -3.6 kW gives 0.2"),
                rules(report));
        assertFalse(report.feasible());
    }

    @Test
    void swapOfAPackThatIsNotReady() {
        Hand h = new Hand();
        h.power1 = new double[]{2, 0, 2, 0};
        h.soc1 = new double[]{0.5, 0.68, 0.2, 0.38, 0.38};
        h.importKw = new double[]{3, 1, 3, 0};
        h.terms(8, 5.2, 3.8, 100, 7);

        assertOnly(h.check(), "slot 1 bay bay-01: swap of a pack at SOC 0.68, below swapReadySoc 0.8");
    }

    @Test
    void swapWithNonZeroPower() {
        Hand h = new Hand();
        h.power1 = new double[]{4, 1, 2, 0};
        h.importKw = new double[]{5, 2, 3, 0};
        h.terms(12, 5.2, 5.3, 100, 7);

        assertOnly(h.check(), "slot 1 bay bay-01: power 1 kW in a swap slot, must be 0");
    }

    @Test
    void socAfterASwapThatIsNotReturnSoc() {
        Hand h = new Hand();
        h.soc1 = new double[]{0.5, 0.86, 0.3, 0.48, 0.48};

        assertOnly(h.check(), "slot 1 bay bay-01: SOC 0.3 after the swap, must be returnSoc 0.2");
    }

    @Test
    void socZeroThatIsNotTheInitialSoc() {
        Hand h = new Hand();
        h.bay2Soc = 0.55;

        assertOnly(h.check(), "bay bay-02: soc[0] 0.6 is not the bay's initial SOC 0.55");
    }

    // ---------------------------------------------------------------- rule 3

    @Test
    void chargingAboveMaxSoc() {
        Hand h = new Hand();
        h.power2 = new double[]{4, 0, 0, -3.6};
        h.soc2 = new double[]{0.6, 0.96, 0.96, 0.96, 0.56};
        h.importKw = new double[]{9, 1, 3, 0};
        h.terms(14, 5.2, 6.8, 100, 7);

        assertOnly(h.check(), "slot 0 bay bay-02: SOC 0.96 after charging exceeds maxSoc 0.9");
    }

    @Test
    void dischargingBelowMinSoc() {
        Hand h = new Hand();
        h.bay2Soc = 0.45;
        h.soc2 = new double[]{0.45, 0.45, 0.45, 0.45, 0.05};

        assertOnly(h.check(), "slot 3 bay bay-02: SOC 0.05 after discharging is below minSoc 0.1");
    }

    @Test
    void packBelowTheBandMayWaitAndChargeButNotDischarge() {
        Hand h = belowBand();
        h.power2 = new double[]{0, 0, 1, 0};
        h.soc2 = new double[]{0.05, 0.05, 0.05, 0.14, 0.14};    // waits at 0.05, then +0.9 kWh
        h.importKw = new double[]{5, 1, 4, 1};
        h.terms(14, 0, 3.5, 100, 0);
        CheckReport ok = h.check();
        assertTrue(ok.feasible(), ok.summary());

        Hand worse = belowBand();
        worse.power2 = new double[]{-0.45, 0, 0, 0};
        worse.soc2 = new double[]{0.05, 0, 0, 0, 0};            // −0.5 kWh
        worse.importKw = new double[]{4.55, 1, 3, 1};
        worse.terms(12.55, 0, 3.225, 100, 0);
        assertOnly(worse.check(), "slot 0 bay bay-02: SOC 0 after discharging is below minSoc 0.1");
    }

    @Test
    void packAboveTheBandMayWaitAndDischargeButNotCharge() {
        Hand h = new Hand();
        h.bay2Soc = 0.95;
        h.soc2 = new double[]{0.95, 0.95, 0.95, 0.95, 0.55};
        CheckReport ok = h.check();
        assertTrue(ok.feasible(), ok.summary());

        h.power2 = new double[]{1, 0, 0, -3.6};
        h.soc2 = new double[]{0.95, 1.04, 1.04, 1.04, 0.64};
        h.importKw = new double[]{6, 1, 3, 0};
        h.terms(11, 5.2, 5.3, 100, 7);
        assertOnly(h.check(), "slot 0 bay bay-02: SOC 1.04 after charging exceeds maxSoc 0.9");
    }

    // ---------------------------------------------------------------- rules 4 and 5

    @Test
    void swapDemandNotBalanced() {
        Hand h = new Hand();
        h.unserved = new LinkedHashMap<>(Map.of("T", new int[]{0, 0, 0, 0}));
        h.terms(10, 5.2, 4.8, 0, 7);

        assertOnly(h.check(), "slot 2 pack type T: 0 swaps served + 0 unserved, but the demand is 1");

        h.unserved = Map.of();   // a missing row means zeros
        assertOnly(h.check(), "slot 2 pack type T: 0 swaps served + 0 unserved, but the demand is 1");
    }

    @Test
    void tooManyActiveBays() {
        Hand h = new Hand();
        h.maxActiveBays = 1;
        h.power2 = new double[]{1, 0, 0, -3.6};
        h.soc2 = new double[]{0.6, 0.69, 0.69, 0.69, 0.29};
        h.importKw = new double[]{6, 1, 3, 0};
        h.terms(11, 5.2, 5.3, 100, 7);

        assertOnly(h.check(), "slot 0: 2 bays active (bay-01, bay-02), maxActiveBays is 1");

        h.maxActiveBays = null;   // no limit
        assertTrue(h.check().feasible(), h.check().summary());
    }

    // ---------------------------------------------------------------- rule 6

    @Test
    void gridBalanceWrong() {
        Hand h = new Hand();
        h.importKw = new double[]{5, 0, 3, 0};
        h.terms(8, 5.2, 4.8, 100, 7);

        assertOnly(h.check(),
                "slot 1: grid balance off: import 0 − export 0 = 0 kW, but base load 1 + bay power 0 = 1 kW");
    }

    @Test
    void importAboveTheLimit() {
        Hand h = new Hand();
        h.importLimit = 4;

        assertOnly(h.check(), "slot 0: import 5 kW exceeds gridImportLimitKw 4");
    }

    @Test
    void exportAboveTheLimitAndNegativeImport() {
        Hand h = new Hand();
        h.exportLimit = 2;
        assertOnly(h.check(), "slot 3: export 2.6 kW exceeds gridExportLimitKw 2");

        Hand negative = new Hand();
        negative.importKw = new double[]{5, 1, 3, -1};
        negative.exportKw = new double[]{0, 0, 0, 1.6};
        negative.terms(7, 3.2, 4.8, 100, 7);
        assertOnly(negative.check(), "slot 3: importKw -1 is negative");
    }

    @Test
    void importAndExportInTheSameSlot() {
        Hand h = new Hand();
        h.importKw = new double[]{6, 1, 3, 0};
        h.exportKw = new double[]{1, 0, 0, 2.6};
        h.terms(11, 5.7, 4.8, 100, 7);

        assertOnly(h.check(),
                "slot 0: import 6 kW and export 1 kW in the same slot (one meter direction per slot)");
    }

    // ---------------------------------------------------------------- rule 7

    @Test
    void firmRequestNotMet() {
        Hand h = new Hand();
        h.requests.set(0, new DispatchRequest("dr-1", 3, 4, 3.0, 1.0, true));
        h.terms(10, 5.2, 4.8, 100, 8);

        assertOnly(h.check(), "slot 3: net export 2.6 kW below firm request dr-1's 3 kW");
    }

    @Test
    void firmRequestMissingFromTheAcceptedListIsReportedAndStillPaid() {
        Hand h = new Hand();
        h.accepted = new ArrayList<>(List.of("dr-2"));

        CheckReport report = h.check();

        assertEquals(List.of("firm request dr-1 is missing from acceptedDispatchRequests"
                + " (a firm request must be met, so it is always listed)"), report.violations());
        assertTrue(report.hardRulesMet());
        assertEquals(7.0, report.objective().dispatchReward(), EXACT);
    }

    @Test
    void acceptedOfferNotMet() {
        Hand h = new Hand();
        h.requests.set(1, new DispatchRequest("dr-2", 3, 4, 3.0, 2.0, false));
        h.terms(10, 5.2, 4.8, 100, 8);

        assertOnly(h.check(), "slot 3: net export 2.6 kW below accepted offer dr-2's 3 kW");
    }

    // ---------------------------------------------------------------- rule 8

    @Test
    void misreportedObjectiveTerm() {
        Hand h = new Hand();
        h.terms(10, 6, 4.8, 100, 7);   // total 101.8, consistent with the wrong term

        CheckReport report = h.check();

        assertEquals(List.of("objective.total reported 101.8, recomputed 102.6 from the plan",
                "objective.exportRevenue reported 6, recomputed 5.2 from the plan"), report.violations());
        assertTrue(report.hardRulesMet());
        assertFalse(report.feasible());
        assertEquals(5.2, report.objective().exportRevenue(), EXACT);
    }

    @Test
    void objectiveWithinTheRelativeTolerance() {
        Hand h = new Hand();
        h.terms(10.0005, 5.2, 4.8, 100, 7);   // 5e-5 relative

        assertTrue(h.check().feasible(), h.check().summary());

        h.terms(10.002, 5.2, 4.8, 100, 7);    // 2e-4 relative on importCost
        assertTrue(h.check().violations().contains(
                "objective.importCost reported 10.002, recomputed 10 from the plan"), h.check().summary());
    }

    @Test
    void wrongTotal() {
        Hand h = new Hand();
        h.total = 100.0;

        assertEquals(List.of("objective.total reported 100, recomputed 102.6 from the plan"), h.check().violations());
    }

    // ---------------------------------------------------------------- shape

    @Test
    void missingUnknownAndRepeatedBays() {
        Hand h = new Hand();
        BaySchedule bay1 = new BaySchedule("bay-01", h.power1, h.soc1, h.swap1);
        h.bays = Arrays.asList(bay1, new BaySchedule("bay-99", h.power1, h.soc1, h.swap1), bay1, null);

        CheckReport report = h.check();

        List<String> v = report.violations();
        assertTrue(v.contains("bay bay-99 is not a bay of the problem"), report.summary());
        assertTrue(v.contains("bay bay-01 appears more than once (bays[2] is a repeat)"), report.summary());
        assertTrue(v.contains("bays[3] is null"), report.summary());
        assertTrue(v.contains("bay bay-02 is missing from the plan"), report.summary());
        assertTrue(v.stream().anyMatch(m -> m.startsWith("not checked") && m.contains("rule 6 (grid balance)")
                && m.contains("rule 8 (objective)")), report.summary());
        assertTrue(v.stream().anyMatch(m -> m.startsWith("status OPTIMAL claims every hard rule is met")));
        assertFalse(report.hardRulesMet());
        assertNull(report.objective());
    }

    @Test
    void wrongLengthsAreReportedNotThrown() {
        Hand h = new Hand();
        h.power1 = new double[]{4, 0, 2};
        h.soc2 = new double[]{0.6, 0.6, 0.6, 0.6};
        h.swap2 = new boolean[]{false};
        h.exportKw = new double[]{0, 0, 0, 2.6, 0};
        h.unserved = Map.of("T", new int[]{0, 1});

        List<String> v = h.check().violations();

        assertTrue(v.contains("bay bay-01: powerKw has 3 values, expected 4 (one per slot)"), v.toString());
        assertTrue(v.contains("bay bay-02: soc has 4 values, expected 5 (slots + 1)"), v.toString());
        assertTrue(v.contains("bay bay-02: swapOut has 1 values, expected 4 (one per slot)"), v.toString());
        assertTrue(v.contains("grid.exportKw has 5 values, expected 4 (one per slot)"), v.toString());
        assertTrue(v.contains("unservedSwaps.T has 2 values, expected 4 (one per slot)"), v.toString());
    }

    @Test
    void nullArraysAreReportedNotThrown() {
        Hand h = new Hand();
        h.swap1 = null;
        h.soc2 = null;
        h.importKw = null;
        h.unserved = new LinkedHashMap<>();
        h.unserved.put("T", null);
        h.accepted = null;

        List<String> v = h.check().violations();

        assertTrue(v.contains("bay bay-01: swapOut is missing"), v.toString());
        assertTrue(v.contains("bay bay-02: soc is missing"), v.toString());
        assertTrue(v.contains("grid.importKw is missing"), v.toString());
        assertTrue(v.contains("unservedSwaps.T is missing its values"), v.toString());
        assertTrue(v.stream().anyMatch(m -> m.startsWith("firm request dr-1 is missing")), v.toString());
    }

    @Test
    void missingWholePartsAreReportedNotThrown() {
        Hand h = new Hand();
        Plan p = h.plan();
        Plan bare = new Plan(1, "st-1", null, null, null, null, 0, null, null, null, null, null, null);

        CheckReport report = PlanChecker.check(h.problem(), bare);

        assertEquals(List.of("grid is missing", "bays is missing: the problem has 2 bays",
                        "not checked, because the plan parts they need are malformed: rule 4 (swap demand) for pack"
                                + " type T; rule 5 (active bays); rule 6 (grid); rule 7 (dispatch requests);"
                                + " rule 8 (objective)",
                        "firm request dr-1 is missing from acceptedDispatchRequests"
                                + " (a firm request must be met, so it is always listed)",
                        "objective is missing", "status is missing"),
                report.violations());
        assertEquals(List.of("plan is missing"), PlanChecker.check(h.problem(), null).violations());
        assertTrue(PlanChecker.check(null, p).violations().get(0).startsWith("problem is invalid"));
        h.slots = 0;
        assertTrue(PlanChecker.check(h.problem(), p).violations().contains(
                "problem is invalid: horizon.slots must be in [1, 105120], is 0"));
    }

    @Test
    void nonFiniteNumbersAreViolations() {
        Hand h = new Hand();
        h.power1 = new double[]{4, 0, Double.NaN, 0};
        h.soc2 = new double[]{0.6, 0.6, Double.POSITIVE_INFINITY, 0.6, 0.2};
        h.autoBound = false;
        h.bound = 102.6;
        h.gap = Double.NaN;
        h.total = Double.NaN;

        List<String> v = h.check().violations();

        assertTrue(v.contains("slot 2 bay bay-01: powerKw is NaN, must be a finite number"), v.toString());
        assertTrue(v.contains("bay bay-02: soc[2] is Infinity, must be a finite number"), v.toString());
        assertTrue(v.contains("objective.total is NaN, must be a finite number"), v.toString());
        assertTrue(v.contains("gap is NaN, must be a finite number or null"), v.toString());
    }

    @Test
    void wrongVersionStationAndNamesAreReported() {
        Hand h = new Hand();
        h.formatVersion = 2;
        h.planStationId = "st-2";
        h.unserved = new LinkedHashMap<>(Map.of("T", new int[]{0, 0, 1, 0}, "X", new int[]{0, 0, 0, 0}));
        h.accepted = new ArrayList<>(List.of("dr-1", "dr-2", "dr-2", "dr-9"));

        List<String> v = h.check().violations();

        assertTrue(v.contains("formatVersion is 2, expected 1"), v.toString());
        assertTrue(v.contains("stationId 'st-2' is not the problem's 'st-1'"), v.toString());
        assertTrue(v.contains("unservedSwaps has a row for 'X', which is not a pack type of the problem"),
                v.toString());
        assertTrue(v.contains("acceptedDispatchRequests lists dr-2 more than once"), v.toString());
        assertTrue(v.contains("acceptedDispatchRequests names 'dr-9', which is not a dispatch request of the problem"),
                v.toString());
    }

    @Test
    void negativeUnservedSwaps() {
        Hand h = new Hand();
        h.unserved = Map.of("T", new int[]{0, 0, 1, -1});
        h.demand = new int[]{0, 1, 1, -1 + 1};

        assertTrue(h.check().violations().contains("slot 3: unservedSwaps.T is -1, must be ≥ 0"),
                h.check().summary());
    }

    @Test
    void hugeViolationListsAreSummarised() {
        Hand h = new Hand();
        int slots = 300;
        h.slots = slots;
        h.baseLoad = new double[slots];
        h.demand = new int[slots];
        h.importPrice = new double[slots];
        h.exportPrice = new double[slots];
        h.requests = new ArrayList<>();
        h.accepted = new ArrayList<>();
        h.unserved = Map.of();
        h.power1 = new double[slots];
        h.power2 = new double[slots];
        Arrays.fill(h.power1, 5);                 // beyond 4 kW, and SOC never moves: two violations per slot
        h.soc1 = new double[slots + 1];
        Arrays.fill(h.soc1, 0.5);
        h.soc2 = new double[slots + 1];
        Arrays.fill(h.soc2, 0.6);
        h.swap1 = new boolean[slots];
        h.swap2 = new boolean[slots];
        h.importKw = new double[slots];
        Arrays.fill(h.importKw, 5);
        h.exportKw = new double[slots];
        h.terms(0, 0, 1, 0, 0);

        CheckReport report = h.check();

        List<String> v = report.violations();
        assertEquals(Findings.CAP + 4, v.size(), report.summary());
        assertEquals("slot 0 bay bay-01: power 5 kW exceeds maxChargeKw 4", v.get(0));
        assertEquals("… and " + (2 * slots - Findings.CAP) + " more violations of the plan's shape or hard rules,"
                + " not listed", v.get(Findings.CAP));
        // the objective and status findings are never crowded out by the slot-by-slot ones
        assertEquals(List.of("objective.total reported 1, recomputed 750 from the plan",
                "objective.degradationCost reported 1, recomputed 750 from the plan",
                "status OPTIMAL claims every hard rule is met, but 600 violations of the plan's shape or hard rules"
                        + " were found"), v.subList(Findings.CAP + 1, v.size()));
    }

    // ---------------------------------------------------------------- status, bound, gap

    @Test
    void optimalWithALargeGap() {
        Hand h = new Hand();
        h.autoBound = false;
        h.bound = 90.0;
        h.gap = (102.6 - 90.0) / 102.6;

        assertEquals(List.of("status OPTIMAL with gap 0.122807018, must be ≤ 1e-6"), h.check().violations());

        h.status = PlanStatus.FEASIBLE;
        assertTrue(h.check().feasible(), h.check().summary());
    }

    @Test
    void boundAndGapBookkeeping() {
        Hand h = new Hand();
        h.autoBound = false;
        h.bound = null;
        h.gap = null;
        assertEquals(List.of("status OPTIMAL without a proven bound"), h.check().violations());

        h.status = PlanStatus.FEASIBLE;
        h.bound = 110.0;
        h.gap = 0.0;
        assertEquals(List.of("bound 110 exceeds the plan's total 102.6, so it is not a lower bound"),
                h.check().violations());

        h.bound = 90.0;
        h.gap = 0.5;
        assertEquals(List.of("gap 0.5 is not (total − bound) / max(1, |total|) = 0.122807018"),
                h.check().violations());

        h.gap = null;
        assertEquals(List.of("bound is given without a gap"), h.check().violations());
    }

    @Test
    void statusMustAgreeWithTheHardRules() {
        Hand broken = new Hand();
        broken.importLimit = 4;
        broken.status = PlanStatus.FEASIBLE;
        assertTrue(broken.check().violations().contains("status FEASIBLE claims every hard rule is met, but 1"
                + " violations of the plan's shape or hard rules were found"), broken.check().summary());

        broken.status = PlanStatus.INFEASIBLE;
        broken.declared = List.of("slot 0: import 5 kW above the 4 kW limit");
        assertEquals(List.of("slot 0: import 5 kW exceeds gridImportLimitKw 4"), broken.check().violations());
        assertFalse(broken.check().hardRulesMet());

        broken.declared = List.of();
        assertTrue(broken.check().violations().contains("status INFEASIBLE lists no violations, but 1 were found"));

        Hand fine = new Hand();
        fine.status = PlanStatus.INFEASIBLE;
        assertEquals(List.of("status INFEASIBLE, yet the plan meets every hard rule"), fine.check().violations());
        assertTrue(fine.check().hardRulesMet());

        fine.status = PlanStatus.FEASIBLE;
        fine.declared = List.of("something");
        assertEquals(List.of("status FEASIBLE, yet the plan lists 1 violations"), fine.check().violations());
    }

    // ---------------------------------------------------------------- helpers

    /** The station with bay-02 holding a pack below minSoc, no dispatch requests. */
    private static Hand belowBand() {
        Hand h = new Hand();
        h.bay2Soc = 0.05;
        h.requests = new ArrayList<>();
        h.accepted = new ArrayList<>();
        h.exportKw = new double[]{0, 0, 0, 0};
        return h;
    }

    /** The violations that are not about the plan's status (which follows from the others). */
    private static List<String> rules(CheckReport report) {
        return report.violations().stream().filter(m -> !m.startsWith("status ")).toList();
    }

    /** Exactly one violation besides the status one, this one, and the plan breaks a hard rule. */
    private static void assertOnly(CheckReport report, String message) {
        assertEquals(List.of(message), rules(report), report.summary());
        assertFalse(report.feasible());
        assertFalse(report.hardRulesMet());
        assertTrue(report.violations().contains("status OPTIMAL claims every hard rule is met, but 1 violations"
                + " of the plan's shape or hard rules were found"), report.summary());
        assertNotNull(report.objective());
    }
}
