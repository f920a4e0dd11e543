package io.swapflex.service.forecast;

import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.service.common.rest.Requests;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** A station's forecast: uploaded (every version kept), used by its plans in place of the registered profile. */
@Path("/api/v1/stations/{id}/forecast")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
public class ForecastResource {

    @Inject
    ForecastService forecasts;

    @Inject
    SecurityIdentity identity;

    /**
     * Uploads a forecast on the slots of the station's registered horizon: {@code {"swapDemand": {"TYPE": [...]},
     * "importPricePerKwh": [...], "exportPricePerKwh": [...], "baseLoadKw": [...], "note": "..."}}, any of them.
     * Stored as the next version (202); the plan is stale and a re-plan follows.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("id") String id, @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ForecastProfile.class)))
                           String body, @Context UriInfo uri) {
        StationScope.require(identity, id);
        ForecastProfile profile = Requests.read(body, ForecastProfile.class, "a forecast is {\"swapDemand\": "
                + "{\"TYPE\": [...]}, \"importPricePerKwh\": [...], \"exportPricePerKwh\": [...], \"baseLoadKw\": [...]}");
        StationForecast stored = forecasts.store(id, profile, StationForecast.UPLOADED,
                identity.getPrincipal().getName());
        return accepted(stored, uri.getAbsolutePathBuilder().queryParam("version", stored.version()).build());
    }

    /**
     * Computes a swap-demand forecast from the station's own PACK_OUT history with the forecasting module's count model
     * ({@code glm-negbin}, at least 28 days of history) for its next horizon, at {@code serviceLevel} (default 0.9),
     * and stores it like an upload (202; 409 when the history is too short).
     */
    @POST
    @Path("compute")
    public Response compute(@PathParam("id") String id, @QueryParam("serviceLevel") String serviceLevel,
                            @Context UriInfo uri) {
        StationScope.require(identity, id);
        StationForecast stored = forecasts.compute(id, Requests.number(serviceLevel, "serviceLevel"),
                identity.getPrincipal().getName());
        return accepted(stored, uri.getBaseUriBuilder().path("api/v1/stations").path(id).path("forecast")
                .queryParam("version", stored.version()).build());
    }

    private static Response accepted(StationForecast stored, java.net.URI location) {
        return Response.accepted(new Stored(stored.stationId(), stored.version(), stored.revision(), stored.source(),
                stored.createdAt(), stored.profile().fields(), stored.profile().note(), true)).location(location).build();
    }

    /**
     * The profile in use (or {@code ?version=N}: what that forecast version makes of the registration): its rows, and
     * which come from a forecast ({@code source}: forecast or registration).
     */
    @GET
    public ForecastService.InUse get(@PathParam("id") String id, @QueryParam("version") String version) {
        StationScope.require(identity, id);
        return forecasts.inUse(id, Requests.version(version, "version"));
    }

    /** The station's forecast versions, oldest first. */
    @GET
    @Path("versions")
    public List<Long> versions(@PathParam("id") String id) {
        StationScope.require(identity, id);
        return forecasts.versions(id);
    }

    /** The answer to an upload: stored as this version, re-plan requested. */
    public record Stored(String stationId, long version, long revision, String source, Instant createdAt,
                         List<String> fromForecast, String note, boolean replanRequested) {
    }
}
