package io.swapflex.service.openadr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The VEN's HTTP side of an OpenADR 3.0.1 VTN: a bearer token from {@code POST /auth/token} (OAuth 2.0 client
 * credentials, RFC 6749 §4.4, form-encoded as the specification's {@code clientCredentialRequest}), then
 * {@code GET /programs}, {@code GET /events?programID=} (paged with {@code skip} and {@code limit}, at most 50 a page
 * as the specification allows), {@code POST /reports}, and {@code GET}, {@code POST} and {@code PUT} of
 * {@code /subscriptions} with it. A token is reused until
 * a minute before its {@code expires_in}; a 401 from a resource drops it and the call is tried once more with a new
 * one. Every failure is a {@link VtnException} naming the call and what the VTN said.
 */
public final class VtnClient {

    /** The most objects the specification lets a search return at once ({@code limit} ≤ 50). */
    static final int PAGE = 50;
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);
    private static final int MAX_PAGES = 100;

    private final URI base;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant tokenUntil = Instant.MIN;

    /** A VTN answered with an error, or could not be reached. */
    public static final class VtnException extends Exception {
        private final int status;

        VtnException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status, or 0 when there was no answer. */
        public int status() {
            return status;
        }
    }

    /**
     * @param base the VTN's base URL, e.g. {@code https://vtn.example/openadr3/3.0.1} (the paths are appended)
     */
    public VtnClient(URI base, String clientId, String clientSecret, Duration timeout, Clock clock) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** Every program the VTN lists. */
    public List<JsonNode> programs() throws VtnException {
        return search("programs", "");
    }

    /** Every event of the program the VTN lists. */
    public List<JsonNode> events(String programId) throws VtnException {
        return search("events", "programID=" + encode(programId) + "&");
    }

    /** Posts a report; the VTN's answer (the report as it stored it, with its id). */
    public JsonNode postReport(JsonNode report) throws VtnException {
        return send("POST", "reports", report, 201);
    }

    /** Posts a subscription; the VTN's answer (the subscription as it stored it, with its id). */
    public JsonNode postSubscription(JsonNode subscription) throws VtnException {
        return send("POST", "subscriptions", subscription, 201);
    }

    /** The subscriptions the VTN holds for the program under the client name. */
    public List<JsonNode> subscriptions(String programId, String clientName) throws VtnException {
        return search("subscriptions", "programID=" + encode(programId) + "&clientName=" + encode(clientName) + "&");
    }

    /** Replaces a subscription the VTN holds; its answer (the subscription as it stored it). */
    public JsonNode putSubscription(String id, JsonNode subscription) throws VtnException {
        return send("PUT", "subscriptions/" + encode(id), subscription, 200);
    }

    private List<JsonNode> search(String path, String query) throws VtnException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = send("GET", path + "?" + query + "skip=" + all.size() + "&limit=" + PAGE, null, 200);
            if (!answer.isArray()) {
                throw new VtnException("GET " + path + ": the VTN answered " + kind(answer) + ", not an array", 200,
                        null);
            }
            answer.forEach(all::add);
            if (answer.size() < PAGE) {
                return all;
            }
        }
        throw new VtnException("GET " + path + ": more than " + (MAX_PAGES * PAGE) + " objects", 200, null);
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) throws VtnException {
        boolean fresh = ensureToken();
        HttpResponse<String> response = exchange(method, path, body);
        if (response.statusCode() == 401 && !fresh) {
            // The VTN forgot or revoked the token before its time: one more try with a new one.
            token = null;
            ensureToken();
            response = exchange(method, path, body);
        }
        if (response.statusCode() == 401) {
            token = null;
        }
        if (response.statusCode() != expected) {
            throw new VtnException(method + " " + path + ": " + describe(response), response.statusCode(), null);
        }
        return json(method + " " + path, response);
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body) throws VtnException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(OpenAdrService.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return call(method + " " + path, request.build());
    }

    /** @return true when a token was fetched now */
    private boolean ensureToken() throws VtnException {
        if (token != null && clock.instant().isBefore(tokenUntil)) {
            return false;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("auth/token")).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = call("POST auth/token", request);
        if (response.statusCode() != 200) {
            throw new VtnException("POST auth/token (client " + clientId + "): " + describe(response),
                    response.statusCode(), null);
        }
        JsonNode answer = json("POST auth/token", response);
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty() || !"Bearer".equalsIgnoreCase(answer.path("token_type").asText(""))) {
            throw new VtnException("POST auth/token: no Bearer access_token in the answer", 200, null);
        }
        token = accessToken;
        long seconds = answer.path("expires_in").asLong(0);
        tokenUntil = seconds > 0 ? clock.instant().plusSeconds(seconds).minus(TOKEN_MARGIN) : Instant.MAX;
        return true;
    }

    private HttpResponse<String> call(String what, HttpRequest request) throws VtnException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VtnException(what + ": the VTN at " + base + " did not answer (" + e + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VtnException(what + ": interrupted", 0, e);
        }
    }

    private static JsonNode json(String what, HttpResponse<String> response) throws VtnException {
        try {
            return OpenAdrService.JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new VtnException(what + ": the VTN's answer is not JSON: " + e.getOriginalMessage(),
                    response.statusCode(), e);
        }
    }

    /** The status and the VTN's own words (an OpenADR problem's title and detail, or an OAuth error). */
    private static String describe(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        String said = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        try {
            JsonNode json = OpenAdrService.JSON.readTree(body);
            if (json.has("error")) {
                said = json.path("error").asText() + (json.has("error_description")
                        ? ": " + json.path("error_description").asText() : "");
            } else if (json.has("title") || json.has("detail")) {
                said = json.path("title").asText("") + (json.has("detail") ? ": " + json.path("detail").asText() : "");
            }
        } catch (JsonProcessingException | RuntimeException notJson) {
            // the raw text, shortened
        }
        return "HTTP " + response.statusCode() + (said.isEmpty() ? "" : " " + said);
    }

    private static String kind(JsonNode json) {
        return json.isObject() ? "an object" : json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
