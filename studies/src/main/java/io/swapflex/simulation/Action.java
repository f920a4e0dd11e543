package io.swapflex.simulation;

/**
 * What a policy asks of the bays for one slot: power per bay (kW, + charge, − discharge) and which bays it expects to
 * hand a pack out (a hint for {@link BankPhysics}: those bays serve the slot's riders first). Indexed like the
 * template's bays.
 */
public record Action(double[] powerKw, boolean[] swapOut) {

    public static Action idle(int bays) {
        return new Action(new double[bays], new boolean[bays]);
    }
}
