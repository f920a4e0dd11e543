package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.optimizer.flow.FlowScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecast behind the re-plan at slot t saw only realised demand from before t. */
class NoPeekingTest {

    /** Records what each forecast request held, and the slot whose re-plan asked for it. */
    private static final class Spy implements Forecaster {
        final List<Instant> historyEnds = new ArrayList<>();
        final List<Instant> askedAt = new ArrayList<>();
        Instant now;

        @Override
        public String name() {
            return "spy";
        }

        @Override
        public Forecast forecast(ForecastRequest r) {
            historyEnds.add(r.history().end());
            askedAt.add(now);
            double[] v = new double[r.steps()];
            java.util.Arrays.fill(v, 1.0);
            SortedMap<Double, double[]> q = new TreeMap<>();
            for (double level : Forecast.STANDARD_LEVELS) {
                q.put(level, v);
            }
            return new Forecast(r.start(), r.history().step(), v, q, "count");
        }
    }

    @Test
    void theForecastUsedAtSlotTOnlySawDataBeforeT() {
        int[] demand = new int[(2 + 2 + 1) * 24];
        for (int i = 0; i < demand.length; i++) {
            demand[i] = i % 24 == 8 ? 1 : 0;
        }
        World w = SimFixtures.world(SimFixtures.template(new double[]{0.95, 0.5, 0.3}, 10, 3, null, 0.2), 2, 2, demand);
        Spy spy = new Spy();
        Forecasts model = Forecasts.model(spy, w, 24);
        Forecasts watched = new Forecasts() {
            @Override
            public List<Forecast> window(int t, int steps) {
                spy.now = w.instantOf(t);
                return model.window(t, steps);
            }

            @Override
            public String name() {
                return "watched";
            }
        };
        PlanningPolicy policy = new PlanningPolicy("p", w, watched, 0.9, "per-slot", 0, 24, 1,
                new FlowScheduler(1, FlowScheduler.PRIMAL_STEPS, FlowScheduler.BOUND_STEPS), Duration.ofMillis(50), 0.01);
        Simulation.run("p", w, policy, null);
        assertEquals(2, spy.historyEnds.size(), "one forecast issued per day, at midnight");
        for (int i = 0; i < spy.historyEnds.size(); i++) {
            assertTrue(!spy.historyEnds.get(i).isAfter(spy.askedAt.get(i)),
                    "history ends " + spy.historyEnds.get(i) + " after the re-plan at " + spy.askedAt.get(i));
        }
        assertEquals(w.instantOf(0), spy.historyEnds.get(0));
        assertEquals(w.instantOf(24), spy.historyEnds.get(1));
        assertEquals(48, policy.planStats().plans());
        assertEquals(0, policy.planStats().appliedFailures(), policy.planStats().failures().toString());
        assertEquals(0, policy.planStats().unadmitted(), policy.planStats().failures().toString());
    }

    @Test
    void theHistoryHoldsNothingFromTheCutoffOn() {
        int[] demand = new int[(1 + 1 + 1) * 24];
        java.util.Arrays.fill(demand, 2);
        World w = SimFixtures.world(SimFixtures.template(new double[]{0.5}, 10, 3, null, 0), 1, 1, demand);
        var h = w.history(0, 5);
        assertEquals(24 + 5, h.size());
        assertEquals(w.instantOf(5), h.end());
    }
}
