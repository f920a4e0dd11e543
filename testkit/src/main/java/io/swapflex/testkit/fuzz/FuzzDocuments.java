package io.swapflex.testkit.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swapflex.testkit.ServiceClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generated invalid request bodies: broken whole documents (empty, truncated, deeply nested, huge, invalid UTF-8,
 * non-JSON tokens such as NaN) and seeded mutations of a valid document (a field of the wrong type, an extreme
 * number, an unknown or missing field, a huge array or string). Each comes with a kind, so the fuzzer's table can say
 * what was sent. Deterministic for a given {@link Random}.
 */
public final class FuzzDocuments {

    /** A body to send: what it is, its bytes, its Content-Type (null: none). */
    public record Document(String kind, byte[] body, String contentType) {
    }

    /** Bigger than the service's default body limit (quarkus.http.limits.max-body-size, 10 MiB): a 413. */
    public static final int OVER_LIMIT = 11 << 20;
    /** About 10 MB, just inside the default limit: the parser and validator must refuse it, not the HTTP layer. */
    public static final int NEAR_LIMIT = 10_000_000;

    private static final ObjectMapper JSON = ServiceClient.JSON;
    private static final String JSON_TYPE = "application/json";
    /** Raw tokens no JSON writer emits, put in place of a placeholder string. */
    private static final String[] RAW_NUMBERS = {"NaN", "Infinity", "-Infinity", "-0", "1e309", "-1e309", "1e-400",
            "99999999999999999999999999", "-99999999999999999999999999", "0x10", "01", "+1", ".5", "1.", "1e",
            "9".repeat(300), "2147483648", "-2147483649", "9223372036854775808"};
    private static final JsonNode[] WRONG_VALUES = {
            TextNode.valueOf("text"), TextNode.valueOf(""), TextNode.valueOf("NaN"), TextNode.valueOf("Infinity"),
            TextNode.valueOf("-1"), TextNode.valueOf("1e309"), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.numberNode(-1),
            JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(-0.0),
            JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE),
            JsonNodeFactory.instance.numberNode(Integer.MIN_VALUE), JsonNodeFactory.instance.numberNode(Long.MAX_VALUE),
            JsonNodeFactory.instance.numberNode(Long.MIN_VALUE), JsonNodeFactory.instance.numberNode(1e308),
            JsonNodeFactory.instance.numberNode(-1e308), JsonNodeFactory.instance.numberNode(4.9e-324),
            TextNode.valueOf("2026-02-30T25:61:00+99:00"), TextNode.valueOf("\u0000\u0001\u001f"),
            TextNode.valueOf("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e ‮ RTL"), TextNode.valueOf("../../etc/passwd"),
            TextNode.valueOf("'; DROP TABLE station; --"), TextNode.valueOf("x".repeat(201)),
            TextNode.valueOf("PT99999999999999999999H"), TextNode.valueOf("P9999999999D"),
            TextNode.valueOf("P-1D"), TextNode.valueOf("-PT1H")};

    private FuzzDocuments() {
    }

    /**
     * The n-th document for an endpoint.
     *
     * @param seed the endpoint's valid body, or null when it takes none (then the documents are bodies it must refuse
     *             or ignore)
     */
    public static Document generate(String seed, int n, Random random) {
        // The first cases are the fixed ones (every endpoint gets each once), then seeded mutations and random picks.
        List<Fixed> fixed = Arrays.asList(Fixed.values());
        if (n < fixed.size()) {
            return fixed.get(n).make(seed, random);
        }
        if (seed != null && random.nextInt(10) < 7) {
            return mutate(seed, random);
        }
        return fixed.get(random.nextInt(fixed.size())).make(seed, random);
    }

    /** The fixed cases: broken documents as a whole. */
    private enum Fixed {
        EMPTY {
            Document make(String seed, Random r) {
                return new Document("empty body", new byte[0], JSON_TYPE);
            }
        },
        BLANK {
            Document make(String seed, Random r) {
                return doc("blank body", " \n\t ");
            }
        },
        NULL {
            Document make(String seed, Random r) {
                return doc("null", "null");
            }
        },
        SCALARS {
            Document make(String seed, Random r) {
                String[] scalars = {"true", "42", "-0", "\"text\"", "[]", "{}", "[{}]", "[null]", "1e309", "NaN"};
                return doc("top-level scalar or array", scalars[r.nextInt(scalars.length)]);
            }
        },
        TRUNCATED {
            Document make(String seed, Random r) {
                String text = seed == null ? "{\"a\": [1, 2, {\"b\": \"c\"}]}" : seed;
                return doc("truncated JSON", text.substring(0, 1 + r.nextInt(Math.max(1, text.length() - 1))));
            }
        },
        DEEP_ARRAYS {
            Document make(String seed, Random r) {
                return doc("100,000 nested arrays", "[".repeat(100_000) + "]".repeat(100_000));
            }
        },
        DEEP_OBJECTS {
            Document make(String seed, Random r) {
                return doc("50,000 nested objects", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
            }
        },
        DEEP_IN_FIELD {
            Document make(String seed, Random r) {
                return placeIn(seed, r, "[".repeat(20_000) + "]".repeat(20_000), "20,000 nested arrays in a field");
            }
        },
        UNCLOSED_DEEP {
            Document make(String seed, Random r) {
                return doc("1,000,000 unclosed arrays", "[".repeat(1_000_000));
            }
        },
        HUGE_ARRAY {
            Document make(String seed, Random r) {
                StringBuilder s = new StringBuilder(2_100_000).append('[');
                for (int i = 0; i < 1_000_000; i++) {
                    s.append(i == 0 ? "" : ",").append('0');
                }
                return placeIn(seed, r, s.append(']').toString(), "an array of 1,000,000 numbers in a field");
            }
        },
        HUGE_OBJECT_ARRAY {
            Document make(String seed, Random r) {
                StringBuilder s = new StringBuilder(3_000_000).append('[');
                for (int i = 0; i < 100_000; i++) {
                    s.append(i == 0 ? "" : ",").append("{\"id\":\"b").append(i).append("\"}");
                }
                return placeIn(seed, r, s.append(']').toString(), "an array of 100,000 objects in a field");
            }
        },
        TEN_MB_STRING {
            Document make(String seed, Random r) {
                return doc("a 10 MB string", "{\"stationId\": \"" + "x".repeat(NEAR_LIMIT - 20) + "\"}");
            }
        },
        TEN_MB_WHITESPACE {
            Document make(String seed, Random r) {
                String body = seed == null ? "{}" : seed;
                return doc("a valid document padded to 10 MB", " ".repeat(NEAR_LIMIT - body.length()) + body);
            }
        },
        OVER_BODY_LIMIT {
            Document make(String seed, Random r) {
                byte[] body = new byte[OVER_LIMIT];
                Arrays.fill(body, (byte) '[');
                return new Document("an 11 MB body (over the limit)", body, JSON_TYPE);
            }
        },
        LONG_NUMBER {
            Document make(String seed, Random r) {
                return placeIn(seed, r, "1" + "0".repeat(5_000), "a 5,000-digit number in a field");
            }
        },
        INVALID_UTF8 {
            Document make(String seed, Random r) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] head = "{\"stationId\": \"".getBytes(StandardCharsets.UTF_8);
                out.write(head, 0, head.length);
                byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {0}};
                byte[] b = bad[r.nextInt(bad.length)];
                out.write(b, 0, b.length);
                byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
                out.write(tail, 0, tail.length);
                return new Document("invalid UTF-8", out.toByteArray(), JSON_TYPE);
            }
        },
        BOM_AND_COMMENTS {
            Document make(String seed, Random r) {
                String body = seed == null ? "{}" : seed;
                String[] variants = {"\uFEFF" + body, "/* c */" + body, body + " // c", body + " trailing",
                        body + body, body.replace('"', '\''), body.replaceFirst(":", "::")};
                return doc("BOM, comments, trailing text or single quotes", variants[r.nextInt(variants.length)]);
            }
        },
        RAW_NUMBER {
            Document make(String seed, Random r) {
                String raw = RAW_NUMBERS[r.nextInt(RAW_NUMBERS.length)];
                return placeIn(seed, r, raw, "number token " + (raw.length() > 20 ? raw.substring(0, 20) + "…" : raw));
            }
        },
        WRONG_CONTENT_TYPE {
            Document make(String seed, Random r) {
                String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=ebcdic", "*/*", "garbage"};
                return new Document("Content-Type " + types[r.nextInt(types.length)],
                        bytes(seed == null ? "{}" : seed), types[r.nextInt(types.length)]);
            }
        },
        NO_CONTENT_TYPE {
            Document make(String seed, Random r) {
                return new Document("no Content-Type", bytes(seed == null ? "{}" : seed), null);
            }
        },
        DUPLICATE_KEYS {
            Document make(String seed, Random r) {
                String body = seed == null ? "{\"a\": 1}" : seed;
                int brace = body.indexOf('{');
                String first = body.substring(brace + 1).split(",", 2)[0];
                return doc("a duplicate key", "{" + first + ", " + body.substring(brace + 1));
            }
        },
        CONTROL_CHARACTERS {
            Document make(String seed, Random r) {
                return doc("raw control characters", "{\"stationId\": \"a\u0000b\u0007\nc\"}");
            }
        },
        LONG_KEY {
            Document make(String seed, Random r) {
                return doc("a 100,000-character field name", "{\"" + "k".repeat(100_000) + "\": 1}");
            }
        };

        abstract Document make(String seed, Random r);
    }

    /** 1 to 3 mutations of the valid document's tree. */
    static Document mutate(String seed, Random r) {
        JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a seed document is not JSON", e);
        }
        int count = 1 + r.nextInt(3);
        List<String> kinds = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(r.nextInt(slots.size()));
            kinds.add(apply(slot, r, raws));
        }
        // The mutations may compound (copies of a value a mutation made long): a document beyond twice the body
        // limit is cut back to the first mutation's kind only, as a long string in place of the whole.
        if (weight(root, 2 * FuzzDocuments.NEAR_LIMIT) > 2 * FuzzDocuments.NEAR_LIMIT) {
            return doc("mutation: " + kinds.get(0) + " (compounded past 20 MB, sent as an 11 MB string)",
                    "\"" + "m".repeat(FuzzDocuments.OVER_LIMIT) + "\"");
        }
        String text = root.toString();
        for (int i = 0; i < raws.size(); i++) {
            text = text.replace("\"__raw" + i + "__\"", raws.get(i));
        }
        return doc("mutation: " + String.join(", ", kinds), text);
    }

    /** Where a value sits: its parent and its name or index. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                out.add(new Slot(node, name, -1));
                collect(node.get(name), out);
            });
        } else if (node.isArray()) {
            // Arrays of numbers (prices, demand) would crowd out the rest: a few of their entries stand for all.
            for (int i = 0; i < node.size(); i += node.size() > 8 ? node.size() / 4 : 1) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static String apply(Slot slot, Random r, List<String> raws) {
        String at = slot.field != null ? slot.field : "[" + slot.index + "]";
        switch (r.nextInt(9)) {
            case 0, 1 -> {
                JsonNode wrong = WRONG_VALUES[r.nextInt(WRONG_VALUES.length)];
                slot.set(wrong.deepCopy());
                return at + " := " + abbreviate(wrong.toString());
            }
            case 2 -> {
                String raw = RAW_NUMBERS[r.nextInt(RAW_NUMBERS.length)];
                slot.set(TextNode.valueOf("__raw" + raws.size() + "__"));
                raws.add(raw);
                return at + " := " + abbreviate(raw);
            }
            case 3 -> {
                if (slot.field != null) {
                    ((ObjectNode) slot.parent).remove(slot.field);
                    return at + " removed";
                }
                ((ArrayNode) slot.parent).remove(slot.index);
                return at + " removed";
            }
            case 4 -> {
                if (slot.parent.isObject()) {
                    ((ObjectNode) slot.parent).put("unknownField" + r.nextInt(100), r.nextInt(1000));
                    return "unknown field beside " + at;
                }
                if (weight(slot.value(), 100_000) > 100_000) {
                    ((ArrayNode) slot.parent).add(JsonNodeFactory.instance.nullNode());
                    return "null appended beside " + at;
                }
                ((ArrayNode) slot.parent).add(slot.value().deepCopy());
                return at + " repeated";
            }
            case 5 -> {
                ArrayNode huge = JsonNodeFactory.instance.arrayNode();
                // Copies of a small value only: copies of a copy of a huge array would outgrow any body.
                JsonNode copy = weight(slot.value(), 2_000) <= 2_000 ? slot.value()
                        : JsonNodeFactory.instance.numberNode(0);
                int n = 20_000 + r.nextInt(100_000);
                for (int i = 0; i < n; i++) {
                    huge.add(copy.deepCopy());
                }
                slot.set(huge);
                return at + " := an array of " + n + " copies";
            }
            case 6 -> {
                int n = r.nextBoolean() ? 300 : 200_000;
                slot.set(TextNode.valueOf("s".repeat(n)));
                return at + " := a string of " + n + " characters";
            }
            case 7 -> {
                JsonNode v = slot.value();
                if (v.isNumber()) {
                    double[] extremes = {-v.asDouble(), v.asDouble() * 1e12, -1e-9, 1e15, -1e15};
                    double x = extremes[r.nextInt(extremes.length)];
                    slot.set(JsonNodeFactory.instance.numberNode(x));
                    return at + " := " + x;
                }
                slot.set(JsonNodeFactory.instance.numberNode(r.nextInt(2) == 0 ? -1 : 1_000_000_000));
                return at + " := a number";
            }
            default -> {
                JsonNode deep = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < 200; i++) {
                    ArrayNode outer = JsonNodeFactory.instance.arrayNode();
                    outer.add(deep);
                    deep = outer;
                }
                slot.set(deep);
                return at + " := 200 nested arrays";
            }
        }
    }

    /** About how many characters the tree writes as (nodes and text), counted up to just over the budget. */
    private static int weight(JsonNode n, int budget) {
        int count = 1 + (n.isTextual() ? n.asText().length() : 0);
        for (JsonNode child : n) {
            if (count > budget) {
                break;
            }
            count += weight(child, budget - count);
        }
        return count;
    }

    /** The valid document with one of its values replaced by raw JSON text (or that text alone without a seed). */
    private static Document placeIn(String seed, Random r, String raw, String kind) {
        if (seed == null) {
            return doc(kind, "{\"value\": " + raw + "}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(seed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a seed document is not JSON", e);
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        slots.get(r.nextInt(slots.size())).set(TextNode.valueOf("__raw0__"));
        return doc(kind, root.toString().replace("\"__raw0__\"", raw));
    }

    private static Document doc(String kind, String text) {
        return new Document(kind, bytes(text), JSON_TYPE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "…" : s;
    }
}
