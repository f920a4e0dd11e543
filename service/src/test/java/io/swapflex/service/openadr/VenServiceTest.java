package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.rest.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VEN in the service: an event read from the VTN stand-in goes the POST endpoint's way (stored under the VTN's id,
 * mapped, re-planned), the station's next plan honours it, and the report about it is posted to the VTN and accepted;
 * every exchange valid OpenADR 3.0.1, every plan checked by the plan checker.
 */
@QuarkusTest
class VenServiceTest {

    @Inject
    OpenAdrService openadr;

    @Inject
    Replanner replanner;

    @Inject
    PlanningService planning;

    @Test
    void theVenReadsAProgramAndAnEventThePlanHonoursItAndTheVtnAcceptsTheReport() throws Exception {
        String id = Api.register(Api.futureDemo("ven"), replanner);
        StoredPlan first = planning.current(id).orElseThrow();
        assertFeasible(first.problem(), first.plan());
        int highest = 0;
        for (int t = 0; t < first.problem().slots() - 2; t++) {
            highest = first.plan().grid().importKw()[t] > first.plan().grid().importKw()[highest] ? t : highest;
        }
        int peak = highest;
        double cap = Math.max(0.3, first.plan().grid().importKw()[peak] / 2);
        assertTrue(first.plan().grid().importKw()[peak] > cap + 1e-6, "the plan before breaks the cap");
        String start = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(first.problem().horizon().startTime()
                .plusHours(peak));

        try (VtnStandIn vtn = new VtnStandIn("swapflex-ven", "a-client-secret-of-the-ven")) {
            vtn.addProgram("dso-flex-7", "evening-flex");
            vtn.addEvent("vtn-event-" + id, String.format(Locale.ROOT, """
                    {"programID": "dso-flex-7", "eventName": "feeder peak",
                     "targets": [{"type": "RESOURCE_NAME", "values": ["%s"]}],
                     "payloadDescriptors": [{"payloadType": "IMPORT_CAPACITY_LIMIT", "units": "KW"}],
                     "intervalPeriod": {"start": "%s", "duration": "PT2H"},
                     "intervals": [{"id": 0, "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [%s]}]}]}""",
                    id, start, cap));
            Ven ven = ven(vtn);
            assertEquals(Duration.ofSeconds(60), ven.round(), () -> ven.status() + "\n" + vtn.transcript());
            assertEquals(List.of(), vtn.violations());

            // Stored under the VTN's id, as the POST endpoint would have stored it.
            StoredAdrEvent stored = openadr.get("vtn-event-" + id);
            assertEquals("dso-flex-7", stored.programId());
            assertEquals(List.of(id), stored.stationIds());

            // The station re-planned and its plan keeps the feeder's cap in both hours.
            StoredPlan after = planning.current(id).orElseThrow();
            assertTrue(after.version() > first.version(), "re-planned");
            assertFeasible(after.problem(), after.plan());
            for (int t = peak; t < peak + 2; t++) {
                assertEquals(cap, after.problem().site().importLimitKw(t), 1e-9);
                assertTrue(after.plan().grid().importKw()[t] <= cap + 1e-5, "slot " + t);
            }

            // The report about it, accepted by the VTN (201, stored with an id), on the plan that honours it.
            assertEquals(1, vtn.reports().size(), vtn::transcript);
            JsonNode report = vtn.reports().get(0);
            assertEquals("vtn-event-" + id, report.path("eventID").asText());
            assertEquals("dso-flex-7", report.path("programID").asText());
            assertEquals("swapflex", report.path("clientName").asText());
            assertEquals(id, report.path("resources").get(0).path("resourceName").asText());
            assertEquals("swapflex plan v" + after.version() + " of " + id, report.path("reportName").asText());
            JsonNode slot = report.path("resources").get(0).path("intervals").get(peak).path("payloads").get(0);
            assertEquals("STORAGE_DISPATCH_FORECAST", slot.path("type").asText());
            double batteryKw = after.plan().bays().stream().mapToDouble(b -> b.powerKw()[peak]).sum();
            assertEquals(batteryKw, slot.path("values").get(0).asDouble(), 1e-3, "the capped plan's slot");

            System.out.println("VTN stand-in, every exchange valid OpenADR 3.0.1:\n" + vtn.transcript());

            // Another round, and a VEN started afresh (as after a restart), apply and report nothing again.
            ven.round();
            ven(vtn).round();
            assertEquals(1, vtn.reports().size());
            assertEquals(after.version(), planning.current(id).orElseThrow().version(), "no further re-plan");
            assertEquals(List.of(), vtn.violations());
        }
    }

    @Test
    void withoutAVtnTheServiceIsNoVen() {
        Api.as(Api.token("operator")).get("/api/v1/openadr3/ven").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("swapflex.openadr.vtn.url"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer anything").contentType("application/json")
                .body("{\"objectType\": \"EVENT\"}").post("/api/v1/openadr3/ven/notifications").then()
                .statusCode(404);
    }

    private Ven ven(VtnStandIn vtn) {
        return new Ven(new VtnClient(vtn.uri(), "swapflex-ven", "a-client-secret-of-the-ven", Duration.ofSeconds(5),
                Clock.systemUTC()), new VenEvents(openadr, replanner), new Ven.Settings("swapflex", Set.of(),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(10), Optional.empty(), "t"),
                Clock.systemUTC());
    }

    private static void assertFeasible(Problem problem, Plan plan) {
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
    }
}
