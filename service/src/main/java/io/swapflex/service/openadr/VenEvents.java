package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.service.openadr.MappingOutcome.Result;
import io.swapflex.service.plan.Replanner;

import java.util.List;

/**
 * The VEN's events go the service's own way: {@link OpenAdrService#submitFromVtn} (the POST endpoint's reader, mapping,
 * signals and dispatch requests), and reports are {@link OpenAdrService#report} once the station's re-plan has ended.
 */
public final class VenEvents implements Ven.Events {

    private final OpenAdrService openadr;
    private final Replanner replanner;

    public VenEvents(OpenAdrService openadr, Replanner replanner) {
        this.openadr = openadr;
        this.replanner = replanner;
    }

    @Override
    public List<String> apply(JsonNode event, String vtn) {
        OpenAdrService.Submitted s = openadr.submitFromVtn(event, vtn);
        if (!s.stored()) {
            return List.of();
        }
        return s.outcome().stations().stream()
                .filter(st -> st.payloads().stream().anyMatch(p -> p.result() == Result.APPLIED))
                .map(MappingOutcome.StationOutcome::stationId).toList();
    }

    @Override
    public boolean known(String eventId) {
        return openadr.known(eventId);
    }

    @Override
    public JsonNode report(String stationId, String eventId) throws InterruptedException {
        replanner.awaitIdle(stationId, Ven.REPLAN_WAIT);
        return openadr.report(stationId, eventId);
    }
}
