package io.swapflex.service.ocpp;

import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.common.jdbc.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The stations' OCPP {@code BasicAuthPassword}s (security profiles 1 and 2: HTTP Basic on the OCPP-J upgrade, user =
 * the station id), kept as salted hashes ({@link PasswordHash}) in table {@code ocpp_credential}
 * ({@code V6__ocpp_credentials.sql}); the password itself is never stored or logged.
 */
public final class OcppCredentials {

    /** OCPP 2.0.1/2.1 {@code SecurityCtrlr.BasicAuthPassword}: a string of 16 to 40 characters. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 40;

    private final Jdbc jdbc;
    private final Clock clock;
    private final int iterations;

    /** @param iterations PBKDF2 iterations for new hashes ({@code swapflex.ocpp.password-iterations}) */
    public OcppCredentials(Jdbc jdbc, Clock clock, int iterations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.iterations = iterations;
    }

    /** Sets or replaces the station's password (the station must exist); 400 naming the field for a bad one. */
    public void set(String stationId, String password, String by) {
        requireValid(password);
        String hash = PasswordHash.hash(password, iterations);
        jdbc.inTransaction(c -> {
            int updated;
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE ocpp_credential SET password_hash = ?, updated_at = ?, updated_by = ? WHERE station_id = ?")) {
                st.setString(1, hash);
                st.setTimestamp(2, Jdbc.timestamp(clock.instant()));
                st.setString(3, by);
                st.setString(4, stationId);
                updated = st.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO ocpp_credential (station_id, "
                        + "password_hash, updated_at, updated_by) VALUES (?, ?, ?, ?)")) {
                    st.setString(1, stationId);
                    st.setString(2, hash);
                    st.setTimestamp(3, Jdbc.timestamp(clock.instant()));
                    st.setString(4, by);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Whether the password is the station's (false when none is set). */
    public boolean matches(String stationId, String password) {
        return stored(stationId).map(hash -> PasswordHash.verify(password, hash)).orElse(false);
    }

    /** The station's stored hash, if a password was set. */
    Optional<String> stored(String stationId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT password_hash FROM ocpp_credential WHERE station_id = ?")) {
                st.setString(1, stationId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** 16 to 40 characters, as OCPP's BasicAuthPassword; the message names the field (never the password). */
    static void requireValid(String password) {
        if (password == null) {
            throw new InvalidProblemException(List.of("password is required: a string of " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters (OCPP BasicAuthPassword)"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidProblemException(List.of("password must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters (OCPP BasicAuthPassword), has " + length));
        }
        if (password.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new InvalidProblemException(List.of("password must not contain control characters"));
        }
    }
}
