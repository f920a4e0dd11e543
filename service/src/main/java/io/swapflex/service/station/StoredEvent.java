package io.swapflex.service.station;

import java.time.Instant;

/** A battery event as stored: with its id, the station revision it produced and when the service received it. */
public record StoredEvent(long id, String stationId, long revision, BatteryEvent event, Instant receivedAt) {
}
