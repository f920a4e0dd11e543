package io.swapflex.service.rest;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import io.swapflex.service.flex.FlexibilityService;
import io.swapflex.service.flex.StationFlexibility;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.RenderedSchedules;
import io.swapflex.service.plan.Schedule;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import io.swapflex.service.station.StoredEvent;
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

import java.time.Clock;
import java.util.List;

/** Stations: registration, battery events, plans and schedules. Thin: the services do the work. */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationResource {

    @Inject
    StationService stations;

    @Inject
    PlanningService planning;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    FlexibilityService flexibility;

    @Inject
    RenderedSchedules rendered;

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
        Views.StationView view = view(station);
        Response.ResponseBuilder response = registration.created()
                ? Response.created(uri.getAbsolutePathBuilder().path(station.id()).build())
                : Response.ok();
        return response.entity(view).tag(new EntityTag(Long.toString(station.version()))).build();
    }

    /** The stations the caller may see (a station token: its own). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public List<Views.StationView> list() {
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
        return Response.ok(view(station)).tag(new EntityTag(Long.toString(station.version()))).build();
    }

    /** The station's registration as it was registered (a contract-v1 problem document). */
    @GET
    @Path("{id}/registration")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response registration(@PathParam("id") String id) {
        StationScope.require(identity, id);
        Station station = stations.get(id);
        return Response.ok(ContractJson.write(station.registration()))
                .tag(new EntityTag(Long.toString(station.version()))).build();
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
        return Response.accepted(Views.EventAccepted.of(stored)).build();
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

    /**
     * The current plan's slots overlapping [from, to) (RFC 3339; default: the whole horizon). Poll with
     * {@code If-None-Match}: 304 while the plan and window are unchanged. {@code X-Plan-Version} and
     * {@code X-Plan-Stale} tell the plan version and whether a re-plan is pending (or failing); {@code X-Plan-Age} the
     * seconds since the plan was committed. 503 with Retry-After while a new
     * station's first plan is being made.
     */
    @GET
    @Path("{id}/schedule")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response schedule(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        StationScope.require(identity, id);
        Station station = stations.get(id);
        StoredPlan plan = currentPlan(id);
        Schedule.Window window = Schedule.window(plan, Requests.instant(from, "from"), Requests.instant(to, "to"));
        String etag = Schedule.etag(plan.version(), window);
        // A controller polls with the ETag it holds: while the plan and its window are the same, 304 without a body.
        // Otherwise the body written once for this plan version and window.
        Response.ResponseBuilder response = etag.equals(ifNoneMatch == null ? null : ifNoneMatch.strip())
                ? Response.notModified()
                : Response.ok(rendered.of(plan, window).body(), MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag)
                .header("X-Plan-Version", plan.version())
                .header("X-Plan-Stale", planning.stale(station, plan))
                // Seconds since the plan was committed: a stale plan kept in service (a re-plan failing or past its
                // deadline) shows how old it has grown.
                .header("X-Plan-Age", Math.max(0, java.time.Duration.between(plan.createdAt(), clock.instant())
                        .toSeconds()))
                .build();
    }

    /** The current plan (or {@code ?version=N}) with its provenance, staleness and the checker's findings. */
    @GET
    @Path("{id}/plan")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response plan(@PathParam("id") String id, @QueryParam("version") String version) {
        StationScope.require(identity, id);
        Station station = stations.get(id);
        Long wanted = Requests.version(version, "version");
        StoredPlan plan = wanted == null ? currentPlan(id) : planning.version(id, wanted);
        return Response.ok(Views.PlanView.of(plan, planning.stale(station, plan), planning.check(plan), clock.instant()))
                .header("X-Plan-Version", plan.version())
                .build();
    }

    /** The station's plan versions, oldest first. */
    @GET
    @Path("{id}/plans")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public List<Long> planVersions(@PathParam("id") String id) {
        StationScope.require(identity, id);
        return planning.versions(id);
    }

    /** The contract-v1 problem a plan version solved: replay it with {@code ./swapflex solve}. */
    @GET
    @Path("{id}/plans/{version}/problem")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public String planProblem(@PathParam("id") String id, @PathParam("version") String version) {
        StationScope.require(identity, id);
        Long wanted = Requests.version(version, "version");
        if (wanted == null) {
            throw Requests.invalid("version", "is required: a plan version (e.g. 3)");
        }
        return ContractJson.write(planning.version(id, wanted).problem());
    }

    /**
     * Per hour window of the station's current plan: the most firm net export it can commit (the kW to put in a
     * dispatch request over that window), proven by a plan that meets it with no more unserved swaps than the current
     * plan; the cost of delivering it; per slot, the reduced import and extra export on top of the plan.
     */
    @GET
    @Path("{id}/flexibility")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public StationFlexibility station(@PathParam("id") String id) {
        return flexibility.answer(id);
    }

    private StoredPlan currentPlan(String id) {
        return planning.current(id).orElseThrow(() -> new NotReadyException("station " + id
                + " has no plan yet: its first plan is being made"));
    }

    private Views.StationView view(Station station) {
        StoredPlan plan = planning.current(station.id()).orElse(null);
        return Views.StationView.of(station, plan, planning.stale(station, plan));
    }
}
