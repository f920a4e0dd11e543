package io.swapflex.service.flex;

import io.swapflex.service.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One station's flexibility (the fleet's: {@link FlexibilityResource}). */
@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationFlexibilityResource {

    @Inject
    FlexibilityService flexibility;

    /**
     * Per hour window of the station's current plan: the most firm net export it can commit (the kW to put in a
     * dispatch request over that window), proven by a plan that meets it with no more unserved swaps than the current
     * plan; the cost of delivering it; per slot, the reduced import and extra export on top of the plan. Answered at
     * once: until the figures of the current plan are proven, the last proven ones ({@code basis} PREVIOUS_PLAN,
     * stale) or the physical bound ({@code basis} PHYSICAL_BOUND, nothing offered as proven); 503 only before the
     * station's first plan.
     */
    @GET
    @Path("{id}/flexibility")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public StationFlexibility station(@PathParam("id") String id) {
        return flexibility.answer(id);
    }

}
