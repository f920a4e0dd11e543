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
import java.util.function.Function;

/** The service's REST API as the harnesses call it: a bearer token, JSON in and out, a timeout on every call. */
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
    private final String token;
    private final Duration timeout;

    /**
     * @param base    the URI of a path on the service ({@link ServiceProcess#uri(String)}); the harness points it at the
     *                running instance
     * @param timeout the longest a call may take: a call that hangs fails with {@link java.net.http.HttpTimeoutException}
     */
    public ServiceClient(Function<String, URI> base, String token, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.apply(path)).header("Authorization", "Bearer " + token).timeout(timeout);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(),
                name -> response.headers().firstValue(name).orElse(null),
                (System.nanoTime() - started) / 1_000_000);
    }
}
