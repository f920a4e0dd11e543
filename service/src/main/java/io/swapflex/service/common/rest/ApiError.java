package io.swapflex.service.common.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * An error answer, RFC 9457 {@code application/problem+json}: type, title, status, detail, and for validation errors
 * one entry per error with the JSON path of the field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One validation error: where ({@code packTypes[1].minSoc}) and what. */
    public record FieldError(String path, String message) {
    }

    public static ApiError of(int status, String title, String detail) {
        return new ApiError("about:blank", title, status, detail, null);
    }

    /**
     * Splits the engine's messages ({@code "packTypes[1].minSoc must be < maxSoc"} from the validator,
     * {@code "bays[0]: unknown field 'x'"} from the reader) into path and message.
     */
    public static ApiError validation(List<String> messages) {
        List<FieldError> errors = new ArrayList<>();
        for (String message : messages) {
            int space = message.indexOf(' ');
            if (space <= 0) {
                errors.add(new FieldError("$", message));
                continue;
            }
            String path = message.substring(0, space);
            if (path.endsWith(":")) {
                path = path.substring(0, path.length() - 1);
            }
            errors.add(new FieldError(path, message.substring(space + 1)));
        }
        return new ApiError("about:blank", "Invalid request", 400, String.join("; ", messages), errors);
    }
}
