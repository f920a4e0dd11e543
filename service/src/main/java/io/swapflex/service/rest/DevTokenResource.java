package io.swapflex.service.rest;

import io.quarkus.security.ForbiddenException;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.common.security.TokenKeys;
import io.swapflex.service.station.NotFoundException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The plan page's automatic read-only sign-in: an analyst token signed with the installation's own key, for a browser
 * on the service's own machine only (a loopback client; 403 for any other), and only while the service verifies
 * tokens with that key (404 once it points at an identity provider, where a token signed here would not verify).
 * Behind a reverse proxy on the same machine every client looks local: turn on
 * {@code quarkus.http.proxy.proxy-address-forwarding} there, so the client's own address is the one judged.
 */
@Path("/api/v1/dev/token")
public class DevTokenResource {

    static final Duration LIFETIME = Duration.ofHours(1);

    @Inject
    TokenKeys tokenKeys;

    @Inject
    Clock clock;

    /** The answer: a bearer token for the role, valid until expiresAt. */
    record DevToken(String token, String role, Instant expiresAt) {
    }

    @POST
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@Context HttpServerRequest request) {
        if (!loopback(request.remoteAddress())) {
            throw new ForbiddenException("the plan page signs in by itself only on the service's own machine "
                    + "(a loopback client); elsewhere use a token from the service's operator");
        }
        if (!tokenKeys.ownKeyInUse()) {
            throw new NotFoundException("no development tokens: this service verifies tokens with its identity "
                    + "provider's key; ask its operator for a token");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new DevToken(DevTokens.mint(tokenKeys.dataDir(), Roles.ANALYST, null, LIFETIME), Roles.ANALYST,
                clock.instant().plus(LIFETIME))).cacheControl(noStore).build();
    }

    /** Whether the client's address is a loopback one (127.0.0.0/8, ::1); a name or no address is not. */
    static boolean loopback(SocketAddress client) {
        if (client == null || client.hostAddress() == null) {
            return false;
        }
        String host = client.hostAddress();
        boolean literal = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!literal) {
            return false;
        }
        try {
            // An address literal: no name lookup happens.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
