package io.swapflex.service.common.security;

import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified, by their exact text, for a short while: a station controller sends the same token
 * with every schedule pull, and checking its RS256 signature and parsing its claims again each time was about a fifth
 * of what a pull cost the service under load. Only a token that passed the full verification is kept; the same text
 * cannot verify differently later except by expiring, so an entry is kept until the token's own expiry or
 * {@link #KEEP}, whichever comes first (a changed key or issuer needs a restart, which empties this). A token that
 * fails is never kept: each attempt is verified again. At most {@link #MOST} tokens are kept; then all are dropped
 * and the cache fills again.
 */
public final class VerifiedTokens {

    static final Duration KEEP = Duration.ofMinutes(1);
    static final int MOST = 10_000;

    /** The full verification (signature, issuer, expiry...). */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private record Entry(JsonWebToken jwt, long validUntilMillis) {
    }

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The token's verified claims: kept ones while they are valid, else verified now (and kept when they pass). */
    public JsonWebToken verify(String token, Verifier verifier) throws ParseException {
        long now = clock.millis();
        Entry known = tokens.get(token);
        if (known != null && now < known.validUntilMillis()) {
            return known.jwt();
        }
        JsonWebToken jwt = verifier.verify(token);
        long until = now + KEEP.toMillis();
        if (jwt.getExpirationTime() > 0) {
            until = Math.min(until, jwt.getExpirationTime() * 1000);
        }
        if (tokens.size() >= MOST) {
            tokens.clear();
        }
        tokens.put(token, new Entry(jwt, until));
        return jwt;
    }
}
