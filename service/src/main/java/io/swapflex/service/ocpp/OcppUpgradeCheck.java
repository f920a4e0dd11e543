package io.swapflex.service.ocpp;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.StationScope;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may open an OCPP-J session: the upgrade request carries either {@code Authorization: Basic} with the station's
 * id and its OCPP {@code BasicAuthPassword} (security profile 1 over ws, 2 over wss; set with
 * {@code PUT /api/v1/stations/{id}/ocpp/credentials}), or {@code Authorization: Bearer <token>}, a {@code station}
 * token naming this station (or an operator's or admin's); it offers subprotocol {@code ocpp2.1} or
 * {@code ocpp2.0.1}; the station exists. Otherwise the upgrade is refused: 401 without valid credentials (a wrong
 * password, another station's id, an unknown station with Basic), 403 for another station's token or another role,
 * 400 without an OCPP subprotocol, 404 for an unknown station (bearer tokens).
 */
@ApplicationScoped
public class OcppUpgradeCheck implements HttpUpgradeCheck {

    @Inject
    StationService stations;

    @Inject
    JWTParser parser;

    @Inject
    OcppCredentials credentials;

    /** The realm a 401 names for Basic credentials. */
    static final String REALM = "swapflex-ocpp";

    @Override
    public boolean appliesTo(String endpointId) {
        return OcppEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String stationId = context.pathParam("stationId");
        if (!offersOcpp(context.httpRequest().headers().getAll("Sec-WebSocket-Protocol"))) {
            return CheckResult.rejectUpgrade(400);
        }
        String authorization = context.httpRequest().getHeader("Authorization");
        Optional<Basic> basic = Basic.of(authorization);
        if (basic.isPresent()) {
            // Security profile 1 (ws) or 2 (wss): the station's id and its BasicAuthPassword. The hash check reads the
            // database and costs a PBKDF2 derivation: not on the event loop.
            Basic credentials = basic.get();
            return onRequestContext(Uni.createFrom().item(() -> credentials.user().equals(stationId)
                            && stations.find(stationId).isPresent()
                            && this.credentials.matches(stationId, credentials.password()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .map(ok -> ok ? CheckResult.permitUpgradeSync() : unauthorized()));
        }
        // The token is verified here (signature, issuer, expiry as configured) rather than through the HTTP layer's
        // deferred identity, whose failure answers the request itself before this check could.
        JsonWebToken token = token(authorization);
        if (token == null) {
            return Uni.createFrom().item(unauthorized());
        }
        if (!mayConnect(token.getGroups(), token.getClaim(Roles.STATION_CLAIM), stationId)) {
            return CheckResult.rejectUpgrade(403);
        }
        // The station lookup reads the database: not on the event loop. Its answer is handed back to the event loop
        // the upgrade request came in on (see onRequestContext).
        return onRequestContext(Uni.createFrom().item(() -> stations.find(stationId).isPresent())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(known -> known ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(404)));
    }

    /** 401, offering both ways in: a bearer token, or the station's Basic credentials. */
    private static CheckResult unauthorized() {
        return CheckResult.rejectUpgradeSync(401, Map.of("WWW-Authenticate",
                List.of("Basic realm=\"" + REALM + "\", charset=\"UTF-8\"", "Bearer")));
    }

    /** HTTP Basic credentials (RFC 7617): the user id is everything before the first colon. */
    record Basic(String user, String password) {
        static Optional<Basic> of(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.of(new Basic("", "")); // not Base64: answered 401 like a wrong password
            }
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? new Basic(decoded, "")
                    : new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }

        @Override
        public String toString() {
            return "Basic[" + user + "]"; // never the password
        }
    }

    /**
     * Emits the check's result on the Vert.x context that called {@link #perform} (the connection's event loop).
     *
     * <p>Quarkus upgrades the connection on the thread that emits the result. From a worker thread the 101 answer goes
     * out at once, while the WebSocket's frame handlers are installed later, in a task queued on the event loop; a
     * station that sends its first frame as soon as it reads the 101 (as every OCPP-J station does, with
     * BootNotification) could have that frame read in between and dropped without a word: the silent session of
     * issue 17, seen under load as a first CALL after a reconnect never answered on an open connection. On the event
     * loop, the upgrade and the installing of the handlers happen in one task, before the next read.
     */
    static Uni<CheckResult> onRequestContext(Uni<CheckResult> check) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return check;
        }
        return check.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private JsonWebToken token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return parser.parse(authorization.substring(7).strip());
        } catch (ParseException e) {
            return null;
        }
    }

    /** A station token for this station, or an operator's or admin's. */
    static boolean mayConnect(Set<String> roles, Object stationClaim, String stationId) {
        Set<String> granted = roles == null ? Set.of() : roles;
        String tokenStation = stationClaim instanceof JsonString text ? text.getString()
                : stationClaim == null ? null : stationClaim.toString();
        boolean role = granted.contains(Roles.STATION) || granted.contains(Roles.OPERATOR)
                || granted.contains(Roles.ADMIN);
        return role && StationScope.allows(granted, tokenStation, stationId);
    }

    static boolean offersOcpp(List<String> headers) {
        return headers.stream().flatMap(h -> Arrays.stream(h.split(",")))
                .anyMatch(p -> OcppVersion.ofSubprotocol(p.strip()) != null);
    }
}
