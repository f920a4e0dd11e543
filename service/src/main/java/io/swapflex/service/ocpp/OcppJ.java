package io.swapflex.service.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.contract.JsonMappers;

/**
 * OCPP-J RPC framing (the JSON-over-WebSocket transport of OCPP 2.0.1 and 2.1): a text frame is one JSON array,
 * <pre>
 *   CALL        [2, "uniqueId", "Action", {payload}]
 *   CALLRESULT  [3, "uniqueId", {payload}]
 *   CALLERROR   [4, "uniqueId", "errorCode", "errorDescription", {errorDetails}]
 * </pre>
 * A CALLRESULT or CALLERROR carries the uniqueId of the CALL it answers; a frame whose id cannot be read is answered
 * with id {@code "-1"}.
 */
public final class OcppJ {

    public static final int CALL = 2;
    public static final int CALL_RESULT = 3;
    public static final int CALL_ERROR = 4;
    /** The most characters of a uniqueId and of an errorDescription. */
    static final int MAX_ID = 36;
    static final int MAX_DESCRIPTION = 255;

    /** Parses within the configured JSON limits (a frame of 100,000 nested arrays fails to parse, nothing more). */
    static final ObjectMapper JSON = JsonMappers.limited(JsonMappers.base());

    private OcppJ() {
    }

    /** A frame read from the wire. */
    public sealed interface Frame permits Call, Result, Error {
        String id();
    }

    public record Call(String id, String action, JsonNode payload) implements Frame {
    }

    public record Result(String id, JsonNode payload) implements Frame {
    }

    public record Error(String id, String code, String description, JsonNode details) implements Frame {
    }

    /** A frame that breaks the RPC framework: answered with a CALLERROR of this code. */
    public static final class RpcException extends RuntimeException {
        private final String id;
        private final String code;

        RpcException(String id, String code, String description) {
            super(description);
            this.id = id;
            this.code = code;
        }

        public String id() {
            return id;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Reads a text frame.
     *
     * @throws RpcException {@code RpcFrameworkError} (not a JSON array, no readable id), {@code ProtocolError} (a
     *                      part missing or of the wrong type), {@code MessageTypeNotSupported} (a type other than 2,
     *                      3, 4)
     */
    public static Frame parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RpcException("-1", "RpcFrameworkError", "not JSON: " + io.swapflex.optimizer.contract.ProblemLimits.describe(e.getOriginalMessage()));
        }
        if (node == null || !node.isArray() || node.size() < 3 || !node.get(1).isTextual()) {
            throw new RpcException("-1", "RpcFrameworkError",
                    "a frame is [messageTypeId, uniqueId, ...] with a string uniqueId");
        }
        String id = node.get(1).asText();
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new RpcException("-1", "RpcFrameworkError", "uniqueId must have 1 to 36 characters");
        }
        if (!node.get(0).isInt()) {
            throw new RpcException(id, "RpcFrameworkError", "messageTypeId must be 2, 3 or 4");
        }
        switch (node.get(0).asInt()) {
            case CALL -> {
                if (node.size() != 4 || !node.get(2).isTextual() || !node.get(3).isObject()) {
                    throw new RpcException(id, "ProtocolError", "a CALL is [2, uniqueId, action, {payload}]");
                }
                return new Call(id, node.get(2).asText(), node.get(3));
            }
            case CALL_RESULT -> {
                if (node.size() != 3 || !node.get(2).isObject()) {
                    throw new RpcException(id, "ProtocolError", "a CALLRESULT is [3, uniqueId, {payload}]");
                }
                return new Result(id, node.get(2));
            }
            case CALL_ERROR -> {
                if (node.size() != 5 || !node.get(2).isTextual() || !node.get(3).isTextual()
                        || !node.get(4).isObject()) {
                    throw new RpcException(id, "ProtocolError",
                            "a CALLERROR is [4, uniqueId, errorCode, errorDescription, {errorDetails}]");
                }
                return new Error(id, node.get(2).asText(), node.get(3).asText(), node.get(4));
            }
            default -> throw new RpcException(id, "MessageTypeNotSupported",
                    "messageTypeId " + node.get(0) + " is not 2, 3 or 4");
        }
    }

    public static String call(String id, String action, Object payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode().add(CALL).add(id).add(action);
        frame.add(JSON.valueToTree(payload));
        return frame.toString();
    }

    public static String result(String id, Object payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode().add(CALL_RESULT).add(id);
        frame.add(JSON.valueToTree(payload));
        return frame.toString();
    }

    public static String error(String id, String code, String description, ObjectNode details) {
        String text = description == null ? "" : description;
        if (text.length() > MAX_DESCRIPTION) {
            text = text.substring(0, MAX_DESCRIPTION - 1) + "…";
        }
        return JsonNodeFactory.instance.arrayNode().add(CALL_ERROR).add(id).add(code).add(text)
                .add(details == null ? JsonNodeFactory.instance.objectNode() : details).toString();
    }
}
