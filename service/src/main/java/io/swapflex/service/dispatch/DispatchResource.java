package io.swapflex.service.dispatch;

import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.Instant;
import java.util.List;

/** The grid operator's dispatch requests: sent, accepted or declined, and listed. Thin: DispatchService decides. */
@Path("/api/v1/dispatch-requests")
@Produces(MediaType.APPLICATION_JSON)
public class DispatchResource {

    @Inject
    DispatchService dispatch;

    @Inject
    SecurityIdentity identity;

    /**
     * A dispatch request: {@code {"stationId": "...", "from": "2026-11-26T18:00:00+07:00", "to": "...",
     * "exportKw": 2.5, "rewardPerKwh": 4.0, "firm": true}} (or {@code "stations": [..]} to spread it). 201 ACCEPTED
     * with the stations' new plan versions, or 200 DECLINED with the reason and {@code maxPossibleKw}; a declined
     * request changes nothing.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response submit(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DispatchRequests.DispatchBody.class))) String body, @Context UriInfo uri) {
        DispatchService.Outcome outcome = dispatch.submit(DispatchRequests.dispatch(body,
                identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName()));
        if (outcome.accepted()) {
            return Response.created(uri.getAbsolutePathBuilder().path(outcome.id()).build()).entity(outcome).build();
        }
        return Response.ok(outcome).build();
    }

    /** The accepted requests, newest first; {@code ?stationId=} those a station delivers. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public List<View> list(@QueryParam("stationId") String stationId) {
        Instant now = dispatch.now();
        return dispatch.list(stationId == null || stationId.isBlank() ? null : stationId).stream()
                .map(d -> View.of(d, now)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public View get(@PathParam("id") String id) {
        return View.of(dispatch.get(id), dispatch.now());
    }

    /**
     * A stored request: status ACCEPTED (only accepted requests are stored), phase UPCOMING, ACTIVE or PAST (its
     * window is over and re-plans no longer include it), and each station's share.
     */
    public record View(String id, String status, String phase, Instant from, Instant to, double exportKw,
                       double rewardPerKwh, boolean firm, String requestedBy, Instant createdAt,
                       List<StoredDispatch.Allocation> stations) {
        static View of(StoredDispatch d, Instant now) {
            return new View(d.id(), "ACCEPTED", d.phase(now), d.from(), d.to(), d.exportKw(), d.rewardPerKwh(),
                    d.firm(), d.requestedBy(), d.createdAt(), d.allocations());
        }
    }
}
