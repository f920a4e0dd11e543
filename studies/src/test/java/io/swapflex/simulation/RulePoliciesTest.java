package io.swapflex.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baselines' rules, slot by slot (hourly slots; import 3.0 off-peak 0–9 h and 22–24 h, 5.0 on-peak). */
class RulePoliciesTest {

    private static World world(double[] socs, double importLimit, Integer maxActive) {
        return SimFixtures.world(SimFixtures.template(socs, importLimit, 3.0, maxActive, 0.5), 0, 1, new int[48]);
    }

    @Test
    void chargeAsapChargesClosestToReadyFirstWithinTheLimitsAndNeverDischarges() {
        double[] soc = {0.2, 0.6, 0.95, 1.0};
        World w = world(soc, 2.0, 3);
        Action a = RulePolicies.chargeAsap(w).decide(10, soc.clone()); // on-peak: the rule ignores prices
        // Headroom 2.0 − 0.5 base = 1.5 kW: bay 2 (0.6, closest to ready) gets what takes it to maxSoc in the hour,
        // 0.4·2/0.9 kW, bay 1 the rest; bay 3 is ready (tops up last) and bay 4 full.
        double toFull = 0.4 * 2 / 0.9;
        assertArrayEquals(new double[]{1.5 - toFull, toFull, 0.0, 0.0}, a.powerKw(), 1e-12);
        World roomy = world(soc, 10.0, 2);
        Action b = RulePolicies.chargeAsap(roomy).decide(10, soc.clone());
        assertArrayEquals(new double[]{1.0, toFull, 0.0, 0.0}, b.powerKw(), 1e-12, "maxActiveBays 2");
        for (double p : b.powerKw()) {
            assertTrue(p >= 0);
        }
    }

    @Test
    void thresholdChargesEverythingWhenCheapAndOnlyTheReserveOtherwise() {
        double[] soc = {0.2, 0.6, 0.95, 0.3};
        World w = world(soc, 10.0, null);
        Policy rule = RulePolicies.threshold(w, new SimulationStudy.Threshold(null, 0.5, 0.5)); // low = (3 + 5) / 2 = 4
        assertArrayEquals(new double[]{1.0, 0.4 * 2 / 0.9, 0.05 * 2 / 0.9, 1.0}, rule.decide(2, soc.clone()).powerKw(), 1e-12,
                "off-peak: every pack below maxSoc charges");
        // On-peak: reserve = ceil(0.5 · 4) = 2; one pack is ready, so only the one closest to ready (bay 2) charges.
        assertArrayEquals(new double[]{0, 0.4 * 2 / 0.9, 0, 0}, rule.decide(12, soc.clone()).powerKw(), 1e-12);
    }

    @Test
    void thresholdDischargesSurplusReadyPacksToCoverBaseLoadOnPeak() {
        double[] soc = {1.0, 0.96, 0.95, 0.2};
        World w = world(soc, 10.0, null);
        Policy rule = RulePolicies.threshold(w, new SimulationStudy.Threshold(null, 0.5, 0.5));
        // On-peak, 3 ready against a reserve of 2: the fullest (bay 1) is surplus and covers the 0.5 kW base load;
        // no export (export price 2.0 < import 5.0); nothing charges, as the reserve is met.
        Action a = rule.decide(12, soc.clone());
        assertArrayEquals(new double[]{-0.5, 0, 0, 0}, a.powerKw(), 1e-12);
        BankPhysics ph = new BankPhysics(w.template(), 1.0);
        BankPhysics.Outcome o = ph.step(soc, a, new int[]{0}, 0.5, 5.0, 2.0);
        assertEquals(0.0, o.importKw(), 1e-12);
        assertEquals(0.0, o.exportKw(), 1e-12);
    }
}
