package io.swapflex.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.testkit.ServiceClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends generated invalid requests to every endpoint of a running service and judges each answer: a 4xx must be
 * {@code application/problem+json} with a body that names the problem (its status, a title, and a detail or field
 * errors); a 5xx, a request that takes longer than the timeout, or a 4xx of another kind is a failure. A 2xx is
 * counted, not failed: a mutation of a valid document may stay valid.
 *
 * <p>The endpoints are read from the service's own OpenAPI document ({@code /q/openapi}), so a new endpoint is fuzzed
 * without anyone adding it here; it must have a {@link FuzzSeeds} profile, or the run refuses to start.
 *
 * <p>Per endpoint: the documents of {@link FuzzDocuments} as the body (for endpoints that take one), bad path values
 * (unknown, huge, traversal, encoded junk), bad query values for each of its query parameters, wrong methods, bodies
 * where none belongs, hostile headers. Seeded: the same seed sends the same requests.
 */
public final class Fuzzer {

    /** An endpoint of the OpenAPI document. */
    public record Endpoint(String method, String path, List<String> queryParams, List<String> pathParams) {
        public String key() {
            return method + " " + path;
        }
    }

    /** What one endpoint's answers were. */
    public static final class Tally {
        public final String endpoint;
        public int documents;
        public int accepted;
        public int clientErrors;
        public int serverErrors;
        public int timeouts;
        public int notProblem;
        /** 414 and 431 with no body: the HTTP codec's own answer to a request line or headers over its limits. */
        public int codec;
        public final Map<Integer, Integer> statuses = new TreeMap<>();
        public final List<String> failures = new ArrayList<>();

        Tally(String endpoint) {
            this.endpoint = endpoint;
        }

        public int failed() {
            return serverErrors + timeouts + notProblem;
        }

        void fail(String what) {
            if (failures.size() < 20) {
                failures.add(what);
            }
        }
    }

    private static final ObjectMapper JSON = ServiceClient.JSON;
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    /** Path values that must not reach anything: unknown, huge, traversal, encoded junk. */
    private static final String[] BAD_PATH_VALUES = {"no-such-thing", "x".repeat(5_000), "..%2F..%2Fetc%2Fpasswd",
            "%00", "%C3%28", "%F0%9F%92%A9", "'%3B%20DROP%20TABLE%20station%3B--", "-1", "0",
            "99999999999999999999999", "1e309", "NaN", "%20", "a%2Fb", "%25", "null", "..", "."};
    /** Query values that are wrong for any parameter the service has. */
    private static final String[] BAD_QUERY_VALUES = {"", "abc", "-1", "0", "1e309", "-1e309", "NaN", "Infinity",
            "99999999999999999999999", "9223372036854775808", "1.5", "%00", "x".repeat(10_000), "2.2",
            "-PT5S", "PT99999999999999999999H", "99999999999d", "1e18m", "9999999999999s", ",,,", "%2C%2C",
            "2026-13-45T99:99:99Z", "W%2F%22abc%22", "%22-5%22"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};

    private final URI base;
    private final ServiceClient http;
    private final Duration timeout;
    private final Function<String, String> tokens;
    private final long seed;

    /**
     * @param base    the service, e.g. {@code http://127.0.0.1:8080}
     * @param tokens  a bearer token for a role ({@code admin}); the fuzzer sends an admin's, so that authorisation
     *                lets the documents through to the code that reads them
     * @param timeout how long one answer may take before it counts as a hang
     */
    public Fuzzer(URI base, Function<String, String> tokens, Duration timeout, long seed) {
        this.base = base;
        this.tokens = tokens;
        this.timeout = timeout;
        this.seed = seed;
        this.http = new ServiceClient(path -> URI.create(base + path), () -> tokens.apply("admin"), timeout,
                Duration.ofSeconds(10));
    }

