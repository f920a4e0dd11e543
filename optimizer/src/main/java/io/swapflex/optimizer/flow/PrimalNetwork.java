package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.PackType;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The SOC levels and arcs one pack of a type may use in a plan. Unlike {@link RelaxedNetwork} every arc here is
 * <em>exactly</em> feasible for the contract: its power is the one that moves the pack from its SOC to the target SOC
 * in one slot, so a path is a per-bay schedule the checker accepts as it is (no rounding afterwards).
 * <pre>
 *   levels  = { returnSoc + i·δ in [minSoc, maxSoc], i ∈ ℤ } ∪ { minSoc, maxSoc, swapReadySoc, returnSoc },   δ = c↑ / n
 *   s → s'  (s' > s)  p = (s' − s)·cap / (η_c·Δ) ≤ P_c,  s' ≤ maxSoc
 *   s → s'  (s' < s)  p = −(s − s')·cap·η_d / Δ ≥ −P_d,  s' ≥ minSoc
 *   swap    s ≥ swapReadySoc → returnSoc,  p = 0
 * </pre>
 * A bay's initial SOC is one more node of its own ({@link #arcsFrom}). Moves between any two levels within the power
 * limits are arcs, so partial power is available in steps of δ; full power is exactly n steps on the uniform part.
 * Arcs share "power classes" (equal power) so a slot's cost is computed once per class, not once per arc.
 */
final class PrimalNetwork {

    private static final double EPS = 1e-9;

    final int k;
    final double[] levels;
    final boolean[] canSwap;
    final int returnLevel;
    /** CSR arcs: from level i, arcs first[i]..first[i+1]-1 go to target[a] in power class klass[a]. */
    final int[] first;
    final int[] target;
    final int[] klass;
    /** Power of each class, kW (+ charges). */
    final double[] classKw;
    /**
     * The same arcs as runs, for {@link BayDp}'s branch-free pass: run r of class {@code runClass[r]} holds the arcs
     * {@code runFrom[r] + x → runTo[r] + x} for x in 0..{@code runLength[r]}−1 (on the uniform part of the lattice an
     * arc's class fixes its step, so a class is a few runs, broken only where an exact level is inserted).
     */
    final int[] runClass;
    final int[] runFrom;
    final int[] runTo;
    final int[] runLength;
    /** The first level that may swap: {@link #canSwap} holds from it to the top. */
    final int firstSwapLevel;
    private final PackType type;
    private final double dt;
    private final List<Double> powers = new ArrayList<>();

    PrimalNetwork(StationModel model, int k, int stepsPerFullCharge) {
        this.k = k;
        this.type = model.types.get(k);
        this.dt = model.dt;
        double delta = model.chargeStep(k) / stepsPerFullCharge;
        // The lattice is anchored at the return SOC: every swapped pack comes back there, so full-power charging from
        // it stays on levels (anchored at minSoc, a recharge lost up to δ of its first slot, and a pack a slot at times).
        TreeSet<Double> set = new TreeSet<>();
        double anchor = type.returnSoc();
        for (int i = 0; anchor - i * delta >= type.minSoc() - EPS; i++) {
            set.add(anchor - i * delta);
        }
        for (int i = 1; anchor + i * delta <= type.maxSoc() + EPS; i++) {
            set.add(Math.min(type.maxSoc(), anchor + i * delta));
        }
        double[] exact = {type.minSoc(), type.maxSoc(), type.swapReadySoc(), type.returnSoc()};
        List<Double> sorted = new ArrayList<>();
        for (double s : set) {
            if (sorted.isEmpty() || s - sorted.get(sorted.size() - 1) > 1e-7) {
                sorted.add(s);
            }
        }
        // the band limits and the swap SOCs are levels exactly (a lattice point within 1e-7 of one is replaced by it)
        for (double e : exact) {
            int near = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (Math.abs(sorted.get(i) - e) <= 1e-7) {
                    near = i;
                }
            }
            if (near >= 0) {
                sorted.set(near, e);
            } else {
                sorted.add(e);
            }
        }
        sorted.sort(Double::compare);
        this.levels = sorted.stream().mapToDouble(Double::doubleValue).toArray();
        int n = levels.length;
        this.canSwap = new boolean[n];
        int ret = 0;
        for (int i = 0; i < n; i++) {
            canSwap[i] = levels[i] >= type.swapReadySoc() - EPS;
            if (Math.abs(levels[i] - type.returnSoc()) < Math.abs(levels[ret] - type.returnSoc())) {
                ret = i;
            }
        }
        this.returnLevel = ret;
        this.first = new int[n + 1];
        List<int[]> arcs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            first[i] = arcs.size();
            for (int j = 0; j < n; j++) {
                double p = power(levels[i], levels[j]);
                if (j != i && !Double.isNaN(p)) {
                    arcs.add(new int[]{j, classOf(p)});
                }
            }
        }
        first[n] = arcs.size();
        this.target = new int[arcs.size()];
        this.klass = new int[arcs.size()];
        for (int a = 0; a < arcs.size(); a++) {
            target[a] = arcs.get(a)[0];
            klass[a] = arcs.get(a)[1];
        }
        this.classKw = powers.stream().mapToDouble(Double::doubleValue).toArray();
        List<int[]> runs = new ArrayList<>();
        for (int c = 0; c < classKw.length; c++) {
            int[] open = null;
            for (int i = 0; i < n; i++) {
                for (int a = first[i]; a < first[i + 1]; a++) {
                    if (klass[a] != c) {
                        continue;
                    }
                    if (open != null && open[1] + open[3] == i && open[2] + open[3] == target[a]) {
                        open[3]++;
                    } else {
                        open = new int[]{c, i, target[a], 1};
                        runs.add(open);
                    }
                }
            }
        }
        this.runClass = runs.stream().mapToInt(r -> r[0]).toArray();
        this.runFrom = runs.stream().mapToInt(r -> r[1]).toArray();
        this.runTo = runs.stream().mapToInt(r -> r[2]).toArray();
        this.runLength = runs.stream().mapToInt(r -> r[3]).toArray();
        int swapFrom = n;
        while (swapFrom > 0 && canSwap[swapFrom - 1]) {
            swapFrom--;
        }
        for (int i = 0; i < swapFrom; i++) {
            if (canSwap[i]) {
                throw new IllegalStateException("swap levels not contiguous");
            }
        }
        this.firstSwapLevel = swapFrom;
    }

    /** The exact power moving a pack from s to s2 in one slot, NaN when no allowed power does. */
    double power(double s, double s2) {
        double cap = type.capacityKwh();
        if (s2 > s + EPS) {
            double p = (s2 - s) * cap / (type.chargeEfficiency() * dt);
            return p <= type.maxChargeKw() + 1e-9 && s2 <= type.maxSoc() + EPS ? Math.min(p, type.maxChargeKw())
                    : Double.NaN;
        }
        if (s2 < s - EPS) {
            double p = -(s - s2) * cap * type.dischargeEfficiency() / dt;
            return -p <= type.maxDischargeKw() + 1e-9 && s2 >= type.minSoc() - EPS
                    ? Math.max(p, -type.maxDischargeKw()) : Double.NaN;
        }
        return Double.NaN;
    }

    private int classOf(double p) {
        for (int c = 0; c < powers.size(); c++) {
            if (Math.abs(powers.get(c) - p) < 1e-9) {
                return c;
            }
        }
        powers.add(p);
        return powers.size() - 1;
    }

    /** Index of a level equal to {@code soc}, or −1. */
    int levelOf(double soc) {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - soc) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    /** Arcs from an off-level SOC (a bay's initial SOC): pairs (target level, power kW). */
    List<double[]> arcsFrom(double soc) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < levels.length; j++) {
            double p = power(soc, levels[j]);
            if (!Double.isNaN(p)) {
                out.add(new double[]{j, p});
            }
        }
        return out;
    }

    boolean canSwapFrom(double soc) {
        return soc >= type.swapReadySoc() - EPS;
    }

    double degradation() {
        return type.degradationCost();
    }
}
