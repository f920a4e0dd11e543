package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.contract.InvalidProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VEN's rounds against the VTN stand-in, without the service: authentication, programs and events read, events
 * applied once, reports posted; a VTN that is down or refuses the credentials is tried again with a doubling back-off
 * and the VEN recovers when it answers again; a revoked token is replaced. Every exchange is checked against the
 * OpenADR 3.0.1 OpenAPI document by the stand-in.
 */
class VenRoundsTest {

    private static final Duration POLL = Duration.ofSeconds(60);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private VtnStandIn vtn;
    private final List<String> applied = new ArrayList<>();

    /** The service's side, faked: every event applies to the stations it targets; reports are minimal and valid. */
    private final Ven.Events events = new Ven.Events() {
        @Override
        public List<String> apply(JsonNode event, String from) {
            if (event.path("eventName").asText().equals("broken")) {
                throw new InvalidProblemException(List.of("targets[0].values[0] 'nowhere' is no registered station"));
            }
            applied.add(event.path("id").asText());
            List<String> stations = new ArrayList<>();
            event.path("targets").get(0).path("values").forEach(v -> stations.add(v.asText()));
            return stations;
        }

        @Override
        public boolean known(String eventId) {
            return false;
        }

        @Override
        public JsonNode report(String stationId, String eventId) {
            if (stationId.equals("deleted")) {
                throw new io.swapflex.service.station.NotFoundException("no station 'deleted'");
            }
            ObjectNode report = OpenAdrService.JSON.createObjectNode();
            report.put("programID", "prog-1");
            report.put("eventID", eventId);
            report.put("clientName", "swapflex");
            report.putArray("resources").addObject().put("resourceName", stationId).putArray("intervals");
            return report;
        }
    };

    @BeforeEach
    void start() throws IOException {
        vtn = new VtnStandIn("ven-1", "s3cret-for-ven-1");
        vtn.addProgram("prog-1", "dso-flex");
        vtn.addEvent("event-1", """
                {"programID": "prog-1", "targets": [{"type": "RESOURCE_NAME", "values": ["st-1"]}],
                 "intervals": [{"id": 0, "intervalPeriod": {"start": "2026-11-28T18:00:00Z", "duration": "PT1H"},
                  "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [2.0]}]}]}""");
    }

    @AfterEach
    void stop() {
        vtn.close();
        assertEquals(List.of(), vtn.violations(), "every exchange follows OpenADR 3.0.1");
    }

    private Ven ven(URI base, String secret) {
        return ven(base, secret, Optional.empty(), "t");
    }

    private Ven ven(URI base, String secret, Optional<URI> callback, String callbackToken) {
        return new Ven(new VtnClient(base, "ven-1", secret, Duration.ofSeconds(5), Clock.systemUTC()), events,
                new Ven.Settings("swapflex", Set.of(), POLL, FIRST_RETRY, MAX_RETRY, callback, callbackToken),
                Clock.systemUTC());
    }

    @Test
    void aVenWithACallbackSubscribesOnceAndARestartRenewsTheSubscriptionWithItsNewToken() {
        Optional<URI> callback = Optional.of(URI.create("https://swapflex.example/api/v1/openadr3/ven/notifications"));
        Ven first = ven(vtn.uri(), "s3cret-for-ven-1", callback, "token-of-the-first-start");
        assertEquals(POLL, first.round());
        assertEquals(POLL, first.round());
        assertEquals(1, vtn.subscriptions().size(), "one subscription per program");
        assertEquals("token-of-the-first-start", vtn.subscriptions().get(0).path("objectOperations").get(0)
                .path("bearerToken").asText());

        Ven restarted = ven(vtn.uri(), "s3cret-for-ven-1", callback, "token-of-the-second-start");
        assertEquals(POLL, restarted.round());
        assertEquals(1, vtn.subscriptions().size(), "renewed, not a second one");
        JsonNode renewed = vtn.subscriptions().get(0);
        assertEquals("subscription-1", renewed.path("id").asText());
        assertEquals("token-of-the-second-start", renewed.path("objectOperations").get(0).path("bearerToken").asText());
        assertEquals(List.of("CREATE", "UPDATE"), List.of(renewed.path("objectOperations").get(0).path("operations")
                .get(0).asText(), renewed.path("objectOperations").get(0).path("operations").get(1).asText()));
        assertTrue(vtn.exchanges().stream().anyMatch(e -> e.toString().equals("PUT /subscriptions/subscription-1 → 200")),
                vtn::transcript);
    }

    @Test
    void aRoundAuthenticatesReadsTheEventAppliesItOnceAndReports() {
        Ven ven = ven(vtn.uri(), "s3cret-for-ven-1");
        assertEquals(POLL, ven.round());
        assertEquals(List.of("event-1"), applied);
        assertEquals(List.of("POST /auth/token → 200", "GET /programs?skip=0&limit=50 → 200",
                "GET /events?programID=prog-1&skip=0&limit=50 → 200", "POST /reports → 201"),
                vtn.exchanges().stream().map(VtnStandIn.Exchange::toString).toList());
        assertEquals("event-1", vtn.reports().get(0).path("eventID").asText());
        assertEquals("st-1", vtn.reports().get(0).path("resources").get(0).path("resourceName").asText());

        assertEquals(POLL, ven.round());
        assertEquals(List.of("event-1"), applied, "an event is applied once");
        assertEquals(1, vtn.reports().size(), "and reported once");
        assertEquals(1, vtn.exchanges().stream().filter(e -> e.path().equals("/auth/token")).count(),
                "the token is reused");
        Ven.Status status = ven.status();
        assertTrue(status.lastOk());
        assertEquals(1, status.eventsApplied());
        assertEquals(1, status.reportsPosted());
    }

