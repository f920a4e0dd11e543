package io.swapflex.service.plan;

import java.time.Instant;

/**
 * A grid operator's override of a price or a meter limit over an absolute window [from, to) (from an OpenADR event):
 * every re-plan whose horizon overlaps the window applies it ({@link StationProblems#withSignals}).
 *
 * @param value the import or export price in the tariff's currency per kWh, or the limit in kW (≥ 0)
 */
public record GridSignal(Kind kind, Instant from, Instant to, double value) {

    /** What the signal overrides. */
    public enum Kind {
        /** {@code tariff.importPricePerKwh}. */
        IMPORT_PRICE,
        /** {@code tariff.exportPricePerKwh}. */
        EXPORT_PRICE,
        /** The meter's import limit, kW. */
        IMPORT_LIMIT,
        /** The meter's export limit, kW. */
        EXPORT_LIMIT;

        public boolean isPrice() {
            return this == IMPORT_PRICE || this == EXPORT_PRICE;
        }
    }
}