    /** The endpoints of the service's OpenAPI document (under /api/), sorted by path and method. */
    public List<Endpoint> endpoints() throws IOException, InterruptedException {
        ServiceClient.Answer answer = http.get("/q/openapi?format=json");
        if (answer.status() != 200) {
            throw new IOException("GET /q/openapi answered " + answer.status());
        }
        JsonNode paths = JSON.readTree(answer.body()).path("paths");
        List<Endpoint> out = new ArrayList<>();
        for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            if (!path.startsWith("/api/")) {
                continue;
            }
            JsonNode item = paths.get(path);
            for (String method : METHODS) {
                JsonNode operation = item.get(method.toLowerCase(Locale.ROOT));
                if (operation == null) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                List<String> pathParams = new ArrayList<>();
                for (JsonNode p : operation.path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(p.path("name").asText());
                    } else if ("path".equals(p.path("in").asText())) {
                        pathParams.add(p.path("name").asText());
                    }
                }
                out.add(new Endpoint(method, path, query, pathParams));
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    /**
     * Fuzzes every endpoint.
     *
     * @param perEndpoint documents per endpoint (every endpoint gets the fixed cases at least)
     * @param pathValues  valid values for path parameters ({@code id} → a registered station), so that broken
     *                    bodies reach the code that reads them
     * @throws IllegalStateException naming every endpoint without a {@link FuzzSeeds} profile
     */
    public List<Tally> run(List<Endpoint> endpoints, Map<String, FuzzSeeds.Profile> profiles,
                           Map<String, String> pathValues, int perEndpoint, java.io.PrintStream progress)
            throws InterruptedException {
        List<String> missing = endpoints.stream().map(Endpoint::key).filter(k -> !profiles.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no fuzz profile for " + missing + ": add one to FuzzSeeds");
        }
        List<Tally> tallies = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Random random = new Random(seed * 31 + e.key().hashCode());
            FuzzSeeds.Profile profile = profiles.get(e.key());
            Tally tally = new Tally(e.key());
            boolean takesBody = profile.body() != null;
            for (int n = 0; n < perEndpoint; n++) {
                Case c = takesBody && n % 4 != 3 ? bodyCase(e, profile, pathValues, n - n / 4, random)
                        : requestCase(e, profile, pathValues, random);
                send(c, tally);
            }
            tallies.add(tally);
            if (progress != null) {
                progress.printf("  %-62s %5d documents, %d failed%n", e.key(), tally.documents, tally.failed());
            }
        }
        return tallies;
    }

    /**
     * Makes what the path parameters name: the station is registered (as an admin) and a what-if job, a fleet job and
     * an OpenADR event are submitted from their valid documents, so that requests reach past the lookup of their id.
     *
     * @return the path values: {@code id} and {@code stationId} the station, {@code version} 1, {@code name} base,
     * {@code whatif.id}, {@code fleet-plans.id}, {@code openadr3.id} the jobs' and event's ids
     */
    public Map<String, String> prepare(String station) throws IOException, InterruptedException {
        Map<String, FuzzSeeds.Profile> seeds = FuzzSeeds.profiles(station);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", station);
        values.put("stationId", station);
        values.put("version", "1");
        values.put("name", "base");
        int registered = post("/api/v1/stations", seeds.get("POST /api/v1/stations")).status();
        if (registered != 200 && registered != 201) {
            throw new IOException("cannot register the fuzzer's station " + station + ": " + registered);
        }
        values.put("whatif.id", idOf(post("/api/v1/whatif", seeds.get("POST /api/v1/whatif")), "id"));
        values.put("fleet-plans.id", idOf(post("/api/v1/fleet-plans", seeds.get("POST /api/v1/fleet-plans")), "job", "id"));
        awaitFleetJob(values.get("fleet-plans.id"));
        ServiceClient.Answer event = post("/api/v1/openadr3/events", seeds.get("POST /api/v1/openadr3/events"));
        values.put("openadr3.id", idOf(event, "event", "id"));
        return values;
    }

    /**
     * Waits (up to two minutes) until the fleet job is DONE or FAILED, so that its station plans answer as a finished
     * job's do: a 1 s job on a busy machine was still running when the first caller asked for its plans.
     */
    private void awaitFleetJob(String id) throws IOException, InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            ServiceClient.Answer answer = http.get("/api/v1/fleet-plans/" + id);
            String state = answer.status() == 200 ? JSON.readTree(answer.body()).path("job").path("state").asText()
                    : "";
            if (state.equals("DONE") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the fuzz run's fleet job " + id + " did not finish within two minutes");
    }

