package io.swapflex.optimizer;

import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.contract.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-slot grid limits ({@code site.gridImportLimitKwBySlot} / {@code gridExportLimitKwBySlot}): a grid operator's
 * capacity limit for some hours. Every scheduler honours them, the checker finds a plan that does not, the validator
 * names a bad entry.
 */
class SlotLimitsTest {

    private static final SolveOptions SHORT = new SolveOptions(Duration.ofSeconds(2), 1e-3, null);

    static Problem withSlotLimits(Problem p, double[] importBySlot, double[] exportBySlot) {
        Site s = p.site();
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(),
                new Site(s.gridImportLimitKw(), s.gridExportLimitKw(), s.maxActiveBays(), s.baseLoadKw(),
                        importBySlot, exportBySlot),
                p.packTypes(), p.bays(), p.swapDemand(), p.tariff(), p.dispatchRequests(), p.unservedSwapPenalty());
    }

    /**
     * Four 1.6 kWh packs returned nearly empty, swaps at 08:00 and 18:00, cheap nights and a paid evening peak: the
     * best plan imports at night and exports in the evening.
     */
    static Problem station() {
        int slots = 24;
        Problems.Builder b = new Problems.Builder(slots, 60)
                .pack(Problems.pack("2W", 1.6, 0.8, 0.8, 0.95, 0.1, 1.0, 0.9, 0.2, 0.05))
                .limits(3.2, 3.2).penalty(200);
        for (int i = 0; i < 4; i++) {
            b.bay("bay-" + i, "2W", 0.2 + 0.05 * i);
        }
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        int[] demand = new int[slots];
        for (int t = 0; t < slots; t++) {
            boolean peak = t >= 9 && t < 22;
            imp[t] = peak ? 5.96 : 2.80;
            exp[t] = t >= 18 && t < 21 ? 7.5 : 1.0;
        }
        demand[8] = 1;
        demand[18] = 1;
        return b.prices(imp, exp).demand("2W", demand).build();
    }

    private static double[] limits(int slots, double everywhere, int from, int to, double inWindow) {
        double[] v = new double[slots];
        Arrays.fill(v, everywhere);
        Arrays.fill(v, from, to, inWindow);
        return v;
    }

    /** The slots whose import (or export) in the plan is above the per-slot limit. */
    private static int over(double[] flow, double[] limit) {
        int n = 0;
        for (int t = 0; t < flow.length; t++) {
            if (flow[t] > limit[t] + 1e-6) {
                n++;
            }
        }
        return n;
    }

    private static Plan checked(Problem problem, Plan plan) {
        CheckReport report = PlanChecker.check(problem, plan);
        assertTrue(report.feasible(), () -> plan.solver() + ": " + report.violations());
        return plan;
    }

    /**
     * The free plan imports hard where power is cheap and exports where it pays; a cap on those hours must move it,
     * and every scheduler's plan meets the caps in every slot.
     */
    @ParameterizedTest
    @ValueSource(strings = {"reference", "flow", "greedy", "auto"})
    void everySchedulerMeetsTheSlotLimits(String solver) {
        Problem free = station();
        Plan freePlan = checked(free, Schedulers.byName(solver).solve(free, SHORT));
        int slots = free.slots();
        double[] imp = freePlan.grid().importKw();
        double[] exp = freePlan.grid().exportKw();
        // cap the import to half the free plan's peak in the hours it imports most, and forbid export where it exports
        double peak = Arrays.stream(imp).max().orElse(0);
        double[] importCap = new double[slots];
        double[] exportCap = new double[slots];
        for (int t = 0; t < slots; t++) {
            importCap[t] = imp[t] > 0.75 * peak ? 0.5 * peak : 1e6;
            exportCap[t] = exp[t] > 1e-6 ? 0.0 : 1e6;
        }
        assertTrue(over(imp, importCap) > 0, "the free plan must break the import cap, else the test proves nothing");
        Problem capped = withSlotLimits(free, importCap, exportCap);
        assertTrue(ProblemValidator.errors(capped).isEmpty(), () -> ProblemValidator.errors(capped).toString());

        Plan plan = checked(capped, Schedulers.byName(solver).solve(capped, SHORT));
        assertTrue(plan.violations().isEmpty(), () -> solver + ": " + plan.violations());
        assertTrue(over(plan.grid().importKw(), importCap) == 0, solver + " imports above a slot's cap");
        assertTrue(over(plan.grid().exportKw(), exportCap) == 0, solver + " exports above a slot's cap");
    }

    /** The flow scheduler on a real example: no export in the evening peak, import halved overnight. */
    @Test
    void flowMeetsSlotLimitsOnTheThaiExample() {
        Problem free = ContractJson.readProblem(Examples.json("thai-2w-12"));
        int slots = free.slots();
        Plan freePlan = checked(free, Schedulers.byName("flow").solve(free, SHORT));
        double[] exportCap = limits(slots, 1e6, 0, slots, 0);
        double[] importCap = limits(slots, 1e6, 0, slots, 0.5 * Arrays.stream(freePlan.grid().importKw()).max().orElse(0));
        assertTrue(over(freePlan.grid().importKw(), importCap) + over(freePlan.grid().exportKw(), exportCap) > 0);
        Problem capped = withSlotLimits(free, importCap, exportCap);
        Plan plan = checked(capped, Schedulers.byName("flow").solve(capped, SHORT));
        assertTrue(over(plan.grid().importKw(), importCap) == 0);
        assertTrue(over(plan.grid().exportKw(), exportCap) == 0);
        assertTrue(plan.bound() <= plan.objective().total() + 1e-6);
        // the bound is one of the capped problem: a cap never makes the best plan cheaper
        assertTrue(plan.objective().total() >= freePlan.bound() - 1e-6);
    }

    @Test
    void theCheckerNamesTheSlotLimitABreaks() {
        Problem free = station();
        Plan plan = checked(free, Schedulers.byName("reference").solve(free, SHORT));
        double[] imp = plan.grid().importKw();
        int t = 0;
        for (int s = 1; s < imp.length; s++) {
            t = imp[s] > imp[t] ? s : t;
        }
        int slot = t;
        assertTrue(imp[t] > 0.1);
        double[] cap = limits(free.slots(), 1e6, t, t + 1, imp[t] / 2);
        CheckReport report = PlanChecker.check(withSlotLimits(free, cap, null), plan);
        assertFalse(report.feasible());
        String expected = "slot " + t + ": import";
        assertTrue(report.violations().stream().anyMatch(v -> v.startsWith(expected)
                        && v.contains("gridImportLimitKwBySlot[" + slot + "]")), report.violations()::toString);
    }

    @Test
    void theValidatorNamesABadEntry() {
        Problem free = station();
        double[] negative = limits(free.slots(), 5, 3, 4, -1);
        List<String> errors = ProblemValidator.errors(withSlotLimits(free, null, negative));
        assertTrue(errors.stream().anyMatch(e -> e.contains("site.gridExportLimitKwBySlot[3]")), errors::toString);
        List<String> short_ = ProblemValidator.errors(withSlotLimits(free, new double[3], null));
        assertTrue(short_.stream().anyMatch(e -> e.contains("site.gridImportLimitKwBySlot")
                && e.contains("3 values")), short_::toString);
    }

    @Test
    void jsonKeepsTheSlotLimitsAndOmitsThemWhenAbsent() {
        Problem free = station();
        String plain = ContractJson.write(free);
        assertFalse(plain.contains("BySlot"), plain);
        double[] cap = limits(free.slots(), 9, 2, 5, 1.5);
        Problem back = ContractJson.readProblem(ContractJson.write(withSlotLimits(free, cap, null)));
        assertArrayEquals(cap, back.site().gridImportLimitKwBySlot());
        assertTrue(back.site().gridExportLimitKwBySlot() == null);
        assertTrue(back.site().importLimitKw(3) == 1.5 && back.site().importLimitKw(0) == Math.min(9, free.site().gridImportLimitKw()));
    }
}
