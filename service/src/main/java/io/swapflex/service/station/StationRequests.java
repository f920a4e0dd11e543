package io.swapflex.service.station;

import java.time.Instant;

import static io.swapflex.service.common.rest.Requests.read;

/** The body of a battery event, read strictly. */
final class StationRequests {

    /** The body of {@code POST /api/v1/stations/{id}/events}. */
    public record EventRequest(BatteryEvent.Kind kind, String bayId, Double socFraction, Instant occurredAt) {
        BatteryEvent toEvent() {
            return new BatteryEvent(kind, bayId, socFraction, occurredAt);
        }
    }

    private StationRequests() {
    }

    static EventRequest event(String body) {
        // read(…, shape) refuses a blank body and a JSON null alike (Jackson reads "null" as no object at all).
        return read(body, EventRequest.class,
                "an event is {\"kind\": \"PACK_IN|PACK_OUT|SOC\", \"bayId\": ..., \"socFraction\": ...}");
    }
}
