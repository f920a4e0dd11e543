package io.swapflex.service.ocpp;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.swapflex.service.security.Roles;
import io.swapflex.service.security.StationScope;
import io.swapflex.service.station.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who may open an OCPP-J session: the upgrade request carries {@code Authorization: Bearer <token>}, a
 * {@code station} token naming this station (or an operator's or admin's); it offers subprotocol {@code ocpp2.1} or
 * {@code ocpp2.0.1}; the station exists. Otherwise the upgrade is refused: 401 without a valid token, 403 for another
 * station's token or another role, 400 without an OCPP subprotocol, 404 for an unknown station.
 */
@ApplicationScoped
public class OcppUpgradeCheck implements HttpUpgradeCheck {

    @Inject
    StationService stations;

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
        return context.securityIdentity()
                .onFailure().recoverWithNull()
                .onItem().transformToUni(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        return CheckResult.rejectUpgrade(401, Map.of("WWW-Authenticate", List.of("Bearer")));
                    }
                    if (!mayConnect(identity, stationId)) {
                        return CheckResult.rejectUpgrade(403);
                    }
                    // The station lookup reads the database: not on the event loop.
                    return Uni.createFrom().item(() -> stations.find(stationId).isPresent())
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .map(known -> known ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(404));
                });
    }

    static boolean mayConnect(SecurityIdentity identity, String stationId) {
        boolean role = identity.hasRole(Roles.STATION) || identity.hasRole(Roles.OPERATOR)
                || identity.hasRole(Roles.ADMIN);
        return role && StationScope.allows(identity.getRoles(), StationScope.tokenStation(identity), stationId);
    }

    static boolean offersOcpp(List<String> headers) {
        return headers.stream().flatMap(h -> Arrays.stream(h.split(",")))
                .anyMatch(p -> OcppVersion.ofSubprotocol(p.strip()) != null);
    }
}
