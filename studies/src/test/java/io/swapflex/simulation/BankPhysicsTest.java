package io.swapflex.simulation;

import io.swapflex.planning.StationTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's physics on a 2-bay station with hourly slots (Δ = 1 h), checked by hand. */
class BankPhysicsTest {

    private static BankPhysics physics(double[] socs, double importLimit, Integer maxActive, double base) {
        return new BankPhysics(StationTemplate.of(SimFixtures.template(socs, importLimit, 5.0, maxActive, base)), 1.0);
    }

    @Test
    void ridersAreServedFromReadyPacksAndTheRestMissed() {
        BankPhysics ph = physics(new double[]{0.95, 0.5}, 10, null, 0.5);
        double[] soc = {0.95, 0.5};
        // Two riders, one ready pack: bay 1 serves one, the other is missed; bay 2 charges at 1 kW.
        BankPhysics.Outcome o = ph.step(soc, new Action(new double[]{0, 1.0}, new boolean[2]), new int[]{2}, 0.5, 3.0, 2.0);
        assertEquals(1, o.served()[0]);
        assertEquals(1, o.missed());
        assertEquals(0.2, soc[0], 1e-12, "the returned pack sits at returnSoc");
        assertEquals(0.5 + 0.9 * 1.0 * 1.0 / 2.0, soc[1], 1e-12, "soc + ηc·p·Δ/cap");
        assertEquals(1.5, o.importKw(), 1e-12, "base load 0.5 + 1 kW charging");
        assertEquals(4.5, o.importCost(), 1e-12);
        assertEquals(0.5, o.degradationCost(), 1e-12, "0.5 per kWh through the bay");
        assertEquals(1.0, o.chargedKwh(), 1e-12);
        // Next slot: the charged pack (0.95) is ready and serves the one rider; the returned pack waits.
        BankPhysics.Outcome o2 = ph.step(soc, Action.idle(2), new int[]{1}, 0.5, 3.0, 2.0);
        assertEquals(1, o2.served()[0]);
        assertEquals(0, o2.missed());
        assertArrayEquals(new double[]{0.2, 0.2}, soc, 1e-12);
        assertEquals(0.5, o2.importKw(), 1e-12);
    }

    @Test
    void aBayHandingOutAPackHasNoPowerAndHintedBaysServeFirst() {
        BankPhysics ph = physics(new double[]{0.95, 0.92}, 10, null, 0);
        double[] soc = {0.95, 0.92};
        // The policy marks bay 2 for the swap and wants bay 1 to top up: bay 2 serves, bay 1 charges.
        BankPhysics.Outcome o = ph.step(soc, new Action(new double[]{0.05, 0}, new boolean[]{false, true}), new int[]{1},
                0, 3.0, 2.0);
        assertEquals(1, o.served()[0]);
        assertEquals(0.2, soc[1], 1e-12);
        assertEquals(0.95 + 0.9 * 0.05 / 2.0, soc[0], 1e-12);
        // A charging ready bay is handed out to an unplanned rider: its power drops to 0.
        double[] soc2 = {0.95, 0.5};
        BankPhysics.Outcome o2 = ph.step(soc2, new Action(new double[]{0.1, 1.0}, new boolean[2]), new int[]{1}, 0, 3.0,
                2.0);
        assertEquals(0.0, o2.appliedKw()[0]);
        assertEquals(1.0, o2.importKw(), 1e-12);
    }

    @Test
    void powerIsClippedToTheSocBandAndDischargeEarnsExport() {
        BankPhysics ph = physics(new double[]{0.98, 0.15}, 10, null, 0.2);
        double[] soc = {0.98, 0.15};
        // Bay 1 asked 1 kW but only 0.02·2/0.9 kW fits below maxSoc; bay 2 asked −1 kW but may only go to minSoc 0.1.
        BankPhysics.Outcome o = ph.step(soc, new Action(new double[]{1.0, -1.0}, new boolean[2]), new int[]{0}, 0.2,
                3.0, 2.0);
        assertEquals(0.02 * 2 / 0.9, o.appliedKw()[0], 1e-12);
        assertEquals(-0.05 * 2 * 0.9, o.appliedKw()[1], 1e-12);
        assertEquals(1.0, soc[0], 1e-12);
        assertEquals(0.1, soc[1], 1e-12);
        // Discharge at 1 kW from a full pack with 0.2 kW base load: 0.8 kW exported at 2.0.
        double[] full = {1.0, 1.0};
        BankPhysics.Outcome d = ph.step(full, new Action(new double[]{-1.0, 0}, new boolean[2]), new int[]{0}, 0.2,
                3.0, 2.0);
        assertEquals(0.8, d.exportKw(), 1e-12);
        assertEquals(1.6, d.exportRevenue(), 1e-12);
        assertEquals(1.0 - 1.0 / 0.9 / 2.0, full[0], 1e-12, "soc − p/ηd·Δ/cap");
        assertFalse(d.breach());
    }

    @Test
    void breachesAreCounted() {
        BankPhysics ph = physics(new double[]{0.5, 0.5}, 1.2, 1, 0.5);
        double[] soc = {0.5, 0.5};
        BankPhysics.Outcome o = ph.step(soc, new Action(new double[]{1.0, 1.0}, new boolean[2]), new int[]{0}, 0.5, 3.0,
                2.0);
        assertTrue(o.breach(), "2.5 kW import over a 1.2 kW limit, 2 active bays over 1");
    }
}
