package io.swapflex.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.testkit.ServiceClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Malformed OCPP-J frames to the CSMS endpoint {@code ws://…/ocpp/{station}}: not JSON, wrong frame shapes, unknown
 * message types and actions, ids too long, deep nesting, non-JSON number tokens, mutated {@code BatterySwap} and
 * {@code BootNotification} payloads, binary frames, and frames over the size limit. Every text frame within the size
 * limit must be answered by one CALLRESULT or CALLERROR; a frame over it may close the connection (then the fuzzer
 * connects again); after the run a {@code Heartbeat} must still be answered.
 */
public final class OcppFuzzer {

    /** What the frames got. */
    public static final class Tally {
        public int frames;
        public int results;
        public int errors;
        public int closedOversize;
        public int binary;
        public int unanswered;
        /** CALLRESULTs and CALLERRORs sent to the CSMS: OCPP-J answers them with nothing. */
        public int silent;
        public int reconnects;
        public final List<String> failures = new ArrayList<>();

        public int failed() {
            return unanswered + failures.size();
        }
    }

    private static final ObjectMapper JSON = ServiceClient.JSON;
    private static final String SWAP = """
            {"eventType": "BatteryOutTimeout", "requestId": 21, "idToken": {"idToken": "rider-9", "type": "Central"},
             "batteryData": [{"evseId": 1, "serialNumber": "PK-0001", "soC": 96, "soH": 98.5}]}""";
    private static final String BOOT = """
            {"reason": "PowerUp", "chargingStation": {"model": "SwapCab-3", "vendorName": "Acme"}}""";
    /** Frames over the server's message limit (quarkus.websockets-next.server.max-message-size). */
    public static final int OVERSIZE = 300_000;

    private final URI endpoint;
    private final String token;
    private final Duration timeout;
    private final long seed;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param endpoint {@code ws://host:port/ocpp/{station}}; token: a bearer token that may connect there */
    public OcppFuzzer(URI endpoint, String token, Duration timeout, long seed) {
        this.endpoint = endpoint;
        this.token = token;
        this.timeout = timeout;
        this.seed = seed;
    }

    /** Sends this many frames, judging each answer; ends with a Heartbeat that must be answered. */
    public Tally run(int count) throws Exception {
        Random r = new Random(seed);
        Tally tally = new Tally();
        Session s = connect();
        for (int n = 0; n < count; n++) {
            Frame f = frame(n, r);
            tally.frames++;
            if (f.binary) {
                tally.binary++;
                s.socket.sendBinary(ByteBuffer.wrap(f.text.getBytes()), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                continue;
            }
            try {
                s.socket.sendText(f.text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                if (f.text.length() > 65_536) {
                    // The service closed the socket (1009) while an oversized frame was still being written.
                    tally.closedOversize++;
                } else {
                    tally.failures.add("cannot send " + f.kind + ": " + e);
                }
                s = reconnect(s, tally);
                continue;
            }
            // A CALLRESULT or CALLERROR (type 3 or 4) is not answered in OCPP-J: a short wait, and silence is right.
            boolean needsAnswer = !f.text.matches("(?s)^\\[\\s*[34]\\s*,\\s*\".*");
            String answer = s.answer(needsAnswer ? timeout : Duration.ofMillis(300));
            if (answer == null && !needsAnswer && !s.closed.isDone()) {
                tally.silent++;
                continue;
            }
            if (answer == null) {
                if (s.closed.isDone() && f.text.length() > 65_536) {
                    tally.closedOversize++;
                } else {
                    tally.unanswered++;
                    if (tally.failures.size() < 20) {
                        tally.failures.add("no answer to " + f.kind + (s.closed.isDone() ? " (closed "
                                + s.closed.getNow(null) + ")" : ""));
                    }
                }
                if (s.closed.isDone()) {
                    s = reconnect(s, tally);
                }
                continue;
            }
            JsonNode a = JSON.readTree(answer);
            if (a.path(0).asInt() == 3) {
                tally.results++;
            } else if (a.path(0).asInt() == 4 && !a.path(2).asText().isBlank()) {
                tally.errors++;
                if (a.path(2).asText().equals("InternalError") && tally.failures.size() < 20) {
                    tally.failures.add("InternalError for " + f.kind + ": " + answer);
                }
            } else if (tally.failures.size() < 20) {
                tally.failures.add("not a CALLRESULT or CALLERROR for " + f.kind + ": " + answer);
            }
        }
        if (s.closed.isDone()) {
            s = reconnect(s, tally);
        }
        s.socket.sendText("[2, \"last\", \"Heartbeat\", {}]", true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String last = s.answer(timeout);
        if (last == null || !last.startsWith("[3,\"last\"")) {
            tally.failures.add("the Heartbeat after the run was answered " + last);
        }
        s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return tally;
    }

    private record Frame(String kind, String text, boolean binary) {
    }

    private static Frame frame(int n, Random r) {
        String[] fixed = {"not json", "", "[]", "{}", "null", "[2]", "[2, \"a\"]", "[2, 7, \"Heartbeat\", {}]",
                "[2, \"\", \"Heartbeat\", {}]", "[2, \"" + "i".repeat(37) + "\", \"Heartbeat\", {}]",
                "[5, \"a\", \"Heartbeat\", {}]", "[2.5, \"a\", \"Heartbeat\", {}]", "[\"2\", \"a\", \"Heartbeat\", {}]",
                "[2, \"a\", \"Heartbeat\", []]", "[2, \"a\", \"Heartbeat\"]", "[2, \"a\", \"NoSuchAction\", {}]",
                "[2, \"a\", 42, {}]", "[3, \"nothing-in-flight\", {}]", "[4, \"x\", \"GenericError\", \"d\", {}]",
                "[4, \"x\"]", "[2, \"a\", \"BatterySwap\", {\"batteryData\": NaN}]",
                "[2, \"a\", \"BatterySwap\", {\"requestId\": 1e309}]", "[2, \"a\", \"BatterySwap\", null]",
                "[2, \"a\", \"BootNotification\", {\"reason\": 1}]", "[" + "[".repeat(50_000) + "]".repeat(50_000) + "]",
                "[2, \"a\", \"Heartbeat\", {}", "[2, \"a\", \"Heartbeat\", {}] trailing",
                "[2, \"a\", \"BatterySwap\", " + "{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000) + "]",
                "[2, \"big\", \"Heartbeat\", {\"pad\": \"" + "x".repeat(OVERSIZE) + "\"}]"};
        if (n < fixed.length) {
            return new Frame("fixed frame " + n + " " + Fuzzer.abbreviate(fixed[n]).substring(0,
                    Math.min(40, Fuzzer.abbreviate(fixed[n]).length())), fixed[n], false);
        }
        int pick = r.nextInt(10);
        if (pick == 0) {
            return new Frame("binary frame", "[2, \"b\", \"Heartbeat\", {}]", true);
        }
        String action = pick <= 6 ? "BatterySwap" : pick <= 8 ? "BootNotification" : "StatusNotification";
        String seed = action.equals("BatterySwap") ? SWAP : action.equals("BootNotification") ? BOOT
                : "{\"timestamp\": \"2026-11-26T00:00:00Z\", \"connectorStatus\": \"Available\", \"evseId\": 1, "
                + "\"connectorId\": 1}";
        FuzzDocuments.Document d = FuzzDocuments.mutate(seed, r);
        String payload = new String(d.body(), java.nio.charset.StandardCharsets.UTF_8);
        return new Frame(action + " " + d.kind(), "[2, \"m" + n + "\", \"" + action + "\", " + payload + "]", false);
    }

    private Session reconnect(Session s, Tally tally) throws Exception {
        s.socket.abort();
        tally.reconnects++;
        return connect();
    }

    private Session connect() throws Exception {
        Session s = new Session();
        s.socket = http.newWebSocketBuilder().subprotocols("ocpp2.1")
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(endpoint, s).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    /** The socket and the frames it receives. */
    private static final class Session implements WebSocket.Listener {
        /** Put in the queue when the connection ends (compared by identity). */
        private static final String CLOSED = new String("closed");
        WebSocket socket;
        final BlockingQueue<String> in = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                in.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("error " + error);
        }

        /** The connection ended: whoever waits for an answer hears it now, not at the end of its wait. */
        private void ended(String how) {
            closed.complete(how);
            in.add(CLOSED);
        }

        /** The next CALLRESULT or CALLERROR (the CSMS's own CALLs, its profile pushes, are skipped), or null. */
        String answer(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                String frame = closed.isDone() && in.isEmpty() ? CLOSED
                        : in.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null || frame == CLOSED) {
                    return null; // the wait is over, or the connection ended (the close wakes this wait at once)
                }
                if (!frame.startsWith("[2,")) {
                    return frame;
                }
            }
        }
    }
}
