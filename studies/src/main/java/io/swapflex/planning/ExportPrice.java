package io.swapflex.planning;

import io.swapflex.forecasting.Forecast;

import java.util.Objects;

/**
 * How {@link ForecastProblemBuilder} sets the export (feed-in) price per slot.
 * <ul>
 *   <li>{@link FromForecast}: a price forecast of its own, resampled and converted like the import price.</li>
 *   <li>{@link RatioOfImport}: {@code ratio × import price} in every slot (a spot-indexed feed-in; with a negative
 *       import price the export price is negative too, as on the spot market). The builder's default is ratio 1.0:
 *       export and import both at the forecast day-ahead price.</li>
 *   <li>{@link Fixed}: a constant price per kWh in the import price's currency (a fixed feed-in tariff).</li>
 * </ul>
 */
public sealed interface ExportPrice {

    static ExportPrice forecast(Forecast forecast) {
        return new FromForecast(forecast);
    }

    static ExportPrice ratioOfImport(double ratio) {
        return new RatioOfImport(ratio);
    }

    static ExportPrice fixedPerKwh(double pricePerKwh) {
        return new Fixed(pricePerKwh);
    }

    /** @param forecast export price forecast, unit {@code CUR/MWh} or {@code CUR/kWh} in the import price's currency */
    record FromForecast(Forecast forecast) implements ExportPrice {
        public FromForecast {
            Objects.requireNonNull(forecast, "exportPrice forecast");
        }
    }

    /** @param ratio export price = ratio × import price, finite and ≥ 0 */
    record RatioOfImport(double ratio) implements ExportPrice {
        public RatioOfImport {
            if (!(ratio >= 0) || !Double.isFinite(ratio)) {
                throw new IllegalArgumentException("exportPrice ratio must be finite and ≥ 0, is " + ratio);
            }
        }
    }

    /** @param pricePerKwh export price per kWh in the import price's currency, finite */
    record Fixed(double pricePerKwh) implements ExportPrice {
        public Fixed {
            if (!Double.isFinite(pricePerKwh)) {
                throw new IllegalArgumentException("exportPrice fixed price must be finite, is " + pricePerKwh);
            }
        }
    }
}
