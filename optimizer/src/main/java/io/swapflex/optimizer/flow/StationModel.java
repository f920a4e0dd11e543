package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@link Problem} flattened into arrays, shared read-only by the dual and the primal side of
 * {@link FlowScheduler}. Bays are grouped by pack type index {@code k}; slots are {@code t = 0..T-1}.
 *
 * <p>The grid cost of a slot as a function of the net meter power {@code net = base + Σ p} (import when positive) is
 * <pre>
 *   g_t(net) = Δ · ( c^imp_t · max(net, 0) − c^exp_t · max(−net, 0) )
 * </pre>
 * which is exactly the contract's import cost minus export revenue once the meter runs in one direction per slot.
 */
public final class StationModel {

    /** A non-firm request: the plan may accept it (then net ≤ −exportKw in its window) and earns {@code reward}. */
    public record Offer(int index, String id, int from, int to, double exportKw, double reward) {
    }

    final Problem problem;
    final int slots;
    final double dt;
    final double[] importPrice;
    final double[] exportPrice;
    final double[] baseKw;
    /** The meter's limits per slot, kW (the site's, tightened where the problem gives per-slot limits). */
    final double[] importLimit;
    final double[] exportLimit;
    final int activeLimit;
    /** Price of one unserved swap, per pack type (the type's own, else the problem's). */
    final double[] swapPenalty;
    /** Value at the horizon's end of a pack of the type per unit of SOC above minSoc: endValuePerKwh · capacityKwh. */
    final double[] endValuePerSoc;
    /** Bays of each type that must end the horizon swap-ready. */
    final int[] minReadyAtEnd;
    /** Net export the firm requests require in each slot, or −∞ where none applies. */
    final double[] firmExportKw;
    /** Reward of the firm requests, earned by every plan (a constant of the objective). */
    final double firmReward;
    final List<Offer> offers;
    final List<PackType> types;
    /** Bay indices of each type. */
    final int[][] baysOfType;
    final int[] typeOfBay;
    final double[] initialSoc;
    /** Swap demand [type][slot]. */
    final int[][] demand;

    public StationModel(Problem problem) {
        this.problem = problem;
        this.slots = problem.slots();
        this.dt = problem.slotHours();
        this.importPrice = problem.tariff().importPricePerKwh().clone();
        this.exportPrice = problem.tariff().exportPricePerKwh().clone();
        this.baseKw = new double[slots];
        for (int t = 0; t < slots; t++) {
            baseKw[t] = problem.site().baseLoadKw(t);
        }
        this.importLimit = new double[slots];
        this.exportLimit = new double[slots];
        for (int t = 0; t < slots; t++) {
            importLimit[t] = problem.site().importLimitKw(t);
            exportLimit[t] = problem.site().exportLimitKw(t);
        }
        this.activeLimit = problem.site().activeBayLimit(problem.bays().size());
        this.firmExportKw = new double[slots];
        java.util.Arrays.fill(firmExportKw, Double.NEGATIVE_INFINITY);
        double reward = 0;
        List<Offer> offerList = new ArrayList<>();
        for (DispatchRequest r : problem.requests()) {
            if (r.isFirm()) {
                for (int t = r.fromSlot(); t < r.toSlot(); t++) {
                    firmExportKw[t] = Math.max(firmExportKw[t], r.exportKw());
                }
                reward += r.totalReward(dt);
            } else {
                offerList.add(new Offer(offerList.size(), r.id(), r.fromSlot(), r.toSlot(), r.exportKw(),
                        r.totalReward(dt)));
            }
        }
        this.firmReward = reward;
        this.offers = List.copyOf(offerList);
        this.types = List.copyOf(problem.packTypes());
        List<Bay> bays = problem.bays();
        this.typeOfBay = new int[bays.size()];
        this.initialSoc = new double[bays.size()];
        int[] count = new int[types.size()];
        for (int b = 0; b < bays.size(); b++) {
            typeOfBay[b] = typeIndex(bays.get(b).packType());
            initialSoc[b] = bays.get(b).soc();
            count[typeOfBay[b]]++;
        }
        this.baysOfType = new int[types.size()][];
        for (int k = 0; k < types.size(); k++) {
            baysOfType[k] = new int[count[k]];
            count[k] = 0;
        }
        for (int b = 0; b < bays.size(); b++) {
            baysOfType[typeOfBay[b]][count[typeOfBay[b]]++] = b;
        }
        this.swapPenalty = new double[types.size()];
        this.endValuePerSoc = new double[types.size()];
        this.minReadyAtEnd = new int[types.size()];
        for (int k = 0; k < types.size(); k++) {
            PackType type = types.get(k);
            swapPenalty[k] = type.swapPenalty(problem.unservedSwapPenalty());
            endValuePerSoc[k] = type.endValue() * type.capacityKwh();
            minReadyAtEnd[k] = type.readyAtEnd();
        }
        this.demand = new int[types.size()][slots];
        for (int k = 0; k < types.size(); k++) {
            for (int t = 0; t < slots; t++) {
                demand[k][t] = problem.demand(types.get(k).id(), t);
            }
        }
    }

