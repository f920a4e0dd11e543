package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Plan;

/**
 * The schedule of one solve on one thread: dual ascent first (its prices guide the first plan), then alternating
 * slices of dual steps and plan improvement, stopping at the gap target or the deadline. Plan improvement rotates
 * through (a) a fresh price-directed construction with the newest multipliers followed by best-response descent,
 * kept when better, and (b) flipping each offer's acceptance with a descent, kept when better.
 */
final class SearchLoop {

    private static final int FIRST_DUAL_ITERATIONS = 40;
    private static final int DUAL_SLICE = 25;

    private final StationModel model;
    private final LagrangianDual dual;
    private final PrimalSearch search;
    private final double gapTarget;
    private final long deadline;
    private PrimalState best;
    int rounds;

    SearchLoop(StationModel model, LagrangianDual dual, PrimalSearch search, double gapTarget, long deadline) {
        this.model = model;
        this.dual = dual;
        this.search = search;
        this.gapTarget = gapTarget;
        this.deadline = deadline;
    }

    PrimalState best() {
        return best;
    }

    void run(Plan warm) {
        long start = System.nanoTime();
        long firstSlice = start + (deadline - start) / 6;
        int first = warm != null ? DUAL_SLICE / 5 : FIRST_DUAL_ITERATIONS;
        for (int i = 0; i < first && System.nanoTime() < firstSlice; i++) {
            dual.step(upper());
        }
        PrimalState cand;
        if (warm != null) {
            boolean[] accepted = new boolean[model.offers.size()];
            for (StationModel.Offer o : model.offers) {
                accepted[o.index()] = warm.acceptedDispatchRequests().contains(o.id());
            }
            cand = search.project(warm, accepted);
        } else {
            cand = search.construct(dual, dual.bestAccepted, 1.0);
        }
        search.descend(cand, deadline);
        best = cand;
        int phase = 0;
        while (System.nanoTime() < deadline && !done()) {
            for (int i = 0; i < DUAL_SLICE && System.nanoTime() < deadline && !done(); i++) {
                dual.step(upper());
            }
            if (done() || System.nanoTime() >= deadline) {
                break;
            }
            if (phase++ % 2 == 0 || model.offers.isEmpty()) {
                cand = search.construct(dual, dual.bestAccepted, 1.0);
                search.descend(cand, deadline);
                keep(cand);
            } else {
                flipOffers();
            }
            rounds++;
        }
    }

    private void flipOffers() {
        for (StationModel.Offer o : model.offers) {
            if (System.nanoTime() >= deadline) {
                return;
            }
            PrimalState cand = best.copy();
            boolean[] accepted = cand.accepted.clone();
            accepted[o.index()] = !accepted[o.index()];
            cand.setAccepted(accepted);
            search.descend(cand, deadline);
            keep(cand);
        }
    }

    private void keep(PrimalState cand) {
        if (cand.objective() < best.objective()) {
            best = cand;
        }
    }

    private boolean done() {
        if (best == null || !best.feasible()) {
            return false;
        }
        double total = best.objective();
        return (total - dual.bestValue) / Math.max(1, Math.abs(total)) <= gapTarget;
    }

    private double upper() {
        if (best != null && best.feasible()) {
            return best.objective();
        }
        double v = dual.bestValue;
        return Double.isFinite(v) ? v + 0.05 * Math.max(1, Math.abs(v)) : 0.0;
    }
}
