package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.common.rest.ApiError;
import io.swapflex.service.station.ConflictException;
import io.swapflex.service.station.StoredEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One charging station's OCPP-J session, the CSMS side, without the socket: frames in, frames to send out.
 *
 * <p>Station → CSMS: {@code BootNotification} (Accepted, with the current time and the heartbeat interval; then the
 * current plan's profiles are pushed), {@code Heartbeat} (the current time), {@code BatterySwap} (applied as
 * {@link OcppService#batterySwap}; answered {@code {}}, or a CALLERROR naming the field), {@code StatusNotification}
 * (acknowledged, not used), {@code MeterValues} (energy registers stored, a bay's SoC applied as its SOC; {@code {}}),
 * {@code Authorize} (the rider's idToken judged by the configured rule: {@code idTokenInfo.status} Accepted or
 * Invalid), and the routine reports {@link #REPORTS} (stored as they came; {@code {}}, a {@code TransactionEvent} with
 * an idToken also gets its {@code idTokenInfo}); any other action is a CALLERROR {@code NotImplemented}.
 *
 * <p>CSMS → station: one {@code SetChargingProfile} CALL per bay when the station's plan changes. OCPP-J allows one
 * CALL in flight per direction, so they are queued and sent one by one, the next when the station has answered the
 * last (or after {@link #CALL_TIMEOUT}); a newer plan replaces the profiles of an older one still waiting.
 *
 * <p>Every frame in and out is kept in a {@link #transcript() transcript} (the last {@link #TRANSCRIPT_FRAMES}).
 * Thread-safe: frames arrive on the socket's thread, plans on the planner's.
 */
public final class CsmsSession {

    /** The heartbeat interval a booted station is given. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(300);
    /** How long a CALL may wait for its answer before the next is sent. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final int TRANSCRIPT_FRAMES = 500;
    /** The most characters of one frame kept in the transcript (the profiles of a 40-bay station fit). */
    static final int TRANSCRIPT_CHARS = 8_000;
    private static final Logger LOG = Logger.getLogger(CsmsSession.class.getName());

    /** What the session needs of the service. */
    public interface Csms {
        /** The station's current plan as profiles; empty while it has none. */
        Optional<ChargingProfileSet> currentProfiles(String stationId, OcppVersion version);

        /** Applies a {@code BatterySwapRequest} payload; the events stored (throws as {@link OcppService#batterySwap}). */
        List<StoredEvent> batterySwap(String stationId, JsonNode payload);

        /** Takes a {@code MeterValuesRequest} (checked): energy registers stored, a bay's SoC applied. */
        void meterValues(String stationId, JsonNode payload);

        /** Keeps a routine report (checked) as it came. */
        void report(String stationId, String action, JsonNode payload);

        /** Whether a rider's {@code idToken} is accepted (the configured rule). */
        boolean authorize(JsonNode idToken);
    }

    /**
     * The routine messages a station sends that are stored and acknowledged, with the fields their schemas require
     * (checked before anything is stored: a missing one is a FormatViolation).
     */
    static final java.util.Map<String, List<String>> REPORTS = java.util.Map.of(
            "NotifyEvent", List.of("generatedAt", "seqNo", "eventData"),
            "SecurityEventNotification", List.of("type", "timestamp"),
            "TransactionEvent", List.of("eventType", "timestamp", "triggerReason", "seqNo", "transactionInfo"),
            "FirmwareStatusNotification", List.of("status"),
            "LogStatusNotification", List.of("status"),
            "NotifyReport", List.of("requestId", "generatedAt", "seqNo"));

    /** A frame in the transcript. */
    public record Frame(Instant at, Direction direction, String text) {
        @Override
        public String toString() {
            return at + " " + (direction == Direction.IN ? "station → CSMS " : "CSMS → station ") + text;
        }
    }

    public enum Direction { IN, OUT }

    private final String stationId;
    private final OcppVersion version;
    private final Csms csms;
    private final Clock clock;
    private final Deque<Frame> transcript = new ArrayDeque<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private Instant inFlightSince;
    private boolean booted;
    private long nextId;
    private long accepted;
    private long rejected;

    private record Pending(String id, String action, long planVersion, String frame) {
    }

    public CsmsSession(String stationId, OcppVersion version, Csms csms, Clock clock) {
        this.stationId = stationId;
        this.version = version;
        this.csms = csms;
        this.clock = clock;
    }

    public String stationId() {
        return stationId;
    }

    public OcppVersion version() {
        return version;
    }

    /** A frame from the station; answers the frames to send, in order (an answer, then perhaps a CALL). */
    public synchronized List<String> received(String text) {
        record(Direction.IN, text);
        List<String> out = new ArrayList<>();
        OcppJ.Frame frame;
        try {
            frame = OcppJ.parse(text);
        } catch (OcppJ.RpcException e) {
            out.add(send(OcppJ.error(e.id(), e.code(), e.getMessage(), null)));
            return out;
        }
        if (frame instanceof OcppJ.Call call) {
            out.add(send(answer(call)));
            if (call.action().equals("BootNotification") && booted) {
                csms.currentProfiles(stationId, version).ifPresent(this::enqueue);
            }
        } else if (frame instanceof OcppJ.Result result) {
            answered(result.id(), result.payload());
        } else {
            answered(frame.id(), null);
        }
        next().ifPresent(out::add);
        return out;
    }

    /** A new plan of the station: queues its profiles; answers the CALL to send now, if any. */
    public synchronized Optional<String> planned(ChargingProfileSet profiles) {
        if (!booted) {
            return Optional.empty(); // sent after the station's BootNotification
        }
        enqueue(profiles);
        return next();
    }

    public synchronized boolean booted() {
        return booted;
    }

    /** SetChargingProfile answers so far: Accepted, and Rejected or CALLERROR. */
    public synchronized long[] profileAnswers() {
        return new long[]{accepted, rejected};
    }

    /** The frames in and out, oldest first. */
    public synchronized List<Frame> transcript() {
        return List.copyOf(transcript);
    }

    private String answer(OcppJ.Call call) {
        try {
            return switch (call.action()) {
                case "BootNotification" -> boot(call);
                case "Heartbeat" -> OcppJ.result(call.id(), object().put("currentTime", now()));
                case "BatterySwap" -> {
                    if (!version.canDischarge()) {
                        yield OcppJ.error(call.id(), "NotImplemented", "BatterySwap is an OCPP 2.1 message", null);
                    }
                    csms.batterySwap(stationId, call.payload());
                    yield OcppJ.result(call.id(), object());
                }
                case "StatusNotification" -> OcppJ.result(call.id(), object());
                case "MeterValues" -> {
                    csms.meterValues(stationId, call.payload());
                    yield OcppJ.result(call.id(), object());
                }
                case "Authorize" -> {
                    JsonNode idToken = idToken(call.payload().path("idToken"), "idToken");
                    yield OcppJ.result(call.id(), idTokenInfo(csms.authorize(idToken)));
                }
                case "NotifyEvent", "SecurityEventNotification", "TransactionEvent", "FirmwareStatusNotification",
                     "LogStatusNotification", "NotifyReport" -> {
                    requireFields(call.action(), call.payload());
                    JsonNode idToken = call.payload().path("idToken");
                    ObjectNode answer = object();
                    if (call.action().equals("TransactionEvent") && !idToken.isMissingNode()) {
                        answer = idTokenInfo(csms.authorize(idToken(idToken, "idToken")));
                    }
                    csms.report(stationId, call.action(), call.payload());
                    yield OcppJ.result(call.id(), answer);
                }
                default -> OcppJ.error(call.id(), "NotImplemented", "this CSMS does not handle " + call.action(),
                        null);
            };
        } catch (OcppPayloadException e) {
            return OcppJ.error(call.id(), e.errorCode(), e.getMessage(), fieldErrors(e));
        } catch (InvalidProblemException e) {
            return OcppJ.error(call.id(), OcppPayloadException.FORMAT_VIOLATION, e.getMessage(), fieldErrors(e));
        } catch (ConflictException e) {
            return OcppJ.error(call.id(), "GenericError", e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "OCPP " + call.action() + " of station " + stationId + " failed", e);
            return OcppJ.error(call.id(), "InternalError", "the CSMS failed; see its log", null);
        }
    }

    private String boot(OcppJ.Call call) {
        JsonNode payload = call.payload();
        if (!payload.path("chargingStation").isObject() || !payload.path("reason").isTextual()) {
            return OcppJ.error(call.id(), OcppPayloadException.FORMAT_VIOLATION,
                    "a BootNotificationRequest has chargingStation {model, vendorName} and reason", null);
        }
        booted = true;
        return OcppJ.result(call.id(), object().put("currentTime", now())
                .put("interval", HEARTBEAT_INTERVAL.toSeconds()).put("status", "Accepted"));
    }

    /** {@code {"idTokenInfo": {"status": "Accepted" | "Invalid"}}}: an AuthorizeResponse, or TransactionEvent's. */
    private static ObjectNode idTokenInfo(boolean accepted) {
        ObjectNode answer = object();
        answer.putObject("idTokenInfo").put("status", accepted ? "Accepted" : "Invalid");
        return answer;
    }

    /** An IdTokenType: {@code idToken} (string) and {@code type} (string) required. */
    private static JsonNode idToken(JsonNode node, String path) {
        if (!node.isObject() || !node.path("idToken").isTextual() || !node.path("type").isTextual()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION,
                    List.of(path + " must be an IdTokenType {idToken, type}, is " + abbreviate(node.toString())));
        }
        return node;
    }

    private static void requireFields(String action, JsonNode payload) {
        if (!payload.isObject()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION,
                    List.of("$ must be a " + action + "Request object"));
        }
        List<String> missing = REPORTS.get(action).stream().filter(f -> !payload.hasNonNull(f))
                .map(f -> f + " is required (" + action + "Request)").toList();
        if (!missing.isEmpty()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION, missing);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private void enqueue(ChargingProfileSet profiles) {
        // A newer plan supersedes an older one's profiles not sent yet.
        queue.removeIf(p -> p.planVersion() < profiles.planVersion());
        for (SetChargingProfile.Request request : profiles.profiles()) {
            String id = "csms-" + (++nextId);
            queue.add(new Pending(id, "SetChargingProfile", profiles.planVersion(),
                    OcppJ.call(id, "SetChargingProfile", request)));
        }
    }

    private void answered(String id, JsonNode payload) {
        if (inFlight == null || !inFlight.id().equals(id)) {
            return; // an answer to nothing in flight (late, after its timeout): kept in the transcript only
        }
        if (payload != null && "Accepted".equals(payload.path("status").asText())) {
            accepted++;
        } else {
            rejected++;
        }
        inFlight = null;
    }

    /** The next CALL to send, if none is in flight (or the one in flight has timed out). */
    private Optional<String> next() {
        Instant now = clock.instant();
        if (inFlight != null && now.isAfter(inFlightSince.plus(CALL_TIMEOUT))) {
            rejected++;
            inFlight = null;
        }
        if (inFlight != null || queue.isEmpty()) {
            return Optional.empty();
        }
        inFlight = queue.poll();
        inFlightSince = now;
        return Optional.of(send(inFlight.frame()));
    }

    private String send(String frame) {
        record(Direction.OUT, frame);
        return frame;
    }

    private void record(Direction direction, String text) {
        // A frame is kept to its first TRANSCRIPT_CHARS characters: 500 frames of the largest a station may send
        // (quarkus.websockets-next.server.max-message-size) would otherwise hold tens of MB per session.
        String kept = text.length() <= TRANSCRIPT_CHARS ? text
                : text.substring(0, TRANSCRIPT_CHARS) + "…(" + text.length() + " characters)";
        transcript.add(new Frame(clock.instant(), direction, kept));
        while (transcript.size() > TRANSCRIPT_FRAMES) {
            transcript.poll();
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private String now() {
        return clock.instant().toString();
    }

    private static ObjectNode fieldErrors(InvalidProblemException e) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        for (ApiError.FieldError error : ApiError.validation(e.errors()).errors()) {
            errors.addObject().put("path", error.path()).put("message", error.message());
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("errors", errors);
        return details;
    }
}
