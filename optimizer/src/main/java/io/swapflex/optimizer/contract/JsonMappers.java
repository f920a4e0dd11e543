package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The project's one JSON mapper configuration: every mapper of the engine, the service and the tools starts here, and
 * what a wire needs beyond it is derived here or beside its one use, with the reason.
 *
 * <ul>
 *   <li>{@link #base()}: Jackson's defaults (unknown fields refused). The OCPP-J and OpenADR wires keep them: a
 *       malformed message there is answered in the standard's own terms (an OCPP CALLERROR, an OpenADR problem) by
 *       the service's validation of the message, which reads a float for an integer or a null for a number as the
 *       standards' own tests send them; the service adds Java time for OpenADR's timestamps.</li>
 *   <li>{@link #strict()}: the project's own formats, read strictly, so that a misspelt field, a null limit or
 *       {@code 2.5} bays is an error naming its path rather than a default: REST request bodies.</li>
 *   <li>{@link #contract()}: contract documents (problems, plans, fleets, what-if study files): strict, a duplicated
 *       key refused (which value would count?), written indented for people and diffs. The closed-loop simulation's
 *       study file keeps {@link #base()}, as it always had: made strict, it could refuse files that run today.</li>
 * </ul>
 * Every mapper that parses what it is sent is built with {@link #limited} (the JSON limits of {@link ProblemLimits}).
 * Quarkus's own mapper (response bodies) is the framework's, and {@code datasets}' example writer keeps its own: that
 * module depends on no other.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    public static JsonMapper.Builder base() {
        return JsonMapper.builder();
    }

    public static JsonMapper.Builder strict() {
        return base()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    public static JsonMapper.Builder contract() {
        return strict()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The mapper, parsing within the JSON limits in force ({@link ProblemLimits#follow}). */
    public static ObjectMapper limited(JsonMapper.Builder builder) {
        return ProblemLimits.follow(builder.build());
    }
}
