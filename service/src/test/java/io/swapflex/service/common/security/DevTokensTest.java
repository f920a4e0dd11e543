package io.swapflex.service.common.security;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the service counts as verifying with its data directory's own key (and the plan page may get a token). */
class DevTokensTest {

    private static final Path DATA = Path.of("/var/lib/swapflex");

    @Test
    void theDataDirectorysKeyAndTheDefaultIssuerAreTheOwnPair() {
        assertTrue(DevTokens.inUse("/var/lib/swapflex/keys/publicKey.pem", null, "swapflex-dev", DATA));
        assertTrue(DevTokens.inUse("file:/var/lib/swapflex/./keys/publicKey.pem", "NONE", "swapflex-dev", DATA));
        assertTrue(DevTokens.inUse("target/x/keys/publicKey.pem", null, "swapflex-dev", Path.of("target/x")),
                "relative paths, both the same");
    }

    @Test
    void anIdentityProviderOrAnotherKeyOrIssuerIsNot() {
        assertFalse(DevTokens.inUse("/etc/swapflex/publicKey.pem", null, "swapflex-dev", DATA), "own key file");
        assertFalse(DevTokens.inUse("https://idp.example/keys", null, "swapflex-dev", DATA), "own key URL");
        assertFalse(DevTokens.inUse("dev-keys/publicKey.pem", null, "swapflex-dev", DATA), "the old shipped key");
        assertFalse(DevTokens.inUse("/var/lib/swapflex/keys/publicKey.pem", "MIIBIjANBgkq...", "swapflex-dev", DATA),
                "inline key");
        assertFalse(DevTokens.inUse("/var/lib/swapflex/keys/publicKey.pem", null, "https://idp.example", DATA),
                "own issuer");
        assertFalse(DevTokens.inUse(null, null, null, DATA), "nothing configured");
    }
}
