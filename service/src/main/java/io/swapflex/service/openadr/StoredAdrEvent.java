package io.swapflex.service.openadr;

import java.time.Instant;
import java.util.List;

/**
 * An OpenADR event as stored.
 *
 * @param endsAt     the end of its last interval: after it, the event no longer changes any plan
 * @param body       the OpenADR 3.0.1 event JSON, VTN-assigned fields set
 * @param outcome    the {@link MappingOutcome} JSON
 * @param stationIds the stations it targets
 */
public record StoredAdrEvent(String id, String programId, Instant createdAt, String createdBy, Instant endsAt,
                             String body, String outcome, List<String> stationIds) {

    public StoredAdrEvent {
        stationIds = List.copyOf(stationIds);
    }
}
