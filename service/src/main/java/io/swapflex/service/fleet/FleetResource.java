package io.swapflex.service.fleet;

import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.service.common.rest.Requests;
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
 * Fleet plans: a fleet problem (the {@code ./swapflex fleet} document) planned in the background; the fleet's figures,
 * its rows and every station's plan once done. Thin: {@link FleetJobService} does the work.
 */
@Path("/api/v1/fleet-plans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
public class FleetResource {

    @Inject
    FleetJobService fleet;

    @Inject
    SecurityIdentity identity;

    /** Submits a fleet problem ({@code ?timeLimit=60s}); 202 with the job and its Location, 400 naming every error. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(String body, @QueryParam("timeLimit") String timeLimit, @Context UriInfo uri) {
        FleetProblem problem = Requests.read(body, FleetProblem.class, "a fleet is {\"formatVersion\": 1, \"fleetId\":"
                + " ..., \"stations\": [contract-v1 problems], \"feeders\": [...], \"dispatchRequests\": [...]}");
        FleetJob job = fleet.submit(problem, Requests.duration(timeLimit, "timeLimit"),
                identity.getPrincipal().getName());
        return Response.accepted(fleet.report(job.id()))
                .location(uri.getAbsolutePathBuilder().path(job.id()).build()).build();
    }

    /** The jobs, newest first (at most {@code limit}, default 50). */
    @GET
    public List<FleetJob> list(@QueryParam("limit") String limit) {
        Double n = Requests.number(limit, "limit");
        if (n != null && (n < 1 || n > 1000 || n != Math.floor(n))) {
            throw Requests.invalid("limit", "must be an integer in [1, 1000], is " + limit);
        }
        return fleet.list(n == null ? 50 : n.intValue());
    }

    /** A job: its state, and once DONE the fleet's total, bound, gap, rows and what the fleet checker finds. */
    @GET
    @Path("{id}")
    public FleetJobService.Report get(@PathParam("id") String id) {
        return fleet.report(id);
    }

    /** A station's contract-v1 plan in the fleet (503 until DONE); {@code X-Plan-Check} as the what-if plans have. */
    @GET
    @Path("{id}/stations/{stationId}/plan")
    public Response plan(@PathParam("id") String id, @PathParam("stationId") String stationId) {
        Plan plan = fleet.stationPlan(id, stationId);
        Problem problem = fleet.problem(id).stations().stream().filter(p -> p.stationId().equals(stationId))
                .findFirst().orElseThrow();
        CheckReport report = PlanChecker.check(problem, plan);
        String check = report.feasible() ? "feasible" : report.hardRulesMet() ? "hard-rules-met"
                : "violations=" + report.violations().size();
        return Response.ok(ContractJson.write(plan)).header("X-Plan-Check", check).build();
    }
}
