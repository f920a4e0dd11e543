package io.swapflex.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.contract.JsonMappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one HTTP client of the tests, the harnesses and the fuzzers: the service's REST API with a bearer token, JSON in
 * and out, a timeout on every call, HTTP/1.1 as the service speaks it. The load generator alone keeps its own raw
 * connection ({@code tools.load.HttpConnection}): at thousands of requests a second the JDK client cost more CPU than
 * the service it measured.
 */
public final class ServiceClient {

    /** The one mapper of the harnesses and the fuzzers: plain JSON as the service writes it. */
    public static final ObjectMapper JSON = JsonMappers.base().build();

    /** One answer: status, the header lookup and the body. */
    public record Answer(int status, String body, Function<String, String> header, long millis) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        public String contentType() {
            String type = header.apply("Content-Type");
            return type == null ? "" : type;
        }
    }

    private final HttpClient http;
    private final Function<String, URI> base;
    private final Supplier<String> token;
    private final Duration timeout;

    /**
     * @param base    the URI of a path on the service ({@link ServiceProcess#uri(String)}); the harness points it at the
     *                running instance
     * @param timeout the longest a call may take: a call that hangs fails with {@link java.net.http.HttpTimeoutException}
     */
    public ServiceClient(Function<String, URI> base, String token, Duration timeout) {
        this(base, () -> token, timeout, Duration.ofSeconds(2));
    }

    /**
     * @param token          a bearer token for each call (null: none is sent)
     * @param connectTimeout the longest a connection may take to open
     */
    public ServiceClient(Function<String, URI> base, Supplier<String> token, Duration timeout,
                         Duration connectTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** A client of the service without a token (health checks). */
    public static ServiceClient anonymous(Function<String, URI> base, Duration timeout) {
        return new ServiceClient(base, () -> null, timeout, Duration.ofSeconds(2));
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Any request as given, for the fuzzers: the method, the path with its query, the headers after the token's (in
     * their order, a name given twice sent twice) and the body (null: none).
     *
     * @throws IllegalArgumentException when the JDK's client refuses the URI or a header (a raw {@code %ZZ})
     * @throws java.net.http.HttpTimeoutException when no answer came within the timeout
     */
    public Answer send(String method, String path, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        headers.forEach(h -> request.header(h.getKey(), h.getValue()));
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.apply(path)).timeout(timeout);
        String bearer = token.get();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                name -> response.headers().firstValue(name).orElse(null),
                (System.nanoTime() - started) / 1_000_000);
    }
}
