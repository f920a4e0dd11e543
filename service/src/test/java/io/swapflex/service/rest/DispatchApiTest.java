package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dispatch requests: accepted (stored, planned, kept by re-plans) or declined (nothing changes), and bad input. */
@QuarkusTest
class DispatchApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Replanner replanner;

    private String registerFuture(String prefix) throws InterruptedException {
        return Api.register(Api.futureDemo(prefix), replanner);
    }

    private static JsonPath flexibility(String id) {
        return asOperator().get("/api/v1/stations/" + id + "/flexibility").then().statusCode(200).extract().jsonPath();
    }

    private static String body(String stations, Object from, Object to, double kw, double reward, boolean firm) {
        return String.format(Locale.ROOT, "{%s, \"from\": \"%s\", \"to\": \"%s\", \"exportKw\": %s, "
                + "\"rewardPerKwh\": %s, \"firm\": %s}", stations, from, to, kw, reward, firm);
    }

    private static String one(String id) {
        return "\"stationId\": \"" + id + "\"";
    }

    private static io.restassured.response.ValidatableResponse post(String body) {
        return asOperator().contentType(ContentType.JSON).body(body).post("/api/v1/dispatch-requests").then();
    }

    private static void assertPlanMeets(String id, long version, String requestId, double kw) throws Exception {
        Problem problem = FlexibilityApiTest.problem(id, version);
        Plan plan = FlexibilityApiTest.plan(id, version);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        DispatchRequest r = problem.requests().stream().filter(q -> q.id().equals(requestId)).findFirst().orElseThrow();
        assertTrue(r.isFirm(), "an accepted request is planned as firm");
        assertEquals(kw, r.exportKw(), 1e-6);
        for (int t = r.fromSlot(); t < r.toSlot(); t++) {
            assertTrue(plan.grid().exportKw()[t] - plan.grid().importKw()[t] >= kw - 1e-5);
        }
    }

    @Test
    void aRequestWithinTheFlexibilityIsAcceptedStoredAndKeptByLaterReplans() throws Exception {
        String id = registerFuture("dr-accept");
        Map<String, Object> window = FlexibilityApiTest.largest(flexibility(id));
        double kw = Math.floor(((Number) window.get("exportKw")).doubleValue() * 0.8 * 100) / 100;
        Plan before = FlexibilityApiTest.plan(id, 1);
        JsonPath accepted = post(body(one(id), window.get("from"), window.get("to"), kw, 3.0, true))
                .statusCode(201).header("Location", containsString("/api/v1/dispatch-requests/dr-"))
                .body("status", equalTo("ACCEPTED")).body("reason", nullValue())
                .body("stations[0].stationId", equalTo(id)).body("stations[0].planVersion", equalTo(2))
                .extract().jsonPath();
        String requestId = accepted.getString("id");
        assertPlanMeets(id, 2, requestId, kw);
        assertTrue(FlexibilityApiTest.plan(id, 2).unservedTotal() <= before.unservedTotal());

        asOperator().get("/api/v1/dispatch-requests/" + requestId).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("phase", equalTo("UPCOMING"))
                .body("requestedBy", equalTo("dev-operator"))
                .body("stations[0].planVersion", equalTo(2)).body("stations[0].exportKw", equalTo((float) kw));
        as(token("analyst")).queryParam("stationId", id).get("/api/v1/dispatch-requests").then().statusCode(200)
                .body("id", contains(requestId));
        asOperator().get("/api/v1/dispatch-requests").then().statusCode(200).body("id", hasItem(requestId));

        // A battery event re-plans the station: the request stays in its problem, and is met.
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-02\", \"socFraction\": 0.5}")
                .post("/api/v1/stations/" + id + "/events").then().statusCode(202);
        Api.awaitPlanned(replanner, id);
        asOperator().get("/api/v1/stations/" + id + "/plan").then().body("version", equalTo(3));
        Problem third = FlexibilityApiTest.problem(id, 3);
        assertTrue(third.requests().stream().anyMatch(r -> r.id().equals(requestId)));
        assertTrue(PlanChecker.check(third, FlexibilityApiTest.plan(id, 3)).hardRulesMet());
    }

    @Test
    void requestsOverTheSameWindowAddUp() throws Exception {
        String id = registerFuture("dr-add");
        Map<String, Object> window = FlexibilityApiTest.largest(flexibility(id));
        int w = ((Number) window.get("fromSlot")).intValue();
        double offered = ((Number) window.get("exportKw")).doubleValue();
        double first = Math.floor(offered / 2 * 100) / 100;
        String a = post(body(one(id), window.get("from"), window.get("to"), first, 1.0, true))
                .statusCode(201).extract().path("id");
        double more = flexibility(id).getDouble("windows[" + w + "].exportKw");
        assertTrue(more > 0 && more < offered, "on top of " + first + " kW committed: " + more + " of " + offered);
        post(body(one(id), window.get("from"), window.get("to"), offered, 1.0, true))
                .statusCode(200).body("status", equalTo("DECLINED"))
                .body("maxPossibleKw", equalTo((float) more));
        String b = post(body(one(id), window.get("from"), window.get("to"), more, 1.0, true))
                .statusCode(201).body("stations[0].planVersion", equalTo(3)).extract().path("id");
        Problem problem = FlexibilityApiTest.problem(id, 3);
        Plan plan = FlexibilityApiTest.plan(id, 3);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        assertTrue(plan.acceptedDispatchRequests().containsAll(List.of(a, b)));
        for (int t = w; t < ((Number) window.get("toSlot")).intValue(); t++) {
            assertTrue(plan.grid().exportKw()[t] - plan.grid().importKw()[t] >= first + more - 1e-5,
                    "slot " + t + ": both requests, " + (first + more) + " kW");
        }
    }

    @Test
    void aRequestBeyondTheExportLimitIsDeclinedWithTheMostPossibleAndChangesNothing() throws Exception {
        String id = registerFuture("dr-decline");
        Map<String, Object> window = FlexibilityApiTest.largest(flexibility(id));
        double offered = ((Number) window.get("exportKw")).doubleValue();
        JsonPath declined = post(body(one(id), window.get("from"), window.get("to"), 5.0, 3.0, true))
                .statusCode(200).body("status", equalTo("DECLINED")).body("id", nullValue())
                .body("reason", containsString("5.00 kW"))
                .extract().jsonPath();
        assertEquals(offered, declined.getDouble("maxPossibleKw"), 1e-6, "the most possible is the window's offer");
        assertTrue(declined.getString("reason").contains(String.format(Locale.ROOT, "%.2f kW", offered)),
                declined.getString("reason"));
        asOperator().get("/api/v1/stations/" + id + "/plans").then().body("$", contains(1));
        asOperator().queryParam("stationId", id).get("/api/v1/dispatch-requests").then().statusCode(200)
                .body("size()", equalTo(0));

        // Re-sent at the most possible, it is accepted.
        String requestId = post(body(one(id), window.get("from"), window.get("to"), offered, 3.0, true))
                .statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("id");
        assertPlanMeets(id, 2, requestId, offered);
    }

    @Test
    void anOfferIsAcceptedWhenItsRewardPaysAndDeclinedWhenItDoesNot() throws Exception {
        String id = registerFuture("dr-offer");
        Map<String, Object> window = FlexibilityApiTest.largest(flexibility(id));
        double kw = ((Number) window.get("exportKw")).doubleValue();
        post(body(one(id), window.get("from"), window.get("to"), kw, 0.0, false))
                .statusCode(200).body("status", equalTo("DECLINED")).body("reason", containsString("declines the offer"));
        String requestId = post(body(one(id), window.get("from"), window.get("to"), kw, 500.0, false))
                .statusCode(201).body("status", equalTo("ACCEPTED")).body("firm", equalTo(false)).extract().path("id");
        assertPlanMeets(id, 2, requestId, kw);
    }

    @Test
    void aRequestSpreadOverStationsIsSplitByTheirFlexibility() throws Exception {
        String a = registerFuture("dr-spread");
        String b = registerFuture("dr-spread");
        JsonPath fa = flexibility(a);
        JsonPath fb = flexibility(b);
        Map<String, Object> window = FlexibilityApiTest.largest(fa);
        int w = ((Number) window.get("fromSlot")).intValue();
        double xa = fa.getDouble("windows[" + w + "].exportKw");
        double xb = fb.getDouble("windows[" + w + "].exportKw");
        String stations = "\"stations\": [\"" + a + "\", \"" + b + "\"]";
        post(body(stations, window.get("from"), window.get("to"), xa + xb + 1, 2.0, true))
                .statusCode(200).body("status", equalTo("DECLINED"))
                .body("maxPossibleKw", equalTo((float) (Math.floor((xa + xb) * 100 + 1e-9) / 100)))
                .body("stations.maxPossibleKw", contains((float) xa, (float) xb));
        double kw = Math.floor((xa + xb) * 0.5 * 100) / 100;
        JsonPath accepted = post(body(stations, window.get("from"), window.get("to"), kw, 2.0, true))
                .statusCode(201).body("status", equalTo("ACCEPTED")).body("stations.stationId", contains(a, b))
                .extract().jsonPath();
        double shareA = accepted.getDouble("stations[0].exportKw");
        double shareB = accepted.getDouble("stations[1].exportKw");
        assertEquals(kw, shareA + shareB, 1e-3);
        assertEquals(xa / (xa + xb), shareA / kw, 1e-3, "split in proportion to what each can commit");
        String requestId = accepted.getString("id");
        assertPlanMeets(a, 2, requestId, accepted.getDouble("stations[0].exportKw"));
        assertPlanMeets(b, 2, requestId, accepted.getDouble("stations[1].exportKw"));
    }

    @Test
    void badInputIs400WithTheFieldPathUnknownIs404() throws Exception {
        String id = registerFuture("dr-bad");
        JsonPath flex = flexibility(id);
        String from = flex.getString("windows[5].from");
        String to = flex.getString("windows[6].to");
        String offGrid = OffsetDateTime.parse(from).plusMinutes(30).toString();
        post(body(one(id), offGrid, to, 1.0, 0, true)).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("from")).body("errors[0].message", containsString("slot boundary"));
        post(body(one(id), from, "2099-01-01T00:00:00Z", 1.0, 0, true)).statusCode(400)
                .body("errors[0].path", equalTo("to")).body("detail", containsString("end of the planning horizon"));
        post(body(one(id), to, from, 1.0, 0, true)).statusCode(400).body("errors.path", hasItem("to"));
        post(body(one(id), "tonight", to, 1.0, 0, true)).statusCode(400).body("errors[0].path", equalTo("from"));
        post(body(one(id), from, to, -2.0, -1, true)).statusCode(400)
                .body("errors.path", hasItems("exportKw", "rewardPerKwh"));
        post("{\"stationId\": \"" + id + "\", \"from\": \"" + from + "\", \"to\": \"" + to + "\", \"exportKw\": 1}")
                .statusCode(400).body("errors[0].path", equalTo("firm"));
        post("{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"exportKw\": 1, \"firm\": true}")
                .statusCode(400).body("errors[0].path", equalTo("stationId"));
        post(body(one(id) + ", \"stations\": [\"" + id + "\"]", from, to, 1.0, 0, true)).statusCode(400)
                .body("errors[0].path", equalTo("stations"));
        post(body("\"stations\": [\"" + id + "\", \"" + id + "\"]", from, to, 1.0, 0, true)).statusCode(400)
                .body("errors[0].path", equalTo("stations[1]"));
        post(body(one(id), from, to, 1.0, 0, true).replace("}", ", \"kw\": 3}")).statusCode(400)
                .body("errors[0].message", containsString("unknown field 'kw'"));
        post(body(one(id), from, to, 1.0, 0, true).replace("true", "\"yes\"")).statusCode(400)
                .body("errors[0].path", equalTo("firm"));
        post("{\"stationId\": ").statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("$"));
        post("").statusCode(400).contentType(PROBLEM_JSON);
        post(body(one("no-such-station"), from, to, 1.0, 0, true)).statusCode(404).contentType(PROBLEM_JSON)
                .body("detail", containsString("no-such-station"));
        asOperator().get("/api/v1/dispatch-requests/dr-nope").then().statusCode(404).contentType(PROBLEM_JSON);
        asOperator().queryParam("stationId", "no-such-station").get("/api/v1/dispatch-requests").then()
                .statusCode(404);
        asOperator().get("/api/v1/stations/" + id + "/plans").then().body("$", contains(1));
    }

    @Test
    void onlyOperatorsAndAdminsSendRequestsAnalystsRead() throws Exception {
        String id = registerFuture("dr-roles");
        JsonPath flex = flexibility(id);
        String request = body(one(id), flex.getString("windows[2].from"), flex.getString("windows[2].to"), 0.01, 0, true);
        RestAssured.given().contentType(ContentType.JSON).body(request).post("/api/v1/dispatch-requests").then()
                .statusCode(401).contentType(PROBLEM_JSON);
        RestAssured.get("/api/v1/dispatch-requests").then().statusCode(401);
        as(token("analyst")).contentType(ContentType.JSON).body(request).post("/api/v1/dispatch-requests").then()
                .statusCode(403).contentType(PROBLEM_JSON);
        as(stationToken(id)).contentType(ContentType.JSON).body(request).post("/api/v1/dispatch-requests").then()
                .statusCode(403);
        as(stationToken(id)).get("/api/v1/dispatch-requests").then().statusCode(403);
        as(token("analyst")).get("/api/v1/dispatch-requests").then().statusCode(200);
        String requestId = as(token("admin")).contentType(ContentType.JSON).body(request)
                .post("/api/v1/dispatch-requests").then().statusCode(201).extract().path("id");
        as(stationToken(id)).get("/api/v1/dispatch-requests/" + requestId).then().statusCode(403);
        as(token("analyst")).get("/api/v1/dispatch-requests/" + requestId).then().statusCode(200)
                .body("stations.stationId", contains(id)).body("id", not(nullValue()));
    }
}
