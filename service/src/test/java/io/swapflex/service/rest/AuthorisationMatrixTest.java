package io.swapflex.service.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.swapflex.service.plan.Replanner;
import io.swapflex.testkit.fuzz.FuzzSeeds;
import io.swapflex.testkit.fuzz.Fuzzer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorisation matrix: every endpoint (the JAX-RS resource classes, the OCPP-J upgrade and the metrics) × every
 * caller — admin, operator, analyst, a station token on its own station ({@code own}) and on another ({@code other}),
 * a validly signed token with no role ({@code norole}) — and bad tokens (missing, expired, forged with another key,
 * another issuer, unsigned {@code alg: none}, garbage). Each cell's expected answer is written below; a request goes
 * out for every cell and its answer is compared: {@code ok} means neither 401 nor 403 (the request reached the
 * endpoint: 2xx, or 400/404/409/429/503 for its own reasons), {@code 403} and {@code 401} mean exactly that.
 */
@QuarkusTest
class AuthorisationMatrixTest {

    /**
     * The expected answers. Columns: admin, operator, analyst, own, other, norole, bad (every bad token). A station
     * token's rights hold on its own station only; endpoints that name no station ({@code /plans/solve}) treat own
     * and other alike. {@code /api/v1/dev/token} is public to loopback clients (it hands out a read-only token while
     * the installation's own key is in use); the VEN's notification callback checks its subscription's own bearer
     * token, not the service's (404 here: no VTN is configured in tests).
     */
    static final String MATRIX = """
            endpoint                                                  admin operator analyst own other norole bad
            GET /api/v1/dispatch-requests                             ok    ok       ok      403 403   403    401
            POST /api/v1/dispatch-requests                            ok    ok       403     403 403   403    401
            GET /api/v1/dispatch-requests/{id}                        ok    ok       ok      403 403   403    401
            GET /api/v1/fleet-plans                                   ok    ok       ok      403 403   403    401
            POST /api/v1/fleet-plans                                  ok    ok       ok      403 403   403    401
            GET /api/v1/fleet-plans/{id}                              ok    ok       ok      403 403   403    401
            GET /api/v1/fleet-plans/{id}/stations/{stationId}/plan    ok    ok       ok      403 403   403    401
            GET /api/v1/flexibility                                   ok    ok       ok      403 403   403    401
            GET /api/v1/openadr3/events                               ok    ok       ok      403 403   403    401
            POST /api/v1/openadr3/events                              ok    ok       403     403 403   403    401
            GET /api/v1/openadr3/events/{id}                          ok    ok       ok      403 403   403    401
            GET /api/v1/openadr3/reports                              ok    ok       ok      403 403   403    401
            GET /api/v1/openadr3/ven                                  ok    ok       ok      403 403   403    401
            POST /api/v1/openadr3/ven/notifications                   ok    ok       ok      ok  ok    ok     ok
            POST /api/v1/plans/solve                                  ok    ok       ok      ok  ok    403    401
            GET /api/v1/stations                                      ok    ok       ok      ok  ok    403    401
            POST /api/v1/stations                                     ok    ok       403     ok  403   403    401
            GET /api/v1/stations/{id}                                 ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/events                          ok    ok       ok      ok  403   403    401
            POST /api/v1/stations/{id}/events                         ok    ok       403     ok  403   403    401
            GET /api/v1/stations/{id}/flexibility                     ok    ok       ok      403 403   403    401
            GET /api/v1/stations/{id}/forecast                        ok    ok       ok      ok  403   403    401
            PUT /api/v1/stations/{id}/forecast                        ok    ok       ok      ok  403   403    401
            POST /api/v1/stations/{id}/forecast/compute               ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/forecast/versions               ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/ocpp/charging-profiles          ok    ok       ok      ok  403   403    401
            POST /api/v1/stations/{id}/ocpp/battery-swap              ok    ok       403     ok  403   403    401
            GET /api/v1/stations/{id}/ocpp/sessions                   ok    ok       403     ok  403   403    401
            PUT /api/v1/stations/{id}/ocpp/credentials                ok    ok       403     403 403   403    401
            GET /api/v1/stations/{id}/plan                            ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/plans                           ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/plans/{version}/problem         ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/registration                    ok    ok       ok      ok  403   403    401
            GET /api/v1/stations/{id}/schedule                        ok    ok       ok      ok  403   403    401
            GET /api/v1/whatif                                        ok    ok       ok      403 403   403    401
            POST /api/v1/whatif                                       ok    ok       ok      403 403   403    401
            GET /api/v1/whatif/{id}                                   ok    ok       ok      403 403   403    401
            GET /api/v1/whatif/{id}/scenarios/{name}/plan             ok    ok       ok      403 403   403    401
            GET /api/v1/whatif/{id}/scenarios/{name}/problem          ok    ok       ok      403 403   403    401
            POST /api/v1/dev/token                                    ok    ok       ok      ok  ok    ok     ok
            GET /q/metrics                                            ok    ok       ok      ok  ok    ok     401
            WS /ocpp/{stationId}                                      ok    ok       403     ok  403   403    401
            """;

    static final List<String> CALLERS = List.of("admin", "operator", "analyst", "own", "other", "norole");
    static final List<String> BAD_TOKENS = List.of("missing", "expired", "forged", "wrong-issuer", "unsigned",
            "garbage");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    @TestHTTPResource("/")
    URL url;

