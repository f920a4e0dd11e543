package io.swapflex.service.standards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates documents against the component schemas of the OpenADR 3.0.1 OpenAPI document
 * ({@code src/test/resources/standards/openadr3/openadr3-3.0.1.yaml}, unmodified; attribution in SOURCE.md).
 *
 * <p>How, and why so: the OpenAPI document is not a JSON Schema. A component is validated through a wrapper schema
 * {@code {"$ref": "#/components/schemas/event", "components": <the document's components>}}, so every {@code $ref}
 * inside resolves against the wrapper; asking the validator for a fragment location of the document itself silently
 * validates against the document's root (see standards/SOURCE.md). The schemas are OpenAPI 3.0 Schema Objects, a
 * draft-04 dialect with extra keywords ({@code nullable}, {@code example}, {@code discriminator}...): they are read with
 * the validator's OpenAPI 3.0 dialect, which knows those keywords (nullable allows null; the others are annotations), and
 * with format assertions on, so {@code date-time} is checked. YAML is read with jackson-dataformat-yaml, which
 * json-schema-validator already brings onto the test classpath.
 */
public final class OpenAdrSchemas {

    private static final String SPEC = "/standards/openadr3/openadr3-3.0.1.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, Schema> INLINE = new ConcurrentHashMap<>();
    private static volatile JsonNode components;
    private static volatile JsonNode document;

    private OpenAdrSchemas() {
    }

    /** The errors of a document against a component schema ({@code event}, {@code report}...); empty when valid. */
    public static List<String> errors(String component, JsonNode document) {
        List<Error> errors = schema(component).validate(document);
        return errors.stream().map(Error::toString).toList();
    }

    public static List<String> errors(String component, String json) {
        try {
            return errors(component, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors of a document against a schema object of the OpenAPI document itself (a path's request or response
     * schema, e.g. {@code {"type": "array", "items": {"$ref": "#/components/schemas/event"}}}), its {@code $ref}s
     * resolved against the document's components; empty when valid.
     */
    public static List<String> errorsAgainst(JsonNode schemaObject, JsonNode document) {
        Schema schema = INLINE.computeIfAbsent(schemaObject.toString(), key -> {
            ObjectNode wrapper = schemaObject.deepCopy();
            wrapper.set("components", components());
            return registry().getSchema(wrapper);
        });
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    /** The whole OpenAPI document (paths, components), as read. */
    public static JsonNode document() {
        components();
        return document;
    }

    private static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                builder -> builder.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).build()));
    }

    private static Schema schema(String component) {
        return SCHEMAS.computeIfAbsent(component, name -> {
            JsonNode all = components();
            if (!all.path("schemas").has(name)) {
                throw new IllegalArgumentException("OpenADR 3.0.1 has no component schema '" + name + "'");
            }
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$ref", "#/components/schemas/" + name);
            wrapper.set("components", all);
            return registry().getSchema(wrapper);
        });
    }

    private static JsonNode components() {
        if (components == null) {
            try (InputStream in = OpenAdrSchemas.class.getResourceAsStream(SPEC)) {
                if (in == null) {
                    throw new IllegalStateException(SPEC + " is not on the test classpath");
                }
                document = new YAMLMapper().readTree(in);
                components = document.get("components");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return components;
    }
}
