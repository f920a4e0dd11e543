package io.swapflex.service.openadr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The configured VEN, or none ({@code swapflex.openadr.vtn.url} unset), and the token its VTN notifies it with. */
public final class VenControl {

    private final VenRunner runner;
    private final String callbackToken;

    private VenControl(VenRunner runner, String callbackToken) {
        this.runner = runner;
        this.callbackToken = callbackToken;
    }

    public static VenControl off() {
        return new VenControl(null, null);
    }

    public static VenControl of(VenRunner runner, String callbackToken) {
        return new VenControl(runner, callbackToken);
    }

    public Optional<VenRunner> runner() {
        return Optional.ofNullable(runner);
    }

    /** Whether an {@code Authorization} header carries the callback's bearer token (compared in constant time). */
    public boolean callbackAuthorised(String authorization) {
        if (runner == null || callbackToken == null || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                callbackToken.getBytes(StandardCharsets.UTF_8));
    }
}
