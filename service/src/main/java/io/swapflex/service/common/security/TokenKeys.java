package io.swapflex.service.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;

/** Which key the service verifies bearer tokens with, as configured: its data directory's own, or another. */
@ApplicationScoped
public class TokenKeys {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlinePublicKey;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @ConfigProperty(name = "swapflex.data-dir")
    String dataDir;

    public Path dataDir() {
        return Path.of(dataDir);
    }

    /** Whether tokens are verified with the data directory's own key pair ({@link DevTokens#inUse}). */
    public boolean ownKeyInUse() {
        return DevTokens.inUse(publicKeyLocation.orElse(null), inlinePublicKey.orElse(null), issuer.orElse(null),
                dataDir());
    }

    /** The verification key and issuer, for the start log. */
    public String describe() {
        String key = inlinePublicKey.filter(k -> !k.isBlank() && !k.equals("NONE")).map(k -> "the inline public key")
                .orElse(publicKeyLocation.orElse("no key"));
        return key + " (issuer " + issuer.orElse("any") + ")";
    }
}
