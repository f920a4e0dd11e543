package io.swapflex.service.station;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.List;

/**
 * Stations: registration and battery events (their plans: {@code plan.StationPlanResource}; their flexibility:
 * {@code flex.StationFlexibilityResource}, on the same path). Thin: the service does the work.
 */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationResource {

    @Inject
    StationService stations;

    @Inject
    StationView.CurrentPlans plans;

    @Inject
    SecurityIdentity identity;

    /**
     * Registers a station, or updates its registration: the body is a contract-v1 problem document (site, pack types,
     * bays with their SOC, and the profile it is planned with). {@code If-Match: "N"} makes the update conditional on
     * the station's version N (409 otherwise). 201 for a new station, 200 for an update; the station is re-planned.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.STATION})
    public Response register(@RequestBody(description = "A contract-v1 problem document", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Problem.class)))
                             String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        Problem problem = ContractJson.readProblem(body == null ? "" : body);
        if (problem.stationId() != null) {
            StationScope.require(identity, problem.stationId());
        } else if (!StationScope.allows(identity.getRoles(), null, "")) {
            throw new ForbiddenException("a station token may only register its own station");
        }
        StationService.Registration registration = stations.register(problem, Requests.version(ifMatch, "If-Match"));
        Station station = registration.station();
        StationView view = view(station);
        Response.ResponseBuilder response = registration.created()
                ? Response.created(uri.getAbsolutePathBuilder().path(station.id()).build())
                : Response.ok();
        return response.entity(view).tag(new EntityTag(Long.toString(station.version()))).build();
    }

    /** The stations the caller may see (a station token: its own). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public List<StationView> list() {
        String tokenStation = StationScope.tokenStation(identity);
        return stations.list().stream()
                .filter(s -> StationScope.allows(identity.getRoles(), tokenStation, s.id()))
                .map(this::view)
                .toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response get(@PathParam("id") String id) {
        StationScope.require(identity, id);
        Station station = stations.get(id);
        return tagged(view(station), station);
    }

    /** The station's registration as it was registered (a contract-v1 problem document). */
    @GET
    @Path("{id}/registration")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response registration(@PathParam("id") String id) {
        StationScope.require(identity, id);
        Station station = stations.get(id);
        return tagged(ContractJson.write(station.registration()), station);
    }

    /** The body with the station's version as its ETag. */
    private static Response tagged(Object body, Station station) {
        return Response.ok(body).tag(new EntityTag(Long.toString(station.version()))).build();
    }

    /**
     * A battery event: {@code {"kind": "PACK_IN|PACK_OUT|SOC", "bayId": "bay-01", "socFraction": 0.42,
     * "occurredAt": "2026-11-26T08:00:00+07:00"}}. Stored at once (202); the plan is marked stale and re-planned
     * after a short debounce.
     */
    @POST
    @Path("{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.STATION})
    public Response event(@PathParam("id") String id,
                          @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                  schema = @Schema(implementation = StationRequests.EventRequest.class))) String body) {
        StationScope.require(identity, id);
        StoredEvent stored = stations.apply(id, StationRequests.event(body).toEvent());
        return Response.accepted(StationView.EventAccepted.of(stored)).build();
    }

    /** The station's newest events (oldest first). */
    @GET
    @Path("{id}/events")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public List<StoredEvent> events(@PathParam("id") String id, @QueryParam("limit") String limit) {
        StationScope.require(identity, id);
        Double n = Requests.number(limit, "limit");
        if (n != null && (n < 1 || n > 10_000 || n != Math.floor(n))) {
            throw Requests.invalid("limit", "must be an integer in [1, 10000], is " + limit);
        }
        return stations.events(id, n == null ? 100 : n.intValue());
    }

    private StationView view(Station station) {
        return StationView.of(station, plans.brief(station));
    }
}
