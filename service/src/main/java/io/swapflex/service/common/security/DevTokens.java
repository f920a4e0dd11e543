package io.swapflex.service.common.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;

/**
 * Mints development bearer tokens signed with the development key pair shipped in the repository
 * ({@code dev-keys/}, the one the embedded default verifies with). Anyone can mint these: in production configure
 * your own public key ({@code mp.jwt.verify.publickey.location}) and mint with your own private key.
 */
public final class DevTokens {

    /** The issuer the embedded default expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "swapflex-dev";
    /** Where the embedded default's public key is ({@code mp.jwt.verify.publickey.location}). */
    public static final String PUBLIC_KEY = "dev-keys/publicKey.pem";
    private static final String PRIVATE_KEY = "dev-keys/privateKey.pem";

    private DevTokens() {
    }

    /**
     * A signed token for the role; {@code stationId} is required for (and only used by) the station role.
     *
     * @throws IllegalArgumentException for an unknown role, or a station role without a station
     */
    public static String mint(String role, String stationId, Duration lifetime) {
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
        return claims.jws().sign(privateKey());
    }

    /**
     * Whether the service verifies tokens with the development key pair, as configured: the public key is the shipped
     * one (no inline key, the location unchanged) and the issuer is the development issuer. Any change to either means
     * a deployment with its own keys.
     *
     * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}, or null
     * @param inlinePublicKey   {@code mp.jwt.verify.publickey}, or null
     * @param issuer            {@code mp.jwt.verify.issuer}, or null
     */
    public static boolean inUse(String publicKeyLocation, String inlinePublicKey, String issuer) {
        boolean devLocation = PUBLIC_KEY.equals(publicKeyLocation) || ("classpath:" + PUBLIC_KEY).equals(publicKeyLocation);
        // smallrye-jwt's own default for the inline key is the word NONE (seen in test mode).
        boolean noInlineKey = inlinePublicKey == null || inlinePublicKey.isBlank() || inlinePublicKey.equals("NONE");
        return devLocation && noInlineKey && ISSUER.equals(issuer);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey(PRIVATE_KEY);
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development key " + PRIVATE_KEY, e);
        }
    }
}
