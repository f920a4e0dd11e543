package io.swapflex.service.ocpp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code swapflex.ocpp.*}: the OCPP-J endpoint's settings. */
@ConfigMapping(prefix = "swapflex.ocpp")
public interface OcppConfig {

    /** PBKDF2-HMAC-SHA256 iterations of a new BasicAuthPassword hash (OWASP's figure by default). */
    @WithDefault("600000")
    int passwordIterations();

    /**
     * The riders' tokens {@code Authorize} (and a {@code TransactionEvent}'s idToken) accepts: a Java regular
     * expression the whole {@code idToken} must match; others are answered {@code Invalid}. Default: any non-empty
     * token (the station's own rider check decides); e.g. {@code rider-[0-9]+} for the operator's card numbers.
     */
    @WithDefault(".+")
    String authorizeTokens();
}
