package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.UnauthorizedException;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.station.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The VEN's edge: what its rounds against the VTN came to, and the callback a VTN notifies (an OpenADR 3.0.1
 * {@code notification}, after the VEN's {@code POST /subscriptions}), which brings the next round forward. The
 * notification's object is not applied as sent: the round reads the VTN again, the one way events come in.
 */
@Path("/api/v1/openadr3/ven")
@Produces(MediaType.APPLICATION_JSON)
public class VenResource {

    @Inject
    VenControl control;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST})
    public Ven.Status status() {
        return runner().ven().status();
    }

    /** 200 {} and a round soon; 401 without the subscription's bearer token; 400 for what is no notification. */
    @POST
    @Path("notifications")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> notified(@HeaderParam("Authorization") String authorization, String body) {
        VenRunner runner = runner();
        if (!control.callbackAuthorised(authorization)) {
            throw new UnauthorizedException("the VTN's notification needs the bearer token of the VEN's subscription");
        }
        JsonNode json = OpenAdrResource.json(body);
        if (json == null || !json.isObject() || !json.path("objectType").isTextual()) {
            throw new InvalidProblemException(List.of("objectType is required: an OpenADR 3 notification "
                    + "{\"objectType\": \"EVENT\", \"operation\": \"POST\", \"object\": {...}}"));
        }
        runner.soon();
        return Map.of();
    }

    private VenRunner runner() {
        return control.runner().orElseThrow(() -> new NotFoundException("no VTN is configured: this service is no "
                + "OpenADR VEN (swapflex.openadr.vtn.url, see docs/ocpp-openadr.md)"));
    }
}
