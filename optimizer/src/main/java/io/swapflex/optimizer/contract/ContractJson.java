package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads and writes contract v1 documents. Unknown fields are refused (a misspelt limit must not be silently ignored);
 * read errors become {@link InvalidProblemException}s that name the JSON path.
 */
public final class ContractJson {

    /** Parses within the JSON limits in force ({@link ProblemLimits#follow}). */
    private static final ObjectMapper MAPPER = JsonMappers.limited(JsonMappers.contract());

    private ContractJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Problem readProblem(InputStream in) {
        return read(in, Problem.class);
    }

    public static Problem readProblem(String json) {
        return read(json, Problem.class);
    }

    public static Plan readPlan(InputStream in) {
        return read(in, Plan.class);
    }

    public static Plan readPlan(String json) {
        return read(json, Plan.class);
    }

    /** Any document of the project's formats (a fleet, say), read as strictly as a problem. */
    public static <T> T read(InputStream in, Class<T> type) {
        return read(() -> MAPPER.readValue(in, type));
    }

    public static <T> T read(String json, Class<T> type) {
        return read(() -> MAPPER.readValue(json, type));
    }

    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /** One place for what every read does: a null document is empty, Jackson's errors become path-named ones. */
    private static <T> T read(Source<T> source) {
        try {
            T value = source.read();
            if (value == null) {
                throw new InvalidProblemException(List.of("$: empty document"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Source<T> {
        T read() throws IOException;
    }

    private static InvalidProblemException invalid(JsonProcessingException e) {
        InvalidProblemException raw = invalidRaw(e);
        return new InvalidProblemException(raw.errors().stream().map(ProblemLimits::describe).toList());
    }

    private static InvalidProblemException invalidRaw(JsonProcessingException e) {
        // A syntax error met while binding arrives wrapped in a JsonMappingException (with the path reached so far).
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "$";
                return new InvalidProblemException(List.of(path + ": not valid JSON at line "
                        + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ": "
                        + parse.getOriginalMessage()));
            }
        }
        if (e instanceof JsonMappingException mapping) {
            if (mapping instanceof UnrecognizedPropertyException unknown) {
                // The path ends with the unknown field itself: name the object that holds it.
                List<JsonMappingException.Reference> refs = mapping.getPath();
                String holder = path(refs.isEmpty() ? refs : refs.subList(0, refs.size() - 1));
                return new InvalidProblemException(List.of(holder + ": unknown field '" + unknown.getPropertyName() + "'"));
            }
            String path = path(mapping.getPath());
            String message = mapping.getOriginalMessage();
            int cut = message.indexOf(" at [Source");
            return new InvalidProblemException(List.of(path + ": " + (cut > 0 ? message.substring(0, cut) : message)));
        }
        return new InvalidProblemException(List.of("$: " + e.getOriginalMessage()));
    }

    /** Jackson's reference chain as a JSON path like {@code packTypes[1].minSoc}. */
    public static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }
}
