package io.swapflex.service.common.security;

import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A verified token is remembered by its text until it expires (at most a minute); a failing one never is. */
class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aVerifiedTokenIsNotVerifiedAgainWithinAMinute() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(clock);
        JsonWebToken first = tokens.verify("a", this::valid);
        now.set(T0.plusSeconds(59));
        assertSame(first, tokens.verify("a", this::valid));
        assertEquals(1, verifications.get());
        tokens.verify("b", this::valid);
        assertEquals(2, verifications.get(), "another token is verified on its own");
        now.set(T0.plusSeconds(60));
        tokens.verify("a", this::valid);
        assertEquals(3, verifications.get(), "after a minute it is verified again");
    }

    @Test
    void aTokenIsVerifiedAgainOnceItHasExpired() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(clock);
        long expiresAt = T0.plusSeconds(10).getEpochSecond();
        tokens.verify("short", t -> token(expiresAt));
        now.set(T0.plusSeconds(10));
        assertThrows(ParseException.class, () -> tokens.verify("short", t -> {
            throw new ParseException("expired");
        }), "the verifier's verdict, not the remembered one");
    }

    @Test
    void aFailingTokenIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(clock);
        for (int i = 0; i < 3; i++) {
            assertThrows(ParseException.class, () -> tokens.verify("forged", t -> {
                verifications.incrementAndGet();
                throw new ParseException("bad signature");
            }));
        }
        assertEquals(3, verifications.get());
    }

    private JsonWebToken valid(String token) {
        verifications.incrementAndGet();
        return token(T0.plus(Duration.ofHours(8)).getEpochSecond());
    }

    private static JsonWebToken token(long expiresAt) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) Map.of("exp", expiresAt).get(claimName);
            }

            @Override
            public long getExpirationTime() {
                return expiresAt;
            }
        };
    }
}
