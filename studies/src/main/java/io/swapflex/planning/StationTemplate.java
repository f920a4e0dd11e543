package io.swapflex.planning;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;

import java.util.List;
import java.util.Objects;

/**
 * The time-independent part of a station planning problem: what {@link ForecastProblemBuilder} keeps fixed while the
 * forecasts fill in the horizon, swap demand, tariff and base load. Fields mean what they mean in contract v1
 * ({@code docs/contract.md}); kW, kWh, SOC as fractions, money per unserved swap in the tariff's currency.
 *
 * @param stationId           the problem's {@code stationId}
 * @param gridImportLimitKw   {@code site.gridImportLimitKw}
 * @param gridExportLimitKw   {@code site.gridExportLimitKw}
 * @param maxActiveBays       {@code site.maxActiveBays}, null for no limit
 * @param packTypes           the pack types; each needs a swap-demand forecast in the builder
 * @param bays                the bays with their SOC at the start of the horizon to be built
 * @param unservedSwapPenalty money per unserved swap, in the currency of the price forecasts
 */
public record StationTemplate(String stationId, double gridImportLimitKw, double gridExportLimitKw,
                              Integer maxActiveBays, List<PackType> packTypes, List<Bay> bays,
                              double unservedSwapPenalty) {

    public StationTemplate {
        Objects.requireNonNull(stationId, "stationId");
        packTypes = List.copyOf(packTypes);
        bays = List.copyOf(bays);
    }

    /**
     * The station part of an existing problem: id, grid limits, active-bay limit, pack types, bays (with their SOC) and
     * the unserved-swap penalty. Its horizon, swap demand, tariff, base load and dispatch requests are dropped, since
     * they belong to that problem's slots (give dispatch requests for the new horizon to the builder instead).
     * The penalty is kept as a number: it must be in the currency of the price forecasts used.
     */
    public static StationTemplate of(Problem p) {
        Objects.requireNonNull(p, "template problem");
        if (p.site() == null || p.site().gridImportLimitKw() == null || p.site().gridExportLimitKw() == null
                || p.packTypes() == null || p.bays() == null || p.unservedSwapPenalty() == null) {
            throw new IllegalArgumentException("template problem " + p.stationId()
                    + " lacks site limits, pack types, bays or unservedSwapPenalty");
        }
        return new StationTemplate(p.stationId(), p.site().gridImportLimitKw(), p.site().gridExportLimitKw(),
                p.site().maxActiveBays(), p.packTypes(), p.bays(), p.unservedSwapPenalty());
    }
}
