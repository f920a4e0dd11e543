package io.swapflex.service.common.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Mints bearer tokens signed with the installation's own key pair ({@link SigningKeys}, in the data directory), the
 * one the embedded default verifies with: whoever can read the data directory can mint them ({@code ./swapflex token}),
 * nobody else. In production point the verification at the operator's identity provider
 * ({@code mp.jwt.verify.publickey.location}, {@code mp.jwt.verify.issuer}); these tokens then open nothing.
 */
public final class DevTokens {

    /** The issuer the embedded default expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "swapflex-dev";

    private DevTokens() {
    }

    /**
     * A token for the role, signed with the data directory's key (made first when it has none); {@code stationId}
     * is required for (and only used by) the station role.
     *
     * @throws IllegalArgumentException for an unknown role, or a station role without a station
     */
    public static String mint(Path dataDir, String role, String stationId, Duration lifetime) {
        if (!Roles.ALL.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "', known: " + String.join(", ", Roles.ALL));
        }
        if (role.equals(Roles.STATION) && (stationId == null || stationId.isBlank())) {
            throw new IllegalArgumentException("a station token needs the station id");
        }
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(role.equals(Roles.STATION) ? "station:" + stationId : "dev-" + role)
                .groups(role)
                .expiresIn(lifetime);
        if (role.equals(Roles.STATION)) {
            claims.claim(Roles.STATION_CLAIM, stationId);
        }
        return claims.jws().sign(SigningKeys.of(dataDir).readPrivateKey());
    }

    /**
     * Whether the service verifies tokens with the data directory's own key pair, as configured: the public key is
     * that file (no inline key) and the issuer is {@link #ISSUER}. Anything else means the operator's own identity
     * provider or key, for which this service cannot mint.
     *
     * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}, or null
     * @param inlinePublicKey   {@code mp.jwt.verify.publickey}, or null
     * @param issuer            {@code mp.jwt.verify.issuer}, or null
     * @param dataDir           {@code swapflex.data-dir}
     */
    public static boolean inUse(String publicKeyLocation, String inlinePublicKey, String issuer, Path dataDir) {
        if (publicKeyLocation == null || publicKeyLocation.isBlank()) {
            return false;
        }
        String location = publicKeyLocation.startsWith("file:") ? publicKeyLocation.substring(5) : publicKeyLocation;
        boolean ownKeyFile = !location.contains("://")
                && Path.of(location).toAbsolutePath().normalize()
                .equals(SigningKeys.of(dataDir).publicKey().toAbsolutePath().normalize());
        // smallrye-jwt's own default for the inline key is the word NONE (seen in test mode).
        boolean noInlineKey = inlinePublicKey == null || inlinePublicKey.isBlank() || inlinePublicKey.equals("NONE");
        return ownKeyFile && noInlineKey && ISSUER.equals(issuer);
    }
}
