package io.swapflex.service.flex;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A station's flexibility for the grid operator, from one plan version: per window of its horizon, the most firm net
 * export it can commit (put that in a dispatch request) and what delivering it costs; per slot, what that is on top of
 * the plan, split into reduced import and extra export.
 *
 * @param planVersion   the plan the figures are computed from
 * @param planTotal     that plan's objective total, in {@code currency}
 * @param computeMillis how long the computation took (it is kept for the plan version)
 * @param stale         true when the station has a newer plan than {@code planVersion}, whose figures are being
 *                      computed in the background: these are the last ones known (a dispatch request is always
 *                      judged on the current state); {@code basis} is then {@link Basis#PREVIOUS_PLAN}
 * @param basis         what the figures rest on: proven for this plan version, proven for an earlier one, or only the
 *                      physical bound while the proofs are computed
 */
public record StationFlexibility(String stationId, long planVersion, double planTotal, String currency,
                                 int slotMinutes, String method, Instant computedAt, long computeMillis,
                                 boolean stale, Basis basis, List<Window> windows) {

    /** What the figures rest on. */
    @Schema(description = "What the figures rest on: PROVEN (each window's exportKw is met by a checked plan of this "
            + "plan version), PREVIOUS_PLAN (proven for the earlier planVersion named, stale; the current ones are "
            + "being computed), PHYSICAL_BOUND (nothing proven yet: exportKw 0, upperBoundKw the physical bound the "
            + "station cannot exceed; the proven figures are being computed)")
    public enum Basis {
        /** Proven for the plan version named: each window's exportKw is met by a checked plan. */
        PROVEN,
        /**
         * Proven for an earlier plan version (named by planVersion, {@code stale} true) while the current one's are
         * computed in the background.
         */
        PREVIOUS_PLAN,
        /**
         * Nothing proven yet for the station (its figures are being computed in the background): each window's
         * exportKw is 0 (no commitment is proven) and upperBoundKw is the physical bound (export limit, discharge
         * power of the active bays, stored energy) — more than that the station cannot deliver.
         */
        PHYSICAL_BOUND
    }

    public StationFlexibility {
        windows = List.copyOf(windows);
    }

    StationFlexibility asStale() {
        return new StationFlexibility(stationId, planVersion, planTotal, currency, slotMinutes, method, computedAt,
                computeMillis, true, Basis.PREVIOUS_PLAN, windows);
    }

    /**
     * One window.
     *
     * @param exportKw       the most firm net export (export − import, kW) the station can hold in every slot of the
     *                       window without more unserved swaps than its plan: a dispatch request of at most this many
     *                       kW over this window is met; 0 when none is proven
     * @param upperBoundKw   the physical bound the search started from (export limit, discharge power, stored energy)
     * @param costIncrease   how much the objective total of the plan that delivers it exceeds the current plan's, in
     *                       the currency, reward not counted; null when exportKw is 0
     * @param extraEnergyKwh the energy delivered on top of the plan over the window (Σ of the slots' extra export and
     *                       reduced import × slot length)
     * @param costPerKwh     costIncrease / extraEnergyKwh; null when either is 0 or absent
     */
    public record Window(Instant from, Instant to, int fromSlot, int toSlot, double exportKw, double upperBoundKw,
                         Double costIncrease, double extraEnergyKwh, Double costPerKwh, List<Slot> slots) {
    }

    /**
     * One slot: the plan's meter flows, and what committing the window's exportKw adds on top of them.
     *
     * @param reducedImportKw import the plan has in the slot that the commitment removes
     * @param extraExportKw   export beyond the plan's in the slot
     */
    public record Slot(int slot, Instant start, double plannedImportKw, double plannedExportKw, double reducedImportKw,
                       double extraExportKw) {
    }
}
