package io.swapflex.optimizer.contract;

/**
 * A grid operator's request for net export of at least {@code exportKw} in every slot t with fromSlot ≤ t &lt; toSlot.
 * A firm request must be met; a non-firm one is an offer the plan may accept (and then meet in full, earning
 * {@code rewardPerKwh · exportKw · Δ} per slot on top of the export price) or decline.
 */
public record DispatchRequest(String id, Integer fromSlot, Integer toSlot, Double exportKw, Double rewardPerKwh,
                              Boolean firm) {

    public boolean isFirm() {
        return Boolean.TRUE.equals(firm);
    }

    public double reward() {
        return rewardPerKwh == null ? 0.0 : rewardPerKwh;
    }

    /** Reward earned when the request is met: rewardPerKwh · exportKw · Δ · (toSlot − fromSlot). */
    public double totalReward(double slotHours) {
        return reward() * exportKw * slotHours * (toSlot - fromSlot);
    }
}
