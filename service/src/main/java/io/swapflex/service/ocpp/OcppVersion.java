package io.swapflex.service.ocpp;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.util.List;

/**
 * The OCPP versions the service speaks, with their OCPP-J WebSocket subprotocol. 2.1 is the default: only 2.1 can
 * command a bay to discharge (V2X operation modes); 2.0.1 profiles are charge-only.
 */
public enum OcppVersion {

    V2_1("2.1", "ocpp2.1"),
    V2_0_1("2.0.1", "ocpp2.0.1");

    private final String label;
    private final String subprotocol;

    OcppVersion(String label, String subprotocol) {
        this.label = label;
        this.subprotocol = subprotocol;
    }

    /** As OCPP writes it: {@code 2.1}, {@code 2.0.1}. */
    public String label() {
        return label;
    }

    /** The OCPP-J WebSocket subprotocol: {@code ocpp2.1}, {@code ocpp2.0.1}. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Whether the version has the V2X operation modes (discharge setpoints); 2.0.1 has not. */
    public boolean canDischarge() {
        return this == V2_1;
    }

    /**
     * The version a query parameter names; null or blank means 2.1.
     *
     * @param parameter the parameter's name, for the error
     * @throws InvalidProblemException naming the parameter for any other value
     */
    public static OcppVersion parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return V2_1;
        }
        for (OcppVersion v : values()) {
            if (v.label.equals(value.strip())) {
                return v;
            }
        }
        throw new InvalidProblemException(List.of(parameter + " must be 2.1 or 2.0.1, is '" + value + "'"));
    }

    /** The version of a negotiated subprotocol, or null when it is none of ours. */
    public static OcppVersion ofSubprotocol(String subprotocol) {
        for (OcppVersion v : values()) {
            if (v.subprotocol.equals(subprotocol)) {
                return v;
            }
        }
        return null;
    }
}
