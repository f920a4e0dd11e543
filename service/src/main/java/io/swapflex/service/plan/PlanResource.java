package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Contract-v1 documents solved directly, for integrations that hold their own data. Nothing is stored. */
@Path("/api/v1/plans")
public class PlanResource {

    @Inject
    PlanningService planning;

    /**
     * Solves a contract-v1 problem and answers its contract-v1 plan. Optional: {@code solver} (a scheduler name),
     * {@code timeLimit} (10s, 500ms; at most the configured maximum), or instead {@code workLimit} (as much of the
     * reference machine's work: the same plan on any machine and under any load), {@code gap} (target in [0, 1)).
     */
    @POST
    @Path("solve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    @APIResponse(responseCode = "200", description = "The contract-v1 plan",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Plan.class)))
    public String solve(@RequestBody(description = "A contract-v1 problem document", required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Problem.class)))
                        String body, @QueryParam("solver") String solver, @QueryParam("timeLimit") String timeLimit,
                        @QueryParam("workLimit") String workLimit, @QueryParam("gap") String gap) {
        Plan plan = planning.solve(ContractJson.readProblem(body == null ? "" : body), solver,
                Requests.duration(timeLimit, "timeLimit"), Requests.duration(workLimit, "workLimit"),
                Requests.number(gap, "gap"));
        return ContractJson.write(plan);
    }
}