    @Test
    void aVtnThatIsDownIsTriedAgainWithADoublingBackOffAndTheVenRecovers() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Ven ven = ven(URI.create("http://127.0.0.1:" + closed + "/openadr3/3.0.1"), "s3cret-for-ven-1");
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(ven.round());
        }
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(30)), waits);
        Ven.Status status = ven.status();
        assertFalse(status.lastOk());
        assertEquals(5, status.failuresInARow());
        assertTrue(status.lastError().contains("POST auth/token: the VTN at http://127.0.0.1:" + closed)
                && status.lastError().contains("did not answer"), status.lastError());
        assertEquals(List.of(), applied);
    }

    @Test
    void refusedCredentialsAreTriedAgainWithBackOffUntilTheVtnTakesThem() {
        vtn.refuseClients(true);
        Ven ven = ven(vtn.uri(), "s3cret-for-ven-1");
        assertEquals(FIRST_RETRY, ven.round());
        assertEquals(FIRST_RETRY.multipliedBy(2), ven.round());
        assertTrue(ven.status().lastError().contains("HTTP 401 invalid_client: unknown client or wrong secret"),
                ven.status().lastError());
        assertEquals(List.of(), applied, "nothing read without a token");

        vtn.refuseClients(false);
        assertEquals(POLL, ven.round(), "back to the poll interval");
        assertEquals(List.of("event-1"), applied);
        assertEquals(0, ven.status().failuresInARow());
        assertEquals(1, vtn.reports().size());
    }

    @Test
    void aWrongSecretIsAFailedRoundNamingTheClient() {
        Ven ven = ven(vtn.uri(), "not-the-secret");
        assertEquals(FIRST_RETRY, ven.round());
        assertTrue(ven.status().lastError().startsWith("POST auth/token (client ven-1): HTTP 401"),
                ven.status().lastError());
    }

    @Test
    void aRevokedTokenIsReplacedAndTheCallTriedOnceMore() {
        Ven ven = ven(vtn.uri(), "s3cret-for-ven-1");
        assertEquals(POLL, ven.round());
        vtn.revokeTokens();
        vtn.addEvent("event-2", """
                {"programID": "prog-1", "targets": [{"type": "RESOURCE_NAME", "values": ["st-2"]}],
                 "intervals": [{"id": 0, "intervalPeriod": {"start": "2026-11-28T19:00:00Z", "duration": "PT1H"},
                  "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [1.0]}]}]}""");
        assertEquals(POLL, ven.round());
        assertEquals(List.of("event-1", "event-2"), applied);
        assertEquals(List.of(200, 401, 200), vtn.exchanges().stream()
                .filter(e -> e.path().equals("/auth/token") || e.status() == 401).map(VtnStandIn.Exchange::status)
                .toList(), "the programs call got 401, a new token, and went through");
    }

    @Test
    void aReportOnAStationDeletedSinceIsDroppedAndTheRoundGoesOn() {
        vtn.addEvent("event-2", """
                {"programID": "prog-1", "targets": [{"type": "RESOURCE_NAME", "values": ["deleted", "st-3"]}],
                 "intervals": [{"id": 0, "intervalPeriod": {"start": "2026-11-28T19:00:00Z", "duration": "PT1H"},
                  "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [1.0]}]}]}""");
        Ven ven = ven(vtn.uri(), "s3cret-for-ven-1");
        assertEquals(POLL, ven.round());
        assertEquals(List.of("st-1", "st-3"), vtn.reports().stream()
                .map(r -> r.path("resources").get(0).path("resourceName").asText()).toList());
        assertEquals(0, ven.status().reportsWaiting());
    }

    @Test
    void theStandInHoldsTheVenToTheDocument() throws Exception {
        VtnClient client = new VtnClient(vtn.uri(), "ven-1", "s3cret-for-ven-1", Duration.ofSeconds(5),
                Clock.systemUTC());
        ObjectNode report = (ObjectNode) events.report("st-1", "event-1");
        report.remove("clientName");
        report.put("programID", "not an objectID!");
        VtnClient.VtnException refused = assertThrows(VtnClient.VtnException.class, () -> client.postReport(report));
        assertEquals(400, refused.status());
        assertTrue(vtn.violations().stream().anyMatch(v -> v.contains("POST /reports request")
                && v.contains("clientName")), vtn.violations()::toString);
        assertTrue(vtn.violations().stream().anyMatch(v -> v.contains("programID")), vtn.violations()::toString);
        vtn.clearViolations();
    }

    @Test
    void anEventTheServiceCannotUseIsSkippedOnceAndTheRestGoOn() {
        vtn.addEvent("event-0", """
                {"programID": "prog-1", "eventName": "broken",
                 "targets": [{"type": "RESOURCE_NAME", "values": ["nowhere"]}],
                 "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [1.0]}]}]}""");
        Ven ven = ven(vtn.uri(), "s3cret-for-ven-1");
        assertEquals(POLL, ven.round(), "a good round: the VTN answered");
        assertEquals(POLL, ven.round());
        assertEquals(List.of("event-1"), applied);
        assertEquals(1, vtn.reports().size());
    }
}
