package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A charging station for the tests: an OCPP-J client over java.net.http's WebSocket. It answers every
 * {@code SetChargingProfile} CALL with Accepted (and keeps the CALLs), and keeps every frame in and out.
 */
final class OcppTestStation implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> profileCalls = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final AtomicInteger ids = new AtomicInteger();

    private OcppTestStation(HttpClient client, URI uri, String authorization, String subprotocol) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (subprotocol != null) {
            builder.subprotocols(subprotocol);
        }
        socket = builder.buildAsync(uri, this).get(20, TimeUnit.SECONDS);
    }

    /** Connects as a charging station; fails (a WebSocketHandshakeException cause) when the upgrade is refused. */
    static OcppTestStation connect(int port, String stationId, String token, String subprotocol) throws Exception {
        return new OcppTestStation(HttpClient.newHttpClient(), URI.create("ws://localhost:" + port + "/ocpp/"
                + stationId), token == null ? null : "Bearer " + token, subprotocol);
    }

    /** Connects with OCPP security profile 1: HTTP Basic, the station's id and this password. */
    static OcppTestStation connectBasic(int port, String stationId, String user, String password, String subprotocol)
            throws Exception {
        return new OcppTestStation(HttpClient.newHttpClient(), URI.create("ws://localhost:" + port + "/ocpp/"
                + stationId), basic(user, password), subprotocol);
    }

    /** Connects with this client (its TLS settings) to any OCPP-J URI, e.g. wss (security profile 2). */
    static OcppTestStation connect(HttpClient client, URI uri, String authorization, String subprotocol)
            throws Exception {
        return new OcppTestStation(client, uri, authorization, subprotocol);
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a CALL and waits for its answer (a CALLRESULT or CALLERROR frame). */
    JsonNode call(String action, String payload) throws Exception {
        String id = "cs-" + ids.incrementAndGet();
        send("[2,\"" + id + "\",\"" + action + "\"," + payload + "]");
        JsonNode answer = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(answer, "no answer to " + action + " within " + WAIT);
        if (!answer.get(1).asText().equals(id)) {
            throw new AssertionError("answer to another CALL: " + answer);
        }
        return answer;
    }

    /** The next SetChargingProfile CALL the CSMS sent (already answered Accepted). */
    JsonNode nextProfileCall() throws InterruptedException {
        JsonNode call = profileCalls.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(call, "no SetChargingProfile within " + WAIT);
        return call;
    }

    synchronized List<String> transcript() {
        return List.copyOf(transcript);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received(text);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String text) {
        synchronized (this) {
            transcript.add("CSMS → station  " + text);
        }
        try {
            JsonNode frame = JSON.readTree(text);
            if (frame.get(0).asInt() == OcppJ.CALL) {
                if (frame.get(2).asText().equals("SetChargingProfile")) {
                    send("[3,\"" + frame.get(1).asText() + "\",{\"status\":\"Accepted\"}]");
                    profileCalls.add(frame);
                } else {
                    send("[4,\"" + frame.get(1).asText() + "\",\"NotImplemented\",\"\",{}]");
                }
            } else {
                answers.add(frame);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One send at a time (the WebSocket API refuses a send while one is pending). */
    private void send(String text) {
        CompletableFuture.runAsync(() -> {
            synchronized (this) {
                transcript.add("station → CSMS  " + text);
            }
            socket.sendText(text, true).join();
        }, sender).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        sender.shutdownNow();
    }
}
