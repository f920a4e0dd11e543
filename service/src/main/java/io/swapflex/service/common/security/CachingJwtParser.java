package io.swapflex.service.common.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * The bearer-token parser the service authenticates requests with, remembering tokens it has verified
 * ({@link VerifiedTokens}); every other operation goes straight to the parser it decorates.
 */
@Decorator
@Priority(10)
public abstract class CachingJwtParser implements JWTParser {

    private final VerifiedTokens verified = new VerifiedTokens(Clock.systemUTC());

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.verify(token, delegate::parse);
    }
}
