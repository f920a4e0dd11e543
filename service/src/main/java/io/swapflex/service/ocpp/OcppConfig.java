package io.swapflex.service.ocpp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code swapflex.ocpp.*}: the OCPP-J endpoint's settings. */
@ConfigMapping(prefix = "swapflex.ocpp")
public interface OcppConfig {

    /** PBKDF2-HMAC-SHA256 iterations of a new BasicAuthPassword hash (OWASP's figure by default). */
    @WithDefault("600000")
    int passwordIterations();
}
