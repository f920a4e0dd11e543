package io.swapflex.optimizer.contract;

import java.util.List;
import java.util.Map;

/**
 * A station planning problem, contract format v1 (see the README and CONTRACT.md): which bays to charge, leave waiting,
 * discharge to the grid or hand out to riders in each slot of the horizon.
 *
 * <p>Read with {@link ContractJson}, then check with {@link ProblemValidator} before solving: the record itself accepts
 * anything so that every error can be reported at once, each with its JSON path.
 */
public record Problem(Integer formatVersion, String stationId, Horizon horizon, Site site, List<PackType> packTypes,
                      List<Bay> bays, Map<String, int[]> swapDemand, Tariff tariff,
                      List<DispatchRequest> dispatchRequests, Double unservedSwapPenalty) {

    public static final int FORMAT_VERSION = 1;

    public int slots() {
        return horizon.slots();
    }

    public double slotHours() {
        return horizon.slotHours();
    }

    public List<DispatchRequest> requests() {
        return dispatchRequests == null ? List.of() : dispatchRequests;
    }

    public PackType packType(String id) {
        for (PackType type : packTypes) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown pack type " + id);
    }

    /** The price of one unserved swap of a pack type: the type's own, else the problem's. */
    public double swapPenalty(String packType) {
        return packType(packType).swapPenalty(unservedSwapPenalty);
    }

    /** This problem with other pack types (the same ids and order), for scenarios that change the economics. */
    public Problem withPackTypes(List<PackType> types) {
        return new Problem(formatVersion, stationId, horizon, site, types, bays, swapDemand, tariff, dispatchRequests,
                unservedSwapPenalty);
    }

    /** The most the station's bays can discharge together, kW (each bay at its pack type's maximum). */
    public double dischargeKw() {
        double kw = 0;
        for (Bay b : bays) {
            kw += packType(b.packType()).maxDischargeKw();
        }
        return kw;
    }

    /** Swaps wanted for a pack type in a slot; a type without a demand row has none. */
    public int demand(String packType, int slot) {
        int[] row = swapDemand == null ? null : swapDemand.get(packType);
        return row == null ? 0 : row[slot];
    }
}
