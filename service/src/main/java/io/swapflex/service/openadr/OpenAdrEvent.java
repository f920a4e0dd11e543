package io.swapflex.service.openadr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An OpenADR 3.0.1 {@code event} as SwapFlex understands it, read and checked by {@link OpenAdrEventReader}: the
 * stations it targets, and per interval its absolute window and its payloads, with values already in SwapFlex's
 * units (kW for power, the descriptor's currency per kWh for prices).
 *
 * @param stationIds  the targeted stations (from {@code targets} of type {@code RESOURCE_NAME}), distinct, in order
 * @param currencies  per price payload type, the currency its descriptor names (absent: the station's own)
 * @param units       per payload type, the units as sent (absent: the default, KW or KWH)
 */
public record OpenAdrEvent(String programId, String eventName, List<String> stationIds, List<Interval> intervals,
                           Map<PayloadType, String> currencies, Map<PayloadType, String> units) {

    public OpenAdrEvent {
        stationIds = List.copyOf(stationIds);
        intervals = List.copyOf(intervals);
        currencies = Map.copyOf(currencies);
        units = Map.copyOf(units);
    }

    /** The payload types SwapFlex maps; any other is refused (the event's sender learns it is not honoured). */
    public enum PayloadType {
        /** Net export (export − import) of at least the value, kW, in every slot the interval overlaps. */
        DISPATCH_SETPOINT(true),
        /** The import price, per kWh. */
        PRICE(false),
        /** The export price, per kWh. */
        EXPORT_PRICE(false),
        /** The meter's import limit, kW. */
        IMPORT_CAPACITY_LIMIT(true),
        /** The meter's export limit, kW. */
        EXPORT_CAPACITY_LIMIT(true);

        private final boolean power;

        PayloadType(boolean power) {
            this.power = power;
        }

        /** True for power values (kW or W), false for prices (per kWh). */
        public boolean isPower() {
            return power;
        }

        static PayloadType of(String name) {
            for (PayloadType t : values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * One interval, resolved: its own {@code intervalPeriod}, else the event's (an interval without a start of its own
     * follows the one before it; the first starts at the event's start).
     *
     * @param id       the interval's {@code id} as sent
     * @param position its index in {@code intervals}
     */
    public record Interval(int id, int position, Instant start, Duration duration, List<Payload> payloads) {

        public Interval {
            payloads = List.copyOf(payloads);
        }

        public Instant end() {
            return start.plus(duration);
        }
    }

    /** One payload of an interval: its type and its single value in SwapFlex's units (kW, or per kWh). */
    public record Payload(PayloadType type, double value) {
    }
}
