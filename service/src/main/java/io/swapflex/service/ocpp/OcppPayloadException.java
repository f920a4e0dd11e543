package io.swapflex.service.ocpp;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.util.List;

/**
 * An OCPP payload the service cannot take: each error names its JSON path ({@code batteryData[0].evseId ...}), as
 * every bad input of the service does (400 problem+json over REST), and carries the OCPP-J error code a CALLERROR
 * answers it with.
 */
public class OcppPayloadException extends InvalidProblemException {

    /** Malformed: a field missing, of the wrong type, out of the schema's range, or unknown. */
    public static final String FORMAT_VIOLATION = "FormatViolation";
    /** Well-formed, but a value the station does not have (an evseId that is no bay of it). */
    public static final String PROPERTY_CONSTRAINT_VIOLATION = "PropertyConstraintViolation";

    private final String errorCode;

    public OcppPayloadException(String errorCode, List<String> errors) {
        super(errors);
        this.errorCode = errorCode;
    }

    /** The OCPP-J RPC error code. */
    public String errorCode() {
        return errorCode;
    }
}