    @Inject
    Replanner replanner;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyEndpointTimesEveryCallerAnswersAsTheMatrixSays() throws Exception {
        Map<String, String[]> expected = parse(MATRIX);
        Set<String> rows = new TreeSet<>(expected.keySet());
        Set<String> endpoints = new TreeSet<>(ResourceMethods.all());
        endpoints.add("GET /q/metrics");
        endpoints.add("WS /ocpp/{stationId}");
        assertEquals(endpoints, rows, "the matrix must have a row for every endpoint (and only those)");

        String mine = Api.register(Api.futureDemo("authz-own"), replanner);
        String other = Api.register(Api.futureDemo("authz-other"), replanner);
        URI base = URI.create(url.toString().replaceAll("/$", ""));
        Map<String, String> values = new Fuzzer(base, Api::token, Duration.ofSeconds(30), 1).prepare(mine);
        Map<String, String> tokens = tokens(mine, other);

        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<String, String[]> row : expected.entrySet()) {
            String endpoint = row.getKey();
            for (int c = 0; c < CALLERS.size() + BAD_TOKENS.size(); c++) {
                String caller = c < CALLERS.size() ? CALLERS.get(c) : BAD_TOKENS.get(c - CALLERS.size());
                String want = row.getValue()[Math.min(c, CALLERS.size())];
                // Every request names "mine": the own station token names it too, the other one names "other".
                String station = mine;
                int status = endpoint.startsWith("WS ") ? upgrade(base, mine, tokens.get(caller))
                        : request(base, endpoint, station, values, tokens.get(caller));
                cells++;
                boolean asExpected = switch (want) {
                    case "ok" -> status != 401 && status != 403 && status < 500;
                    default -> status == Integer.parseInt(want);
                };
                if (!asExpected) {
                    wrong.add(endpoint + " as " + caller + ": expected " + want + ", got " + status);
                }
            }
        }
        System.out.printf("authorisation matrix: %d endpoints × %d callers = %d cells checked, %d as expected%n",
                expected.size(), CALLERS.size() + BAD_TOKENS.size(), cells, cells - wrong.size());
        assertTrue(wrong.isEmpty(), wrong.size() + " cells differ from the matrix:\n" + String.join("\n", wrong));
    }

    /** The matrix's rows: endpoint → the seven expected answers. */
    static Map<String, String[]> parse(String matrix) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : matrix.strip().split("\n")) {
            if (line.startsWith("endpoint")) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            String endpoint = parts[0] + " " + parts[1];
            String[] cells = java.util.Arrays.copyOfRange(parts, 2, parts.length);
            if (cells.length != CALLERS.size() + 1) {
                throw new IllegalArgumentException("a matrix row needs " + (CALLERS.size() + 1) + " cells: " + line);
            }
            rows.put(endpoint, cells);
        }
        return rows;
    }

    /** The status of the endpoint's request with this bearer token (null: no Authorization header). */
    private int request(URI base, String endpoint, String station, Map<String, String> values, String token)
            throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String template = endpoint.substring(endpoint.indexOf(' ') + 1);
        FuzzSeeds.Profile profile = FuzzSeeds.profiles(station).getOrDefault(endpoint, new FuzzSeeds.Profile(null, ""));
        String resource = template.replaceFirst("^/api/v1/", "").split("/")[0];
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("id") && resource.equals("stations") || name.equals("stationId") ? station
                    : values.getOrDefault(resource + "." + name, values.getOrDefault(name, "x"));
            m.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(path);
        String query = profile.query().isEmpty() ? "" : "?" + profile.query();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.toString() + query))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (profile.body() != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, profile.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(profile.body()));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The status of an OCPP-J upgrade to the station with this token: 101 when it opens. */
    private int upgrade(URI base, String station, String token) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols("ocpp2.1").connectTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create(base.toString().replace("http", "ws") + "/ocpp/" + station),
                    new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** A token per caller and bad kind; "missing" maps to null (no header). */
    private static Map<String, String> tokens(String mine, String other) throws Exception {
        PrivateKey dev = Api.signingKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("admin", Api.token("admin"));
        t.put("operator", Api.token("operator"));
        t.put("analyst", Api.token("analyst"));
        t.put("own", Api.stationToken(mine));
        // Another registered station's token, used on "mine": a station token on a station it does not name.
        t.put("other", Api.stationToken(other));
        t.put("norole", Jwt.issuer("swapflex-dev").subject("nobody").expiresIn(Duration.ofMinutes(10)).jws().sign(dev));
        t.put("missing", null);
        t.put("expired", Jwt.issuer("swapflex-dev").subject("late").groups("admin")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).jws().sign(dev));
        t.put("forged", Jwt.issuer("swapflex-dev").subject("mallory").groups("admin")
                .expiresIn(Duration.ofMinutes(10)).jws().sign(foreign));
        t.put("wrong-issuer", Jwt.issuer("someone-else").subject("eve").groups("admin")
                .expiresIn(Duration.ofMinutes(10)).jws().sign(dev));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        t.put("unsigned", b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"swapflex-dev\",\"sub\":\"x\",\"groups\":[\"admin\"],\"exp\":" + exp
                + "}").getBytes(StandardCharsets.UTF_8)) + ".");
        t.put("garbage", "not-a-jwt");
        return t;
    }
}
