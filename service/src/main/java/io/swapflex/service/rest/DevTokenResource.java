package io.swapflex.service.rest;

import io.swapflex.service.common.security.DevTokens;
import io.swapflex.service.common.security.Roles;
import io.swapflex.service.station.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A read-only (analyst) token for the plan page, handed out only while the service verifies tokens with the
 * development key pair shipped in the repository, whose private key anyone can read, so that this endpoint grants
 * nothing a visitor could not mint with {@code ./swapflex token}. A deployment with its own key or issuer answers 404,
 * and a token signed here would not verify there anyway.
 */
@Path("/api/v1/dev/token")
public class DevTokenResource {

    static final Duration LIFETIME = Duration.ofHours(1);

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlinePublicKey;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    Clock clock;

    /** The answer: a bearer token for the role, valid until expiresAt. */
    record DevToken(String token, String role, Instant expiresAt) {
    }

    @POST
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Response token() {
        if (!DevTokens.inUse(publicKeyLocation.orElse(null), inlinePublicKey.orElse(null), issuer.orElse(null))) {
            throw new NotFoundException("no development tokens: this service verifies tokens with its own key; "
                    + "ask its operator for a token");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new DevToken(DevTokens.mint(Roles.ANALYST, null, LIFETIME), Roles.ANALYST,
                clock.instant().plus(LIFETIME))).cacheControl(noStore).build();
    }
}
