package io.swapflex.service.common.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the service counts as running on the development key pair (and the plan page may get a token from it). */
class DevTokensTest {

    @Test
    void theShippedKeyAndIssuerAreTheDevelopmentPair() {
        assertTrue(DevTokens.inUse("dev-keys/publicKey.pem", null, "swapflex-dev"));
        assertTrue(DevTokens.inUse("classpath:dev-keys/publicKey.pem", "NONE", "swapflex-dev"));
    }

    @Test
    void anOwnKeyOrIssuerIsNot() {
        assertFalse(DevTokens.inUse("/etc/swapflex/publicKey.pem", null, "swapflex-dev"), "own key file");
        assertFalse(DevTokens.inUse("https://idp.example/keys", null, "swapflex-dev"), "own key URL");
        assertFalse(DevTokens.inUse("dev-keys/publicKey.pem", "MIIBIjANBgkq...", "swapflex-dev"), "inline key");
        assertFalse(DevTokens.inUse("dev-keys/publicKey.pem", null, "https://idp.example"), "own issuer");
        assertFalse(DevTokens.inUse(null, null, null), "nothing configured");
    }
}
