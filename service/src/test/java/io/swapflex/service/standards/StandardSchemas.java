package io.swapflex.service.standards;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official schemas under {@code src/test/resources/standards/} (unmodified copies, see SOURCE.md), for tests that
 * validate what the service produces and takes.
 *
 * <p>OCPP: one draft-06 JSON Schema per message, by version ({@code "2.1"}, {@code "2.0.1"}) and message name
 * ({@code "SetChargingProfileRequest"}).
 */
public final class StandardSchemas {

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
    private static final SchemaRegistry DRAFT_6 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6);

    private StandardSchemas() {
    }

    /** The OCPP schema of a message: version {@code 2.1} or {@code 2.0.1}. */
    public static Schema ocpp(String version, String message) {
        String folder = switch (version) {
            case "2.1" -> "v21";
            case "2.0.1" -> "v201";
            default -> throw new IllegalArgumentException("no OCPP schemas for version " + version);
        };
        return CACHE.computeIfAbsent("ocpp/" + folder + "/" + message + ".json", StandardSchemas::load);
    }

    /** The schema's errors for the document, as "location: message"; empty when it validates. */
    public static List<String> ocppErrors(String version, String message, JsonNode document) {
        return ocpp(version, message).validate(document).stream().map(StandardSchemas::describe).toList();
    }

    /** Fails the test unless the document validates against the OCPP schema of the message. */
    public static void assertValidOcpp(String version, String message, JsonNode document) {
        List<String> errors = ocppErrors(version, message, document);
        assertTrue(errors.isEmpty(), "not a valid OCPP " + version + " " + message + ": " + errors + "\n" + document);
    }

    private static Schema load(String path) {
        try (InputStream in = StandardSchemas.class.getResourceAsStream("/standards/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema standards/" + path + " in the test resources");
            }
            return DRAFT_6.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}