    private ServiceClient.Answer post(String path, FuzzSeeds.Profile profile) throws IOException, InterruptedException {
        return http.post(path + query(profile.query()), profile.body());
    }

    private static String idOf(ServiceClient.Answer answer, String... path) throws IOException {
        JsonNode node = JSON.readTree(answer.body());
        for (String p : path) {
            node = node.path(p);
        }
        if (answer.status() >= 300 || !node.isTextual()) {
            throw new IOException("cannot prepare the fuzz run: " + answer.status() + " " + abbreviate(answer.body()));
        }
        return node.asText();
    }

    /** One request to send. */
    record Case(String kind, String method, String pathAndQuery, byte[] body, String contentType,
                Map<String, String> headers) {
    }

    private Case bodyCase(Endpoint e, FuzzSeeds.Profile profile, Map<String, String> values, int n, Random r) {
        FuzzDocuments.Document d = FuzzDocuments.generate(profile.body(), n, r);
        return new Case(d.kind(), e.method(), fill(e.path(), values, null, r) + query(profile.query()), d.body(),
                d.contentType(), Map.of());
    }

    /** A request whose body is fine (or absent) and whose path, query, method or headers are not. */
    private Case requestCase(Endpoint e, FuzzSeeds.Profile profile, Map<String, String> values, Random r) {
        byte[] body = profile.body() == null ? null : profile.body().getBytes(StandardCharsets.UTF_8);
        String type = body == null ? null : "application/json";
        int pick = r.nextInt(6);
        if (pick <= 1 && !e.pathParams().isEmpty()) {
            String bad = e.pathParams().get(r.nextInt(e.pathParams().size()));
            String value = BAD_PATH_VALUES[r.nextInt(BAD_PATH_VALUES.length)];
            return new Case("path " + bad + " = " + abbreviate(value), e.method(),
                    fill(e.path(), values, Map.of(bad, value), r) + query(profile.query()), body, type, Map.of());
        }
        if (pick <= 3 && !e.queryParams().isEmpty()) {
            String bad = e.queryParams().get(r.nextInt(e.queryParams().size()));
            String value = BAD_QUERY_VALUES[r.nextInt(BAD_QUERY_VALUES.length)];
            String q = profile.query().isEmpty() ? "" : profile.query() + "&";
            return new Case("query " + bad + " = " + abbreviate(value), e.method(),
                    fill(e.path(), values, null, r) + "?" + q + bad + "=" + value, body, type, Map.of());
        }
        if (pick == 4) {
            String method = METHODS[r.nextInt(METHODS.length)];
            if (!method.equals(e.method())) {
                return new Case("method " + method, method, fill(e.path(), values, null, r) + query(profile.query()),
                        body, type, Map.of());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[][] hostile = {{"If-Match", "\"not-a-version\""}, {"If-Match", "W/\"99999999999999999999\""},
                {"If-None-Match", "x".repeat(4_000)}, {"Accept", "text/html"}, {"Accept", "application/xml"},
                {"Accept-Encoding", "gzip;q=abc"}, {"If-Match", "\"-1\""}};
        String[] h = hostile[r.nextInt(hostile.length)];
        headers.put(h[0], h[1]);
        byte[] junk = body != null ? body : "{\"unexpected\": true}".getBytes(StandardCharsets.UTF_8);
        return new Case("header " + h[0] + ": " + abbreviate(h[1]), e.method(),
                fill(e.path(), values, null, r) + query(profile.query()), junk, "application/json", headers);
    }

    private static String query(String q) {
        return q == null || q.isEmpty() ? "" : "?" + q;
    }

    /**
     * The path with its parameters filled in: a bad value where asked, else the value for the resource
     * ({@code whatif.id}: a what-if job's id) or for the name ({@code id}: the station).
     */
    private static String fill(String template, Map<String, String> values, Map<String, String> bad, Random r) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        String resource = template.replaceFirst("^/api/v1/", "").split("/")[0];
        while (m.find()) {
            String name = m.group(1);
            String good = values.getOrDefault(resource + "." + name, values.getOrDefault(name, "unknown-" + name));
            String value = bad != null && bad.containsKey(name) ? bad.get(name)
                    : URLEncoder.encode(good, StandardCharsets.UTF_8);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Sends one case and judges its answer into the tally. */
    void send(Case c, Tally tally) throws InterruptedException {
        tally.documents++;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!c.headers().containsKey("Accept")) {
            headers.add(Map.entry("Accept", "application/json"));
        }
        c.headers().forEach((name, value) -> headers.add(Map.entry(name, value)));
        if (c.contentType() != null) {
            headers.add(Map.entry("Content-Type", c.contentType()));
        }
        ServiceClient.Answer answer;
        try {
            answer = http.send(c.method(), c.pathAndQuery(), headers, c.body());
        } catch (IllegalArgumentException e) {
            // The client itself refuses the URI (a raw '%ZZ'): sent as raw bytes is not possible with it; counted as
            // refused before the service, like a proxy would.
            tally.clientErrors++;
            tally.statuses.merge(0, 1, Integer::sum);
            return;
        } catch (HttpTimeoutException e) {
            tally.timeouts++;
            tally.fail("no answer within " + timeout + ": " + c.method() + " " + abbreviate(c.pathAndQuery()) + " ("
                    + c.kind() + ")");
            return;
        } catch (IOException e) {
            // The service closed the connection (e.g. after a 413 it stopped reading an 11 MB body): that is the
            // HTTP layer refusing it, as long as the service answers the next request.
            tally.clientErrors++;
            tally.statuses.merge(-1, 1, Integer::sum);
            return;
        }
        int status = answer.status();
        tally.statuses.merge(status, 1, Integer::sum);
        String what = c.method() + " " + abbreviate(c.pathAndQuery()) + " (" + c.kind() + ")";
        if (status >= 500) {
            boolean notReady = status == 503 && problem(answer, status) == null
                    && answer.header().apply("Retry-After") != null;
            if (notReady) {
                tally.accepted++;
                return;
            }
            tally.serverErrors++;
            tally.fail(status + " for " + what + ": " + abbreviate(answer.body()));
            return;
        }
        if ((status == 414 || status == 431) && answer.body().isEmpty()) {
            tally.codec++;
            return;
        }
        if (status >= 400) {
            String wrong = problem(answer, status);
            if (wrong == null) {
                tally.clientErrors++;
            } else {
                tally.notProblem++;
                tally.fail(status + " for " + what + ": " + wrong);
            }
            return;
        }
        tally.accepted++;
    }

    /** Why the answer is not a problem+json that names the problem, or null when it is one. */
    static String problem(ServiceClient.Answer answer, int status) {
        String type = answer.contentType();
        if (!type.startsWith("application/problem+json")) {
            return "Content-Type '" + type + "', body " + abbreviate(answer.body());
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return "a problem+json body that is not JSON: " + abbreviate(answer.body());
        }
        if (body == null || body.path("status").asInt() != status || body.path("title").asText().isBlank()) {
            return "a problem without its status or title: " + abbreviate(answer.body());
        }
        boolean named = !body.path("detail").asText().isBlank() || body.path("errors").size() > 0;
        return named ? null : "a problem that does not say what is wrong: " + abbreviate(answer.body());
    }

    /** The table: endpoint, documents, 2xx, 4xx, 5xx, timeouts, other answers; and the totals. */
    public static String table(List<Tally> tallies) {
        String format = "%-56s %9s %6s %6s %9s %5s %8s %11s%n";
        String row = "%-56s %9d %6d %6d %9d %5d %8d %11d%n";
        StringBuilder s = new StringBuilder(String.format(format, "endpoint", "documents", "2xx", "4xx",
                "414/431", "5xx", "timeouts", "not-problem"));
        int[] sum = new int[7];
        for (Tally t : tallies) {
            int[] n = {t.documents, t.accepted, t.clientErrors, t.codec, t.serverErrors, t.timeouts, t.notProblem};
            s.append(String.format(row, t.endpoint, n[0], n[1], n[2], n[3], n[4], n[5], n[6]));
            for (int i = 0; i < n.length; i++) {
                sum[i] += n[i];
            }
        }
        s.append(String.format(row,
                "total (" + tallies.size() + " endpoints)", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]));
        return s.toString();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + " chars)" : s;
    }
}
