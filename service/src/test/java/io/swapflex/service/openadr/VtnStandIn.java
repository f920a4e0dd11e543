package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swapflex.service.standards.OpenAdrSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A VTN stand-in for the VEN's tests: an OpenADR 3.0.1 server on the JDK's HTTP server at 127.0.0.1, with
 * {@code POST /auth/token} (client credentials), {@code GET /programs}, {@code GET /events} (by {@code programID},
 * paged), {@code POST /reports} and {@code POST /subscriptions}. Every request and every answer is validated against
 * the operation of the official OpenAPI document it belongs to ({@code standards/openadr3/openadr3-3.0.1.yaml}): the
 * query parameters against their schemas (unknown ones refused), the body against the request body's schema (the
 * token request's form fields as the {@code clientCredentialRequest} object), the answer against the response's
 * schema for its status. What fails is kept in {@link #violations()} (the test asserts it empty) and answered 400.
 * The document lists no 401; this stand-in answers a bad token with 401 and a {@code problem}, and bad client
 * credentials with 401 and an {@code authError} (RFC 6749 §5.2, which the document's authError cites), both checked
 * against those schemas.
 */
final class VtnStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request and its answer, as the VTN saw them. */
    record Exchange(String method, String path, String query, String requestBody, int status, String responseBody) {
        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " → " + status;
        }
    }

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<ObjectNode> programs = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> reports = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean refuseClients;

    VtnStandIn(String clientId, String clientSecret) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/openadr3/3.0.1/", this::handle);
        server.start();
    }

    /** The base URL the VEN is given. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openadr3/3.0.1");
    }

    /** A program as a VTN publishes it (id and times assigned here). */
    ObjectNode addProgram(String id, String programName) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        stamp(p, "PROGRAM");
        p.put("programName", programName);
        validate("program", p);
        programs.add(p);
        return p;
    }

    /** An event as the grid operator publishes it (the id given, times assigned here). */
    ObjectNode addEvent(String id, String eventJson) {
        try {
            ObjectNode e = (ObjectNode) JSON.readTree(eventJson);
            e.put("id", id);
            stamp(e, "EVENT");
            validate("event", e);
            events.add(e);
            return e;
        } catch (IOException ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    /** From now on every client is refused at {@code /auth/token} (401 invalid_client), or no longer. */
    void refuseClients(boolean refuse) {
        refuseClients = refuse;
    }

    /** Forgets every token issued: the VEN's next call with its token gets 401. */
    void revokeTokens() {
        tokens.clear();
    }

    List<ObjectNode> reports() {
        return Collections.unmodifiableList(reports);
    }

    List<ObjectNode> subscriptions() {
        return Collections.unmodifiableList(subscriptions);
    }

    List<Exchange> exchanges() {
        return Collections.unmodifiableList(exchanges);
    }

    List<String> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** Forgets the violations seen (a test that provoked some on purpose). */
    void clearViolations() {
        violations.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath().substring("/openadr3/3.0.1".length());
        String query = x.getRequestURI().getRawQuery();
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int before = violations.size();
        Answer answer;
        String template = template(path);
        JsonNode pathItem = OpenAdrSchemas.document().path("paths").path(template);
        JsonNode operation = pathItem.path(method.toLowerCase());
        if (!template.equals(path) && pathItem.path("parameters").size() > 0) {
            // The path parameter ({subscriptionID}) against its schema.
            JsonNode schema = pathItem.path("parameters").get(0).path("schema");
            note(method + " " + template + " path", OpenAdrSchemas.errorsAgainst(schema,
                    JSON.getNodeFactory().textNode(path.substring(path.lastIndexOf('/') + 1))));
        }
        if (operation.isMissingNode()) {
            violations.add(method + " " + path + ": no such operation in OpenADR 3.0.1");
            answer = new Answer(404, problem(404, "no such operation"));
        } else {
            JsonNode request = checkRequest(method + " " + template, operation, query, body,
                    x.getRequestHeaders().getFirst("Content-Type"));
            answer = violations.size() > before ? new Answer(400, problem(400, String.join("; ",
                    violations.subList(before, violations.size())))) : answer(method, path, query, request,
                    x.getRequestHeaders().getFirst("Authorization"));
            checkResponse(method + " " + template, operation, answer);
        }
        exchanges.add(new Exchange(method, path, query, body, answer.status, answer.body.toString()));
        byte[] bytes = JSON.writeValueAsBytes(answer.body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(answer.status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(String method, String path, String query, JsonNode request, String authorization) {
        if (path.equals("/auth/token")) {
            if (refuseClients || !clientId.equals(request.path("client_id").asText())
                    || !clientSecret.equals(request.path("client_secret").asText())) {
                ObjectNode error = JSON.createObjectNode();
                error.put("error", "invalid_client");
                error.put("error_description", "unknown client or wrong secret");
                return new Answer(401, error);
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            ObjectNode ok = JSON.createObjectNode();
            ok.put("access_token", token);
            ok.put("token_type", "Bearer");
            ok.put("expires_in", 3600);
            return new Answer(200, ok);
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.contains(authorization.substring(7))) {
            return new Answer(401, problem(401, "no valid bearer token"));
        }
        Map<String, String> params = parse(query);
        return switch (method + " " + path) {
            case "GET /programs" -> new Answer(200, page(programs, params));
            case "GET /events" -> new Answer(200, page(events.stream().filter(e -> !params.containsKey("programID")
                    || e.path("programID").asText().equals(params.get("programID"))).toList(), params));
            case "POST /reports" -> {
                ObjectNode report = ((ObjectNode) request).deepCopy();
                report.put("id", "report-" + (reports.size() + 1));
                stamp(report, "REPORT");
                reports.add(report);
                yield new Answer(201, report);
            }
            case "GET /subscriptions" -> new Answer(200, page(subscriptions.stream()
                    .filter(s -> !params.containsKey("programID")
                            || s.path("programID").asText().equals(params.get("programID")))
                    .filter(s -> !params.containsKey("clientName")
                            || s.path("clientName").asText().equals(params.get("clientName"))).toList(), params));
            case "POST /subscriptions" -> {
                ObjectNode subscription = ((ObjectNode) request).deepCopy();
                subscription.put("id", "subscription-" + (subscriptions.size() + 1));
                stamp(subscription, "SUBSCRIPTION");
                subscriptions.add(subscription);
                yield new Answer(201, subscription);
            }
            default -> method.equals("PUT") && path.startsWith("/subscriptions/") ? replace(path, request)
                    : new Answer(403, problem(403, "this stand-in does not " + method + " " + path));
        };
    }

    /** {@code PUT /subscriptions/{id}}: the subscription replaced, keeping its id and creation time. */
    private Answer replace(String path, JsonNode request) {
        String id = path.substring("/subscriptions/".length());
        for (int i = 0; i < subscriptions.size(); i++) {
            ObjectNode old = subscriptions.get(i);
            if (old.path("id").asText().equals(id)) {
                ObjectNode updated = ((ObjectNode) request).deepCopy();
                updated.put("id", id);
                stamp(updated, "SUBSCRIPTION");
                updated.put("createdDateTime", old.path("createdDateTime").asText());
                subscriptions.set(i, updated);
                return new Answer(200, updated);
            }
        }
        return new Answer(404, problem(404, "no subscription " + id));
    }

    /** The document's path template a request path belongs to ({@code /subscriptions/{subscriptionID}}...). */
    private static String template(String path) {
        for (String collection : List.of("programs", "reports", "events", "subscriptions", "vens")) {
            String prefix = "/" + collection + "/";
            if (path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0) {
                return prefix + "{" + collection.substring(0, collection.length() - 1) + "ID}";
            }
        }
        return path;
    }

    /** Query parameters and body against the operation. */
    private JsonNode checkRequest(String what, JsonNode operation, String query, String body, String contentType) {
        Map<String, String> params = parse(query);
        Map<String, JsonNode> declared = new LinkedHashMap<>();
        operation.path("parameters").forEach(p -> declared.put(p.path("name").asText(), p));
        for (Map.Entry<String, String> param : params.entrySet()) {
            JsonNode spec = declared.get(param.getKey());
            if (spec == null) {
                violations.add(what + ": query parameter " + param.getKey() + " is not in the operation");
                continue;
            }
            JsonNode schema = spec.path("schema");
            JsonNode value = schema.path("type").asText().equals("integer") && param.getValue().matches("-?\\d+")
                    ? JSON.getNodeFactory().numberNode(Long.parseLong(param.getValue()))
                    : JSON.getNodeFactory().textNode(param.getValue());
            note(what + " ?" + param.getKey(), OpenAdrSchemas.errorsAgainst(schema, value));
        }
        JsonNode requestBody = operation.path("requestBody");
        if (requestBody.isMissingNode()) {
            if (!body.isEmpty()) {
                violations.add(what + ": a body where the operation has none");
            }
            return null;
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip();
        JsonNode content = requestBody.path("content").path(type);
        if (content.isMissingNode()) {
            violations.add(what + ": Content-Type " + contentType + " is not the operation's");
            return null;
        }
        JsonNode document;
        if (type.equals("application/x-www-form-urlencoded")) {
            ObjectNode form = JSON.createObjectNode();
            parse(body).forEach(form::put);
            document = form;
        } else {
            try {
                document = JSON.readTree(body);
            } catch (IOException e) {
                violations.add(what + ": the body is not JSON");
                return null;
            }
        }
        note(what + " request", OpenAdrSchemas.errorsAgainst(content.path("schema"), document));
        return document;
    }

    private void checkResponse(String what, JsonNode operation, Answer answer) {
        JsonNode response = operation.path("responses").path(String.valueOf(answer.status));
        JsonNode schema;
        if (!response.isMissingNode()) {
            schema = response.path("content").path("application/json").path("schema");
        } else if (answer.status == 401) {
            schema = JSON.createObjectNode().put("$ref", what.endsWith("/auth/token")
                    ? "#/components/schemas/authError" : "#/components/schemas/problem");
        } else {
            violations.add(what + ": status " + answer.status + " is not among the operation's responses");
            return;
        }
        note(what + " answer " + answer.status, OpenAdrSchemas.errorsAgainst(schema, answer.body));
    }

    private void validate(String component, JsonNode document) {
        note(component + " " + document.path("id").asText(), OpenAdrSchemas.errors(component, document));
    }

    private void note(String what, List<String> errors) {
        errors.forEach(e -> violations.add(what + ": " + e));
    }

    private static ArrayNode page(List<ObjectNode> all, Map<String, String> params) {
        int skip = Integer.parseInt(params.getOrDefault("skip", "0"));
        int limit = Integer.parseInt(params.getOrDefault("limit", "50"));
        ArrayNode page = JSON.createArrayNode();
        Iterator<ObjectNode> it = all.stream().skip(skip).limit(limit).iterator();
        it.forEachRemaining(page::add);
        return page;
    }

    private static void stamp(ObjectNode object, String objectType) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        object.put("createdDateTime", now);
        object.put("modificationDateTime", now);
        object.put("objectType", objectType);
    }

    private static JsonNode problem(int status, String detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : status == 404 ? "Not Found"
                : "Bad Request");
        p.put("status", status);
        p.put("detail", detail);
        return p;
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The exchanges as a transcript (method, path, status, the bodies abridged), for a failure message or the docs. */
    String transcript() {
        List<String> lines = new ArrayList<>();
        for (Exchange e : exchanges) {
            lines.add(e + (e.requestBody().isEmpty() ? "" : "\n    sent     " + abridged(e.requestBody()))
                    + "\n    answered " + abridged(e.responseBody()));
        }
        return String.join("\n", lines);
    }

    private static String abridged(String text) {
        return text.length() <= 230 ? text : text.substring(0, 230) + "…";
    }
}
