package io.swapflex.service.station;

/**
 * What a bay holds now.
 *
 * @param bayId       the bay's id in the station's registration
 * @param packType    the pack type the bay takes
 * @param packPresent whether a pack sits in the bay (a bay emptied by a rider's swap-out waits for the next pack)
 * @param socFraction the pack's state of charge as a fraction of capacity in [0, 1]; null when no pack is present
 */
public record BayState(String bayId, String packType, boolean packPresent, Double socFraction) {

    public BayState {
        if (packPresent && socFraction == null) {
            throw new IllegalArgumentException("bay " + bayId + " holds a pack without a SOC");
        }
    }

    public BayState withPack(double soc) {
        return new BayState(bayId, packType, true, soc);
    }

    public BayState empty() {
        return new BayState(bayId, packType, false, null);
    }
}
