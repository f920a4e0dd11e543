package io.swapflex.optimizer.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The meter and offer part of the Lagrangian: after the balance row {@code net_t = base_t + Σ_b p_bt} is priced with
 * λ_t (per kWh), the meter power becomes a free variable of its own little problem
 * <pre>
 *   min_{y ∈ {0,1}^offers, net}  Σ_t [ g_t(net_t) − λ_t·Δ·net_t ] − Σ_r R_r·y_r
 *   s.t.  −E ≤ net_t ≤ I,   net_t ≤ −F_t (firm),   net_t ≤ −F_r·y_r  (t in offer r's window)
 * </pre>
 * For fixed y each slot is a piecewise-linear function on an interval, minimised at an end or at the kink 0. Offers
 * whose windows overlap form a component whose choices are enumerated exactly (up to {@value #MAX_ENUMERATED}
 * offers); a larger component keeps all rewards and drops its window rows, which only relaxes (the value stays a
 * lower bound). An empty interval (a firm request beyond the export limit) gives +∞: the problem is infeasible.
 */
final class GridPart {

    static final int MAX_ENUMERATED = 12;

    private final StationModel model;
    /** Offer indices per component; a slot belongs to at most one component. */
    private final List<int[]> components = new ArrayList<>();
    private final int[] componentOfSlot;

    GridPart(StationModel model) {
        this.model = model;
        this.componentOfSlot = new int[model.slots];
        java.util.Arrays.fill(componentOfSlot, -1);
        int n = model.offers.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                StationModel.Offer a = model.offers.get(i);
                StationModel.Offer b = model.offers.get(j);
                if (a.from() < b.to() && b.from() < a.to()) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        int[] groupOf = new int[n];
        java.util.Arrays.fill(groupOf, -1);
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (groupOf[root] < 0) {
                groupOf[root] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOf[root]).add(i);
        }
        for (List<Integer> g : groups) {
            int c = components.size();
            components.add(g.stream().mapToInt(Integer::intValue).toArray());
            for (int i : g) {
                StationModel.Offer o = model.offers.get(i);
                for (int t = o.from(); t < o.to(); t++) {
                    componentOfSlot[t] = c;
                }
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Minimises the part for prices λ; writes the chosen meter power per slot into {@code net} and the chosen offers
     * into {@code accepted}.
     *
     * @return the minimum, +∞ when no meter power meets the firm requests and limits
     */
    double solve(double[] lambda, double[] net, boolean[] accepted) {
        double total = 0;
        for (int t = 0; t < model.slots; t++) {
            if (componentOfSlot[t] < 0) {
                total += slot(t, lambda[t], model.firmExportKw[t], net);
            }
        }
        java.util.Arrays.fill(accepted, false);
        double[] trial = new double[model.slots];
        for (int[] comp : components) {
            if (comp.length > MAX_ENUMERATED) {
                total += relaxedComponent(comp, lambda, net, accepted);
                continue;
            }
            double best = Double.POSITIVE_INFINITY;
            int bestMask = 0;
            for (int mask = 0; mask < (1 << comp.length); mask++) {
                double v = component(comp, mask, lambda, trial);
                if (v < best) {
                    best = v;
                    bestMask = mask;
                }
            }
            component(comp, bestMask, lambda, net);
            for (int j = 0; j < comp.length; j++) {
                accepted[comp[j]] = (bestMask & (1 << j)) != 0;
            }
            total += best;
        }
        return total;
    }

    private double component(int[] comp, int mask, double[] lambda, double[] net) {
        double v = 0;
        for (int j = 0; j < comp.length; j++) {
            if ((mask & (1 << j)) != 0) {
                v -= model.offers.get(comp[j]).reward();
            }
        }
        for (int t = 0; t < model.slots; t++) {
            if (componentOfSlot[t] != componentIndex(comp)) {
                continue;
            }
            double need = model.firmExportKw[t];
            for (int j = 0; j < comp.length; j++) {
                StationModel.Offer o = model.offers.get(comp[j]);
                if ((mask & (1 << j)) != 0 && t >= o.from() && t < o.to()) {
                    need = Math.max(need, o.exportKw());
                }
            }
            v += slot(t, lambda[t], need, net);
        }
        return v;
    }

    private double relaxedComponent(int[] comp, double[] lambda, double[] net, boolean[] accepted) {
        double v = 0;
        for (int i : comp) {
            v -= model.offers.get(i).reward();
            accepted[i] = true;
        }
        int c = componentIndex(comp);
        for (int t = 0; t < model.slots; t++) {
            if (componentOfSlot[t] == c) {
                v += slot(t, lambda[t], model.firmExportKw[t], net);
            }
        }
        return v;
    }

    private int componentIndex(int[] comp) {
        return components.indexOf(comp);
    }

    /** min over −E ≤ x ≤ min(I, −need) of g_t(x) − λΔx; writes the argmin into net[t]. */
    private double slot(int t, double lambda, double needExportKw, double[] net) {
        double lo = -model.exportLimit[t];
        double hi = Math.min(model.importLimit[t], -needExportKw);
        if (hi < lo - 1e-9) {
            net[t] = lo;
            return Double.POSITIVE_INFINITY;
        }
        hi = Math.max(hi, lo);
        double best = model.gridCost(t, lo) - lambda * model.dt * lo;
        double arg = lo;
        double v = model.gridCost(t, hi) - lambda * model.dt * hi;
        if (v < best) {
            best = v;
            arg = hi;
        }
        if (lo < 0 && hi > 0 && best > 0) {
            best = 0;
            arg = 0;
        }
        net[t] = arg;
        return best;
    }
}
