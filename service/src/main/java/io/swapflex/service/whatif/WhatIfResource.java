package io.swapflex.service.whatif;

import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.studies.whatif.WhatIfRequest;
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

import java.util.List;

/**
 * What-if studies for analysts: a base (a registered station's problem now, or an inline contract-v1 problem) and
 * named scenarios, solved in the background; a KPI row per scenario beside the base's. Thin: {@link WhatIfService}
 * does the work.
 */
@Path("/api/v1/whatif")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
public class WhatIfResource {

    @Inject
    WhatIfService whatIf;

    @Inject
    SecurityIdentity identity;

    /**
     * Submits a study: {@code {"stationId": "...", "scenarios": [{"name": "export x2", "exportPriceScale": 2}]}}
     * (or {@code "problem": {...}} in place of stationId). 202 with the job and its Location; 400 with the path of
     * every error; 429 when too many jobs are waiting.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WhatIfRequest.class))) String body, @Context UriInfo uri) {
        WhatIfRequest request = Requests.read(body, WhatIfRequest.class, "a what-if study is {\"stationId\": ... "
                + "or \"problem\": {...}, \"scenarios\": [{\"name\": ..., \"exportPriceScale\": 2}]}");
        WhatIfJob job = whatIf.submit(request, identity.getPrincipal().getName());
        return Response.accepted(whatIf.report(job.id()))
                .location(uri.getAbsolutePathBuilder().path(job.id()).build()).build();
    }

    /** The jobs, newest first (at most {@code limit}, default 50). */
    @GET
    public List<WhatIfJob> list(@QueryParam("limit") String limit) {
        Double n = Requests.number(limit, "limit");
        if (n != null && (n < 1 || n > 1000 || n != Math.floor(n))) {
            throw Requests.invalid("limit", "must be an integer in [1, 1000], is " + limit);
        }
        return whatIf.list(n == null ? 50 : n.intValue());
    }

    /** A job: state, progress, and per scenario (the base first) its KPIs, deltas to the base and check findings. */
    @GET
    @Path("{id}")
    public WhatIfService.Report get(@PathParam("id") String id) {
        return whatIf.report(id);
    }

    /**
     * A scenario's contract-v1 plan (503 with Retry-After until solved). {@code X-Plan-Check}: what the plan checker
     * finds ({@code feasible}, {@code hard-rules-met} or {@code violations=N}).
     */
    @GET
    @Path("{id}/scenarios/{name}/plan")
    public Response plan(@PathParam("id") String id, @PathParam("name") String name) {
        Plan plan = whatIf.plan(id, name);
        CheckReport report = PlanChecker.check(whatIf.scenario(id, name).problem(), plan);
        String check = report.feasible() ? "feasible" : report.hardRulesMet() ? "hard-rules-met"
                : "violations=" + report.violations().size();
        return Response.ok(ContractJson.write(plan)).header("X-Plan-Check", check).build();
    }

    /** The contract-v1 problem a scenario solves (replay it with {@code ./swapflex solve}). */
    @GET
    @Path("{id}/scenarios/{name}/problem")
    public String problem(@PathParam("id") String id, @PathParam("name") String name) {
        WhatIfScenario scenario = whatIf.scenario(id, name);
        return ContractJson.write(scenario.problem());
    }
}
