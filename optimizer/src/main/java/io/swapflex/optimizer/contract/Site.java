package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The station's grid connection and shared power electronics.
 *
 * <p>The meter's limits may tighten slot by slot (a grid operator's capacity limit for an hour, an OpenADR
 * {@code IMPORT_CAPACITY_LIMIT} event): the limit in slot t is {@code min(gridImportLimitKw,
 * gridImportLimitKwBySlot[t])}, and the same for export. Both arrays are optional additions to format v1.
 *
 * @param gridImportLimitKw       most the meter may import in a slot, kW (≥ 0)
 * @param gridExportLimitKw       most the meter may export in a slot, kW (≥ 0)
 * @param maxActiveBays           most bays charging or discharging in the same slot; null means no limit
 * @param baseLoadKw              the site's own consumption per slot, kW (optional, default all 0)
 * @param gridImportLimitKwBySlot a tighter import limit per slot, kW (optional; one per slot, ≥ 0)
 * @param gridExportLimitKwBySlot a tighter export limit per slot, kW (optional; one per slot, ≥ 0)
 */
public record Site(Double gridImportLimitKw, Double gridExportLimitKw, Integer maxActiveBays, double[] baseLoadKw,
                   @JsonInclude(JsonInclude.Include.NON_NULL) double[] gridImportLimitKwBySlot,
                   @JsonInclude(JsonInclude.Include.NON_NULL) double[] gridExportLimitKwBySlot) {

    @JsonCreator
    public Site {
    }

    /** A site whose limits are the same in every slot. */
    public Site(Double gridImportLimitKw, Double gridExportLimitKw, Integer maxActiveBays, double[] baseLoadKw) {
        this(gridImportLimitKw, gridExportLimitKw, maxActiveBays, baseLoadKw, null, null);
    }

    public double baseLoadKw(int slot) {
        return baseLoadKw == null ? 0.0 : baseLoadKw[slot];
    }

    /** The import limit in effect in a slot, kW. */
    public double importLimitKw(int slot) {
        return gridImportLimitKwBySlot == null ? gridImportLimitKw
                : Math.min(gridImportLimitKw, gridImportLimitKwBySlot[slot]);
    }

    /** The export limit in effect in a slot, kW. */
    public double exportLimitKw(int slot) {
        return gridExportLimitKwBySlot == null ? gridExportLimitKw
                : Math.min(gridExportLimitKw, gridExportLimitKwBySlot[slot]);
    }

    /** Whether some slot's limit is tighter than the site's constant one. */
    public boolean hasSlotLimits() {
        return gridImportLimitKwBySlot != null || gridExportLimitKwBySlot != null;
    }

    public int activeBayLimit(int bayCount) {
        return maxActiveBays == null ? bayCount : Math.min(maxActiveBays, bayCount);
    }
}
