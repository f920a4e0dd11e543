package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.standards.StandardSchemas.assertValidOcpp;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OCPP REST endpoints: charging profiles out, battery swaps in. */
@QuarkusTest
class OcppApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Replanner replanner;

    @Inject
    StationRepository repository;

    static String swap(String eventType, int evseId, double soC) {
        return "{\"eventType\": \"" + eventType + "\", \"requestId\": 11, \"idToken\": {\"idToken\": \"rider-3\", "
                + "\"type\": \"Central\"}, \"batteryData\": [{\"evseId\": " + evseId + ", \"serialNumber\": \"PK-"
                + evseId + "\", \"soC\": " + soC + ", \"soH\": 98}]}";
    }

    @Test
    void theProfilesOfTheCurrentPlanValidateInBothVersionsAndFollowIt() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-prof"), replanner);
        String station = Api.stationToken(id);
        Plan plan = checkedPlan(id, 1);
        for (String version : List.of("2.1", "2.0.1")) {
            Response response = as(station).queryParam("version", version)
                    .get("/api/v1/stations/" + id + "/ocpp/charging-profiles");
            response.then().statusCode(200).header("X-Plan-Version", "1").header("X-Plan-Stale", "false")
                    .body("ocppVersion", equalTo(version)).body("planVersion", equalTo(1))
                    .body("evses.bayId", equalTo(List.of("bay-01", "bay-02", "bay-03")))
                    .body("evses.evseId", equalTo(List.of(1, 2, 3)));
            JsonNode set = JSON.readTree(response.asString());
            for (int b = 0; b < 3; b++) {
                JsonNode profile = set.get("profiles").get(b);
                assertValidOcpp(version, "SetChargingProfileRequest", profile);
                double[] watts = OcppChargingProfilesTest.commandedWatts(profile, 3600, 24);
                BaySchedule bay = plan.bays().get(b);
                for (int t = 0; t < 24; t++) {
                    double kw = version.equals("2.1") ? bay.powerKw()[t] : Math.max(0, bay.powerKw()[t]);
                    assertEquals(kw * 1000, watts[t], 1.0, version + " bay " + bay.id() + " slot " + t);
                }
            }
        }
        as(station).get("/api/v1/stations/" + id + "/ocpp/charging-profiles").then().statusCode(200)
                .body("ocppVersion", equalTo("2.1"));
    }

    @Test
    void rolesUnknownStationsBadVersionsAndNoPlanYet() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-roles"), replanner);
        String path = "/api/v1/stations/" + id + "/ocpp/charging-profiles";
        as(Api.stationToken("another-station")).get(path).then().statusCode(403).contentType(PROBLEM_JSON);
        as(Api.token("analyst")).get(path).then().statusCode(200);
        as(Api.token("admin")).get(path).then().statusCode(200);
        RestAssured.get(path).then().statusCode(401);
        asOperator().get("/api/v1/stations/no-such-station/ocpp/charging-profiles").then().statusCode(404)
                .contentType(PROBLEM_JSON);
        asOperator().queryParam("version", "1.6").get(path).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("version"));
        as(Api.token("analyst")).contentType(ContentType.JSON).body(swap("BatteryOut", 1, 95))
                .post("/api/v1/stations/" + id + "/ocpp/battery-swap").then().statusCode(403);

        // A station stored without its first plan (saved directly, so no re-plan is asked for): 503, as the schedule.
        Problem demo = Api.freshDemo("ocpp-noplan");
        List<BayState> bays = demo.bays().stream().map(b -> new BayState(b.id(), b.packType(), true, b.soc())).toList();
        repository.save(new Station(demo.stationId(), 1, 1, demo, bays, Instant.now(), Instant.now()));
        asOperator().get("/api/v1/stations/" + demo.stationId() + "/ocpp/charging-profiles").then().statusCode(503)
                .contentType(PROBLEM_JSON).header("Retry-After", "5");
        // Plan it after all: the tests share one service, whose readiness waits for every station's plan.
        replanner.request(demo.stationId(), "test");
        Api.awaitPlanned(replanner, demo.stationId());
        asOperator().get("/api/v1/stations/" + demo.stationId() + "/ocpp/charging-profiles").then().statusCode(200);
    }

    @Test
    void aBatterySwapChangesTheNextPlan() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-swap"), replanner);
        String station = Api.stationToken(id);
        String swapPath = "/api/v1/stations/" + id + "/ocpp/battery-swap";
        assertValidOcpp("2.1", "BatterySwapRequest", JSON.readTree(swap("BatteryOut", 1, 96)));
        checkedPlan(id, 1);

        String answer = as(station).contentType(ContentType.JSON).body(swap("BatteryOut", 1, 96)).post(swapPath)
                .then().statusCode(200).header("X-Battery-Events", "1").extract().asString();
        assertValidOcpp("2.1", "BatterySwapResponse", JSON.readTree(answer));
        Api.awaitPlanned(replanner, id);
        Plan v2 = checkedPlan(id, 2);
        assertFalse(v2.bays().stream().anyMatch(b -> b.id().equals("bay-01")), "the emptied bay is not planned");
        as(station).get("/api/v1/stations/" + id + "/plan").then().body("reason", containsString("PACK_OUT bay-01"));
        as(station).get("/api/v1/stations/" + id + "/ocpp/charging-profiles").then().statusCode(200)
                .body("planVersion", equalTo(2)).body("evses[0].planned", equalTo(false))
                .body("profiles[0].chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].operationMode",
                        equalTo("Idle"));

        as(station).contentType(ContentType.JSON).body(swap("BatteryIn", 1, 20)).post(swapPath)
                .then().statusCode(200);
        Api.awaitPlanned(replanner, id);
        Plan v3 = checkedPlan(id, 3);
        BaySchedule back = v3.bays().stream().filter(b -> b.id().equals("bay-01")).findFirst().orElseThrow();
        assertEquals(0.20, back.soc()[0], 1e-9, "soC 20 % is a SOC of 0.20");
        as(station).get("/api/v1/stations/" + id + "/events").then()
                .body("event.kind", equalTo(List.of("PACK_OUT", "PACK_IN")));
    }

    @Test
    void badSwapsAreProblemsNamingTheField() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-bad"), replanner);
        String path = "/api/v1/stations/" + id + "/ocpp/battery-swap";
        asOperator().contentType(ContentType.JSON).body(swap("BatteryIn", 1, 20).replace("\"evseId\": 1", "\"evseId\": \"1\""))
                .post(path).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("batteryData[0].evseId"));
        asOperator().contentType(ContentType.JSON).body(swap("BatteryOut", 7, 90)).post(path)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("batteryData[0].evseId"))
                .body("errors[0].message", containsString("7 is no bay"));
        asOperator().contentType(ContentType.JSON).body(swap("BatteryIn", 2, 20)).post(path)
                .then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("already holds a pack"));
        asOperator().contentType(ContentType.JSON).body("{\"eventType\": ").post(path)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("$"));
        asOperator().contentType(ContentType.JSON).body("").post(path)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("$"));
        asOperator().contentType(ContentType.JSON).body(swap("BatteryOut", 1, 90))
                .post("/api/v1/stations/no-such-station/ocpp/battery-swap").then().statusCode(404);
        asOperator().get("/api/v1/stations/" + id + "/events").then().body("size()", equalTo(0));
    }

    /** The plan version as the service stored it, checked by the plan checker against the problem it solved. */
    static Plan checkedPlan(String id, long version) {
        Problem problem = ContractJson.readProblem(asOperator().get("/api/v1/stations/" + id + "/plans/" + version
                + "/problem").then().statusCode(200).extract().asString());
        String json = asOperator().get("/api/v1/stations/" + id + "/plan?version=" + version).then().statusCode(200)
                .extract().jsonPath().prettify();
        Plan plan = ContractJson.readPlan(extractPlan(json));
        assertTrue(PlanChecker.check(problem, plan).hardRulesMet(), PlanChecker.check(problem, plan).summary());
        return plan;
    }

    private static String extractPlan(String planView) {
        try {
            return JSON.readTree(planView).get("plan").toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
