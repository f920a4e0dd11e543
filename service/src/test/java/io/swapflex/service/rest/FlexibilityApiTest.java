package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid operator's flexibility: honest figures (committed, they are planned), the fleet's sums, roles, errors. */
@QuarkusTest
class FlexibilityApiTest {

    @Inject
    Replanner replanner;

    private String registerFuture(String prefix) throws InterruptedException {
        return Api.register(Api.futureDemo(prefix), replanner);
    }

    static Problem problem(String id, long version) {
        return ContractJson.readProblem(asOperator().get("/api/v1/stations/" + id + "/plans/" + version + "/problem")
                .then().statusCode(200).extract().asString());
    }

    /** A plan version as the API gives it, read with full precision. */
    static Plan plan(String id, long version) throws Exception {
        String json = asOperator().get("/api/v1/stations/" + id + "/plan?version=" + version).then().statusCode(200)
                .extract().asString();
        return ContractJson.readPlan(ContractJson.mapper().readTree(json).get("plan").toString());
    }

    /** The window of the largest offer. */
    static Map<String, Object> largest(JsonPath flex) {
        List<Map<String, Object>> windows = flex.getList("windows");
        Map<String, Object> best = windows.get(0);
        for (Map<String, Object> w : windows) {
            if (((Number) w.get("exportKw")).doubleValue() > ((Number) best.get("exportKw")).doubleValue()) {
                best = w;
            }
        }
        return best;
    }

    @Test
    void anOfferedWindowCommittedAsAFirmRequestIsPlannedFeasiblyWithNoMoreUnservedSwaps() throws Exception {
        String id = registerFuture("flex-honest");
        JsonPath flex = asOperator().get("/api/v1/stations/" + id + "/flexibility").then().statusCode(200)
                .body("planVersion", equalTo(1)).body("currency", equalTo("THB"))
                .body("windows.size()", equalTo(24)).body("method", containsString("bisected"))
                .extract().jsonPath();
        Map<String, Object> window = largest(flex);
        double kw = ((Number) window.get("exportKw")).doubleValue();
        assertTrue(kw > 0.5, "the demo's 3 packs can export in some hour: " + kw);
        assertTrue(kw <= 2.0, "never beyond the 2 kW export limit");
        List<Map<String, Object>> slots = (List<Map<String, Object>>) window.get("slots");
        Map<String, Object> slot = slots.get(0);
        double plannedNet = ((Number) slot.get("plannedExportKw")).doubleValue()
                - ((Number) slot.get("plannedImportKw")).doubleValue();
        assertEquals(Math.max(0, kw - plannedNet), ((Number) slot.get("reducedImportKw")).doubleValue()
                + ((Number) slot.get("extraExportKw")).doubleValue(), 1e-3, "the slot's extra is on top of the plan");

        Plan before = plan(id, 1);
        String body = String.format(Locale.ROOT, "{\"stationId\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", "
                + "\"exportKw\": %s, \"rewardPerKwh\": 0, \"firm\": true}", id, window.get("from"), window.get("to"), kw);
        String requestId = asOperator().contentType(ContentType.JSON).body(body).post("/api/v1/dispatch-requests")
                .then().statusCode(201).body("status", equalTo("ACCEPTED"))
                .body("stations[0].planVersion", equalTo(2))
                .extract().path("id");

        Problem committed = problem(id, 2);
        Plan after = plan(id, 2);
        DispatchRequest request = committed.requests().stream().filter(r -> r.id().equals(requestId)).findFirst()
                .orElseThrow();
        assertTrue(request.isFirm());
        assertEquals(kw, request.exportKw(), 1e-9);
        assertEquals(((Number) window.get("fromSlot")).intValue(), request.fromSlot());
        CheckReport report = PlanChecker.check(committed, after);
        assertTrue(report.feasible(), report::summary);
        assertTrue(after.unservedTotal() <= before.unservedTotal());
        for (int t = request.fromSlot(); t < request.toSlot(); t++) {
            assertTrue(after.grid().exportKw()[t] - after.grid().importKw()[t] >= kw - 1e-5, "slot " + t);
        }
        double cost = ((Number) window.get("costIncrease")).doubleValue();
        assertTrue(after.objective().total() <= before.objective().total() + cost + 1e-3,
                "the cost offered bounds the cost of the plan committed");

        // The figures come from the plan they name: the new plan's flexibility is recomputed.
        asOperator().get("/api/v1/stations/" + id + "/flexibility").then().statusCode(200)
                .body("planVersion", equalTo(2));
    }

    @Test
    void theFleetSumsItsStationsPerWindowAndSlot() throws Exception {
        String a = registerFuture("flex-fleet");
        String b = registerFuture("flex-fleet");
        JsonPath fa = asOperator().get("/api/v1/stations/" + a + "/flexibility").then().extract().jsonPath();
        JsonPath fb = asOperator().get("/api/v1/stations/" + b + "/flexibility").then().extract().jsonPath();
        JsonPath fleet = as(token("analyst")).queryParam("stations", a + "," + b).get("/api/v1/flexibility")
                .then().statusCode(200).body("stations.stationId", hasItem(a)).extract().jsonPath();
        assertEquals(24, fleet.getList("windows").size());
        for (int w = 0; w < 24; w++) {
            assertEquals(fa.getDouble("windows[" + w + "].exportKw") + fb.getDouble("windows[" + w + "].exportKw"),
                    fleet.getDouble("windows[" + w + "].exportKw"), 1e-3);
            assertEquals(2, fleet.getInt("windows[" + w + "].stations"));
        }
        assertEquals(fa.getDouble("windows[3].slots[0].reducedImportKw") + fb.getDouble("windows[3].slots[0].reducedImportKw"),
                fleet.getDouble("slots[3].reducedImportKw"), 1e-3);
        asOperator().get("/api/v1/flexibility").then().statusCode(200).body("stations.stationId", hasItem(a));
    }

    @Test
    void rolesAndErrors() throws Exception {
        String id = registerFuture("flex-roles");
        RestAssured.get("/api/v1/stations/" + id + "/flexibility").then().statusCode(401)
                .contentType("application/problem+json");
        RestAssured.get("/api/v1/flexibility").then().statusCode(401);
        as(stationToken(id)).get("/api/v1/stations/" + id + "/flexibility").then().statusCode(403)
                .contentType("application/problem+json");
        as(stationToken(id)).get("/api/v1/flexibility").then().statusCode(403);
        as(token("analyst")).get("/api/v1/stations/" + id + "/flexibility").then().statusCode(200);
        as(token("admin")).get("/api/v1/stations/" + id + "/flexibility").then().statusCode(200);
        asOperator().get("/api/v1/stations/no-such-station/flexibility").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-station"));
        asOperator().queryParam("stations", id + ",no-such-station").get("/api/v1/flexibility").then().statusCode(404);
        asOperator().queryParam("stations", id + ",,").get("/api/v1/flexibility").then().statusCode(400)
                .body("errors[0].path", equalTo("stations"));
    }
}
