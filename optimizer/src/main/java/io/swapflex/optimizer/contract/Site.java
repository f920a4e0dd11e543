package io.swapflex.optimizer.contract;

/**
 * The station's grid connection and shared power electronics.
 *
 * @param gridImportLimitKw most the meter may import in a slot, kW (≥ 0)
 * @param gridExportLimitKw most the meter may export in a slot, kW (≥ 0)
 * @param maxActiveBays     most bays charging or discharging in the same slot; null means no limit
 * @param baseLoadKw        the site's own consumption per slot, kW (optional, default all 0)
 */
public record Site(Double gridImportLimitKw, Double gridExportLimitKw, Integer maxActiveBays, double[] baseLoadKw) {

    public double baseLoadKw(int slot) {
        return baseLoadKw == null ? 0.0 : baseLoadKw[slot];
    }

    public int activeBayLimit(int bayCount) {
        return maxActiveBays == null ? bayCount : Math.min(maxActiveBays, bayCount);
    }
}
