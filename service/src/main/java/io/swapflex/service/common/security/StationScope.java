package io.swapflex.service.common.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Station scoping: a caller whose only fleet-wide role is none (a {@code station} token) may touch the station its
 * token names and no other. Operators, analysts and admins see every station (what each may do is the resource's
 * {@code @RolesAllowed}).
 */
public final class StationScope {

    private StationScope() {
    }

    /** Whether a caller with these roles and token station may touch the station. */
    public static boolean allows(Set<String> roles, String tokenStation, String stationId) {
        if (roles.contains(Roles.ADMIN) || roles.contains(Roles.OPERATOR) || roles.contains(Roles.ANALYST)) {
            return true;
        }
        return roles.contains(Roles.STATION) && tokenStation != null && tokenStation.equals(stationId);
    }

    /** @throws ForbiddenException when the caller may not touch the station */
    public static void require(SecurityIdentity identity, String stationId) {
        if (!allows(identity.getRoles(), tokenStation(identity), stationId)) {
            throw new ForbiddenException("this token may not access station '" + stationId + "'");
        }
    }

    /** The station a station token names, or null. */
    public static String tokenStation(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(Roles.STATION_CLAIM);
            if (claim instanceof JsonString text) {
                return text.getString();
            }
            return claim == null ? null : claim.toString();
        }
        return null;
    }
}
