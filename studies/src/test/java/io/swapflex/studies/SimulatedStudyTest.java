package io.swapflex.studies;

import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.simulation.ClosedLoopStudy;
import io.swapflex.simulation.Simulation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What-if studies in {@code "mode": "simulate"}: each scenario a closed-loop simulation of the base with its
 * variations, the variations really in effect, every applied plan passing the checker, and the same files whatever
 * the number of threads.
 */
class SimulatedStudyTest {

    /** A day of the shipped 21-bay study; short re-plans so the test stays quick. */
    private static final String STUDY = """
            {"name": "a day", "mode": "simulate", "simulation": "example", "days": 1,
             "replanTimeLimitMillis": 15, "perfectForesightTimeLimitMillis": 300, "arms": ["policy"],
             "scenarios": [
               {"name": "import limit 14 kW", "importLimitKw": 14},
               {"name": "2 more 3W bays", "addBays": [{"packType": "3W-5.4", "count": 2, "soc": 1.0}]},
               {"name": "demand x2", "demandScale": 2},
               {"name": "naive forecast, P80", "forecaster": "snaive-weekly", "serviceLevel": 0.8}
             ]}""";

    @Test
    void eachScenarioIsASimulationWithItsVariationInEffectAndTheSameResultsOnAnyThreads() {
        SimulatedStudy study = SimulatedStudy.read(STUDY, null, "x");
        assertEquals(5, study.runs().size());
        List<SimulatedStudy.Outcome> one = study.run(1, null);
        List<SimulatedStudy.Outcome> two = SimulatedStudy.read(STUDY, null, "x").run(2, null);

        Simulation.Kpis base = kpis(one.get(0));
        Simulation.Kpis limited = kpis(one.get(1));
        assertTrue(base.peakImportKw() > 14.5, "the base draws more than 14 kW: " + base.peakImportKw());
        assertTrue(limited.peakImportKw() <= 14 + 1e-6 && limited.breaches() == 0,
                "the 14 kW limit holds: " + limited);
        assertEquals(23, one.get(2).arm("policy").result().trace().soc().length, "2 bays added to the 21");
        Simulation.Kpis doubled = kpis(one.get(3));
        assertTrue(doubled.demanded() > 1.5 * base.demanded() && doubled.demanded() < 2.6 * base.demanded(),
                "demand x2: " + doubled.demanded() + " against " + base.demanded());
        assertTrue(doubled.missed() > base.missed(), "twice the riders on the same bank miss more");
        assertEquals(base.demanded(), kpis(one.get(4)).demanded(), "the same riders when the demand is the same");
        for (SimulatedStudy.Outcome o : one) {
            assertEquals(null, o.error());
            var plans = o.arm("policy").result().plans();
            assertTrue(plans.plans() >= 96, "a re-plan every slot: " + plans.plans());
            assertEquals(0, plans.appliedFailures(), "no plan the checker rejected was applied: " + o.run().name());
        }
        assertEquals(SimulatedReport.csv(study, one), SimulatedReport.csv(study, two), "1 thread and 2 threads");
        assertEquals(SimulatedReport.html(study, one), SimulatedReport.html(study, two));
        String html = SimulatedReport.html(study, one);
        assertTrue(html.contains("id=\"net-cost\"") && html.contains("id=\"soc-2\"") && html.contains("added-3W-5.4-1"),
                "charts and the added bays' heatmap rows");
        assertEquals(6, SimulatedReport.csv(study, one).lines().count(), "header and one row per run and arm");
    }

    @Test
    void badStudiesNameTheField() {
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () -> SimulatedStudy.read("""
                {"mode": "simulate", "simulation": "example", "arms": ["policy", "oracle"], "scenarios": [
                  {"name": "a", "demandScale": -1},
                  {"name": "b", "addBays": [{"packType": "4W", "count": 1}]},
                  {"name": "c", "colour": "red"},
                  {"name": "a", "serviceLevel": 0.9}]}""", null, "x"));
        String all = String.join("\n", e.errors());
        for (String expected : List.of("arms[1]: 'oracle' is unknown", "scenarios[0].demandScale must be a number > 0",
                "scenarios[1].addBays[0].packType '4W' is not a pack type", "scenarios[2]: unknown variation 'colour'",
                "scenarios[3].name 'a' is used twice")) {
            assertTrue(all.contains(expected), "expected <" + expected + "> in:\n" + all);
        }
        InvalidProblemException level = assertThrows(InvalidProblemException.class, () -> SimulatedStudy.read("""
                {"mode": "simulate", "simulation": "example", "scenarios": [{"name": "q", "serviceLevel": 1.5}]}""",
                null, "x"));
        assertTrue(level.errors().get(0).startsWith("scenarios[0]: study: service levels must be in [0.1, 0.99]"),
                level.errors().toString());
    }

    private static Simulation.Kpis kpis(SimulatedStudy.Outcome o) {
        ClosedLoopStudy.Arm a = o.arm("policy");
        return a.result().total();
    }
}
