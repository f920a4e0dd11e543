package io.swapflex.service.plan;

import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;

/** A station's plans and schedule (the station itself: {@code station.StationResource}). Thin: the service does the work. */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationPlanResource {

    @Inject
    StationService stations;

    @Inject
    PlanningService planning;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    RenderedSchedules rendered;

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
        // Written once for this plan version and window, found again by the query as sent (no parsing, no JSON).
        RenderedSchedules.Rendered schedule = rendered.of(plan, new RenderedSchedules.Query(from, to),
                () -> Schedule.window(plan, Requests.instant(from, "from"), Requests.instant(to, "to")));
        String etag = schedule.etag();
        // A controller polls with the ETag it holds: while the plan and its window are the same, 304 without a body.
        Response.ResponseBuilder response = etag.equals(ifNoneMatch == null ? null : ifNoneMatch.strip())
                ? Response.notModified()
                : Response.ok(schedule.body(), MediaType.APPLICATION_JSON_TYPE);
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
        return Response.ok(PlanView.of(plan, planning.stale(station, plan), planning.check(plan), clock.instant()))
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

    private StoredPlan currentPlan(String id) {
        return planning.current(id).orElseThrow(() -> new NotReadyException("station " + id
                + " has no plan yet: its first plan is being made"));
    }
}
