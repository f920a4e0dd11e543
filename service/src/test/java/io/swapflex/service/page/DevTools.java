package io.swapflex.service.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A headless Chromium driven over the Chrome DevTools protocol (a WebSocket; the JDK's own client): open a page, then
 * evaluate JavaScript in it while it runs, e.g. to watch it follow a change on the server.
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private String session;

    private DevTools(Process process, Path log, WebSocket socket) {
        this.process = process;
        this.log = log;
        this.socket = socket;
    }

    /** Starts the browser (its own profile under workDir) and connects to it. */
    static DevTools launch(Path workDir) throws Exception {
        Path profile = workDir.resolve("profile");
        Path log = workDir.resolve("chromium.log");
        Process process = new ProcessBuilder(Chromium.command(profile, "--remote-debugging-port=0", "about:blank"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Chromium writes the port it chose, and the browser's WebSocket path, into its profile directory.
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("chromium did not open its DevTools port; its log: " + Chromium.tail(log));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(activePort);
        DevTools[] self = new DevTools[1];
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip()),
                        new WebSocket.Listener() {
                            private final StringBuilder frame = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                frame.append(data);
                                if (last) {
                                    self[0].received(frame.toString());
                                    frame.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(30, TimeUnit.SECONDS);
        self[0] = new DevTools(process, log, socket);
        return self[0];
    }

    private void received(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asInt());
                if (answer != null) {
                    answer.complete(node);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private JsonNode call(String method, ObjectNode params, String sessionId) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode node = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        if (node.has("error")) {
            fail(method + " failed: " + node.get("error"));
        }
        return node.get("result");
    }

    /** Opens the URL in a new tab, which later calls evaluate in. */
    void open(String url) throws Exception {
        String target = call("Target.createTarget", JSON.createObjectNode().put("url", url), null)
                .get("targetId").asText();
        session = call("Target.attachToTarget", JSON.createObjectNode().put("targetId", target).put("flatten", true),
                null).get("sessionId").asText();
    }

    /** The value of a JavaScript expression in the page (JSON-able values; promises are awaited). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true), session);
        if (result.has("exceptionDetails")) {
            fail("the page threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Evaluates the expression until the predicate accepts its value; fails with the last value after the patience. */
    JsonNode await(String expression, Predicate<JsonNode> done, Duration patience, String what) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode value = evaluate(expression);
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + patience + ", the page shows " + value);
            }
            Thread.sleep(100);
            value = evaluate(expression);
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
