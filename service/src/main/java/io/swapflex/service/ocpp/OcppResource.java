package io.swapflex.service.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import io.swapflex.service.station.StationService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * A station's plan in OCPP terms, and OCPP battery swaps in, over REST (the same translation the OCPP-J endpoint
 * uses). Thin: {@link OcppService} does the work.
 */
@Path("/api/v1/stations/{id}/ocpp")
@Produces(MediaType.APPLICATION_JSON)
public class OcppResource {

    @Inject
    OcppService ocpp;

    @Inject
    OcppSessions sessions;

    @Inject
    StationService stations;

    @Inject
    SecurityIdentity identity;

    @Inject
    OcppCredentials credentials;

    /**
     * The current plan as one OCPP {@code SetChargingProfileRequest} per bay ({@code evseId} = the bay's 1-based
     * position in the registration), {@code ?version=2.1} (default) or {@code 2.0.1} (charge only: the plan's
     * discharge is left out, and {@code dischargeOmitted} says so). 503 with Retry-After while the first plan is made.
     */
    @GET
    @Path("charging-profiles")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST, Roles.STATION})
    public Response chargingProfiles(@PathParam("id") String id, @QueryParam("version") String version) {
        StationScope.require(identity, id);
        OcppVersion v = OcppVersion.parse(version, "version");
        ChargingProfileSet profiles = ocpp.profiles(id, v);
        return Response.ok(profiles)
                .header("X-Plan-Version", profiles.planVersion())
                .header("X-Plan-Stale", ocpp.stale(id, profiles.planVersion()))
                .build();
    }

    /**
     * An OCPP 2.1 {@code BatterySwapRequest}: each battery becomes the station's own battery event ({@code BatteryOut}
     * → PACK_OUT, {@code BatteryIn} → PACK_IN with SOC = soC / 100) and a re-plan follows. Answers the
     * {@code BatterySwapResponse} ({@code {}}); 400 naming the field for a malformed request or an unknown evseId,
     * 409 for a pack into an occupied bay or out of an empty one.
     */
    @POST
    @Path("battery-swap")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.STATION})
    public Response batterySwap(@PathParam("id") String id, String body) {
        StationScope.require(identity, id);
        stations.get(id);
        JsonNode payload;
        try {
            payload = body == null || body.isBlank() ? null : OcppJ.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION,
                    List.of("$ is not valid JSON: " + io.swapflex.optimizer.contract.ProblemLimits.describe(e.getOriginalMessage())));
        }
        int events = ocpp.batterySwap(id, payload).size();
        return Response.ok(Map.of()).header("X-Battery-Events", events).build();
    }

    /**
     * Sets or rotates the station's OCPP {@code BasicAuthPassword} (security profiles 1 and 2: the station then
     * connects to {@code /ocpp/{id}} with HTTP Basic, user = the station id): {@code {"password": "…"}}, 16 to 40
     * characters. 204; 400 naming the field. Stored as a salted hash ({@link PasswordHash}), never in clear.
     */
    @PUT
    @Path("credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response credentials(@PathParam("id") String id, String body) {
        stations.get(id);
        JsonNode payload;
        try {
            payload = body == null || body.isBlank() ? null : OcppJ.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidProblemException(List.of("$ is not valid JSON: "
                    + io.swapflex.optimizer.contract.ProblemLimits.describe(e.getOriginalMessage())));
        }
        if (payload == null || !payload.isObject()) {
            throw new InvalidProblemException(List.of("$ must be an object {\"password\": \"…\"}"));
        }
        List<String> unknown = new java.util.ArrayList<>();
        payload.fieldNames().forEachRemaining(f -> {
            if (!f.equals("password")) {
                unknown.add("$: unknown field '" + f + "'");
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidProblemException(unknown);
        }
        JsonNode password = payload.get("password");
        if (password != null && !password.isNull() && !password.isTextual()) {
            throw new InvalidProblemException(List.of("password must be a string of " + OcppCredentials.MIN_LENGTH
                    + " to " + OcppCredentials.MAX_LENGTH + " characters"));
        }
        credentials.set(id, password == null || password.isNull() ? null : password.asText(),
                identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    /** The station's OCPP-J sessions, open then recently closed, each with its frames in and out. */
    @GET
    @Path("sessions")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.STATION})
    public List<SessionView> sessions(@PathParam("id") String id) {
        StationScope.require(identity, id);
        stations.get(id);
        return sessions.of(id).stream().map(SessionView::of).toList();
    }

    /** An OCPP-J session as the sessions endpoint shows it. */
    public record SessionView(String connectionId, String subprotocol, String openedAt, String closedAt,
                              boolean booted, long profilesAccepted, long profilesRejected, List<String> transcript) {
        static SessionView of(OcppSessions.Entry entry) {
            CsmsSession s = entry.session();
            long[] answers = s.profileAnswers();
            return new SessionView(entry.connectionId(), s.version().subprotocol(), entry.openedAt().toString(),
                    entry.closedAt() == null ? null : entry.closedAt().toString(), s.booted(), answers[0], answers[1],
                    s.transcript().stream().map(CsmsSession.Frame::toString).toList());
        }
    }
}
