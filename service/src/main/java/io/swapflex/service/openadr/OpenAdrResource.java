package io.swapflex.service.openadr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * The grid operator's OpenADR 3 edge: events in, events listed with what became of them, reports out. Thin: the
 * {@link OpenAdrService} decides.
 */
@Path("/api/v1/openadr3")
@Produces(MediaType.APPLICATION_JSON)
public class OpenAdrResource {

    @Inject
    OpenAdrService openadr;

    @Inject
    SecurityIdentity identity;

    /**
     * An OpenADR 3.0.1 {@code event} (targets of type {@code RESOURCE_NAME} naming stations). 201 with
     * {@code {"event": the stored event, "outcome": per station and payload}} when some payload was applied; 200 with
     * the outcome (status DECLINED) when none was, and nothing is stored; 400 problem+json naming each faulty field.
     */
    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response submit(String body, @Context UriInfo uri) {
        OpenAdrService.Submitted s = openadr.submit(json(body),
                identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName());
        EventView view = new EventView(s.event(), OpenAdrService.JSON.valueToTree(s.outcome()));
        if (s.stored()) {
            return Response.created(uri.getAbsolutePathBuilder().path(s.event().get("id").asText()).build())
                    .entity(view).build();
        }
        return Response.ok(view).build();
    }

    /** The stored events, newest first; {@code ?station=} those targeting a station. */
    @GET
    @Path("events")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public List<EventView> list(@QueryParam("station") String station) {
        return openadr.list(station == null || station.isBlank() ? null : station).stream().map(EventView::of)
                .toList();
    }

    @GET
    @Path("events/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public EventView get(@PathParam("id") String id) {
        return EventView.of(openadr.get(id));
    }

    /**
     * The station's OpenADR 3.0.1 {@code report} from its current plan and flexibility; {@code eventID} names the
     * event it answers (default: the newest targeting the station).
     */
    @GET
    @Path("reports")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public JsonNode report(@QueryParam("station") String station, @QueryParam("eventID") String eventId) {
        if (station == null || station.isBlank()) {
            throw new InvalidProblemException(List.of("station is required: the station id the report is about"));
        }
        return openadr.report(station, eventId == null || eventId.isBlank() ? null : eventId);
    }

    /** A request body as JSON (null when empty); 400 naming the fault when it is not JSON. */
    static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : OpenAdrService.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidProblemException(List.of("$ is not JSON: "
                    + io.swapflex.optimizer.contract.ProblemLimits.describe(e.getOriginalMessage())));
        }
    }

    /** An event and its mapping outcome. */
    public record EventView(JsonNode event, JsonNode outcome) {
        static EventView of(StoredAdrEvent e) {
            return new EventView(OpenAdrService.read(e.body()), OpenAdrService.read(e.outcome()));
        }
    }
}