    private int typeIndex(String id) {
        for (int k = 0; k < types.size(); k++) {
            if (types.get(k).id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("bay with unknown pack type " + id);
    }

    public int bayCount() {
        return typeOfBay.length;
    }

    public int typeCount() {
        return types.size();
    }

    /** g_t(net): import cost minus export revenue of one slot at net meter power {@code net} kW. */
    double gridCost(int t, double net) {
        return net >= 0 ? dt * importPrice[t] * net : dt * exportPrice[t] * net;
    }

    /** The penalty of leaving every swap unserved: Σ_k P_k · Σ_t D_kt. */
    double allUnservedPenalty() {
        double sum = 0;
        for (int k = 0; k < demand.length; k++) {
            long count = 0;
            for (int d : demand[k]) {
                count += d;
            }
            sum += swapPenalty[k] * count;
        }
        return sum;
    }

    /** End value of a pack of type k left at {@code soc}: endValuePerKwh · cap · (soc − minSoc). */
    double endValue(int k, double soc) {
        return endValuePerSoc[k] == 0.0 ? 0.0 : endValuePerSoc[k] * (soc - types.get(k).minSoc());
    }

    /** The end value of the idle plan: every bay left at its initial SOC. */
    double idleEndValue() {
        double sum = 0;
        for (int b = 0; b < typeOfBay.length; b++) {
            sum += endValue(typeOfBay[b], initialSoc[b]);
        }
        return sum;
    }

    /**
     * The total of the idle plan (no bay moves, every swap unserved): a target above the bound for the dual's step
     * before the first plan exists.
     */
    double idleTotal() {
        double total = allUnservedPenalty() - firmReward - idleEndValue();
        for (int t = 0; t < slots; t++) {
            total += gridCost(t, baseKw[t]);
        }
        return total;
    }

    /** SOC gained in one slot charging at full power: η_c · P_c · Δ / cap. */
    double chargeStep(int k) {
        PackType p = types.get(k);
        return p.chargeEfficiency() * p.maxChargeKw() * dt / p.capacityKwh();
    }

    /** SOC lost in one slot discharging at full power: P_d · Δ / (η_d · cap). */
    double dischargeStep(int k) {
        PackType p = types.get(k);
        return p.maxDischargeKw() * dt / (p.dischargeEfficiency() * p.capacityKwh());
    }

    /** A money scale of the problem: used for penalties that must dominate every real cost. */
    double moneyScale() {
        double price = 0;
        for (int t = 0; t < slots; t++) {
            price = Math.max(price, Math.max(Math.abs(importPrice[t]), Math.abs(exportPrice[t])));
        }
        double deg = 0;
        double penalty = 0;
        for (int k = 0; k < types.size(); k++) {
            deg = Math.max(deg, types.get(k).degradationCost());
            penalty = Math.max(penalty, swapPenalty[k] + endValuePerSoc[k]);
        }
        double offer = 0;
        for (Offer o : offers) {
            offer = Math.max(offer, o.reward());
        }
        return 1.0 + price + deg + penalty + offer + firmReward;
    }
}
