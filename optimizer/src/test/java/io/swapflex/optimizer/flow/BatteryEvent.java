package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.List;

/** A re-planning trigger for tests and the benchmark: one bay's pack is replaced by one at another SOC. */
public final class BatteryEvent {

    private BatteryEvent() {
    }

    public static Problem apply(Problem problem, int bayIndex, double soc) {
        List<Bay> bays = new ArrayList<>(problem.bays());
        Bay old = bays.get(bayIndex);
        bays.set(bayIndex, new Bay(old.id(), old.packType(), soc));
        return new Problem(problem.formatVersion(), problem.stationId(), problem.horizon(), problem.site(),
                problem.packTypes(), List.copyOf(bays), problem.swapDemand(), problem.tariff(),
                problem.dispatchRequests(), problem.unservedSwapPenalty());
    }
}
