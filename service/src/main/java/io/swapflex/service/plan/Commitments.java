package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grid operator's dispatch requests add up; contract requests do not. In the contract each firm request is a
 * threshold of its own (net export ≥ its kW), so two firm requests of 5 kW over one hour ask for 5 kW, not 10. The
 * service's requests are put into a problem <em>on top</em> of the firm requests already there: in each slot of the
 * window the new request asks for what the binding firm request there asks plus its own kW. Where that binding level
 * changes within the window, the request becomes one contract request per run of equal level, with ids
 * {@code id}, {@code id@slot}, ...; each pays exactly the request's own reward (its rate is scaled to its total kW).
 */
public final class Commitments {

    private Commitments() {
    }

    /**
     * The problem with the request on top of its firm requests.
     *
     * @param firm false: an offer (its runs are offers the plan may accept; the firm requests beneath stay as they are)
     */
    public static Problem addOnTop(Problem p, String id, int from, int to, double kw, double rewardPerKwh,
                                   boolean firm) {
        List<DispatchRequest> requests = new ArrayList<>(p.requests());
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.id()));
        int start = from;
        while (start < to) {
            double level = firmLevel(p, start);
            int end = start + 1;
            while (end < to && Math.abs(firmLevel(p, end) - level) < 1e-12) {
                end++;
            }
            double total = level + kw;
            String runId = ids.contains(id) ? id + "@" + start : id;
            ids.add(runId);
            requests.add(new DispatchRequest(runId, start, end, total, rewardPerKwh * kw / total, firm));
            start = end;
        }
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), requests, p.unservedSwapPenalty());
    }

    /** The net export the problem's firm requests ask for in the slot (the largest of them; 0 without one). */
    public static double firmLevel(Problem p, int slot) {
        double level = 0;
        for (DispatchRequest r : p.requests()) {
            if (r.isFirm() && r.fromSlot() <= slot && slot < r.toSlot()) {
                level = Math.max(level, r.exportKw());
            }
        }
        return level;
    }

    /** Whether a contract request id is one of the runs of the service request {@code id}. */
    public static boolean isRunOf(String contractId, String id) {
        return contractId.equals(id) || contractId.startsWith(id + "@");
    }

    /** The contract ids of the request's runs in the problem. */
    public static List<String> runs(Problem p, String id) {
        return p.requests().stream().map(DispatchRequest::id).filter(r -> isRunOf(r, id)).toList();
    }
}
