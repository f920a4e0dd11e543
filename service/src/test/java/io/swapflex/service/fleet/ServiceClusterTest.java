package io.swapflex.service.fleet;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.swapflex.cluster.ClusterMembers;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A service instance started with {@code swapflex.cluster.members} joins a Hazelcast cluster with a second member
 * (started here, as {@code swapflex cluster-member} would be): a fleet job posted to the service is planned with its
 * station solves spread over both members, and its stored plans are the deterministic single-machine plans of the same
 * fleet, budget and seed, to the byte (but their wall times); every plan passes the fleet checker.
 */
@QuarkusTest
@TestProfile(ServiceClusterTest.TwoMembers.class)
@Timeout(300)
class ServiceClusterTest {

    private static final int SERVICE_PORT = ClusterMembers.freePort(List.of());
    private static final int OTHER_PORT = ClusterMembers.freePort(List.of(SERVICE_PORT));
    private static final String NAME = "swapflex-test-" + UUID.randomUUID();
    private static final List<String> MEMBERS = List.of("127.0.0.1:" + SERVICE_PORT, "127.0.0.1:" + OTHER_PORT);
    private static final long SEED = 5;

    /** The service is the member on SERVICE_PORT, one solve at a time. */
    public static class TwoMembers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swapflex.cluster.members", String.join(",", MEMBERS),
                    "swapflex.cluster.bind", MEMBERS.get(0),
                    "swapflex.cluster.name", NAME,
                    "swapflex.cluster.threads", "1",
                    "swapflex.cluster.seed", String.valueOf(SEED));
        }
    }

    private static HazelcastInstance other;

    @BeforeAll
    static void startTheOtherMember() {
        // in a Quarkus test the application's classes are the test's class loader's, not the thread's default one
        other = ClusterMembers.join(NAME, MEMBERS.get(1), MEMBERS, 1, ServiceClusterTest.class.getClassLoader());
        ClusterMembers.awaitSize(other, 2, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopTheOtherMember() {
        if (other != null) {
            other.shutdown();
        }
    }

    @Test
    void aFleetJobIsSpreadOverTheMembersAndGivesTheSingleMachinePlans() throws Exception {
        FleetProblem fleet = FleetGenerator.generate(10, 4);
        String operator = token("operator");
        String id = as(operator).contentType(ContentType.JSON).body(ContractJson.write(fleet))
                .post("/api/v1/fleet-plans?timeLimit=3s").then().statusCode(202).extract().path("job.id");
        JsonPath done = awaitDone(operator, id);
        assertEquals("DONE", done.getString("job.state"), done.prettify());
        assertEquals(List.of(), done.getList("checkFindings"), done.prettify());

        FleetPlan alone = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 1), false)
                .plan(fleet, Duration.ofSeconds(3));
        List<Plan> served = new ArrayList<>();
        for (Problem station : fleet.stations()) {
            served.add(ContractJson.readPlan(as(operator).get("/api/v1/fleet-plans/" + id + "/stations/"
                    + station.stationId() + "/plan").then().statusCode(200).extract().asString()));
        }
        for (int s = 0; s < served.size(); s++) {
            assertEquals(withoutWallTime(alone.stations().get(s)), withoutWallTime(served.get(s)), "station " + s);
        }
        // the figures as stored, read with Jackson (rest-assured's JsonPath reads numbers as floats)
        var figures = ContractJson.mapper().readTree(as(operator).get("/api/v1/fleet-plans/" + id).then()
                .statusCode(200).extract().asString()).get("figures");
        assertEquals(alone.total(), figures.get("total").asDouble());
        assertEquals(alone.bound(), figures.get("bound").asDouble());
        assertEquals(alone.status().name(), figures.get("status").asText());
        long elsewhere = other.getExecutorService(ClusterMembers.EXECUTOR).getLocalExecutorStats()
                .getCompletedTaskCount();
        assertTrue(elsewhere > 0 && elsewhere < served.size() * 10L,
                "the other member ran " + elsewhere + " station solves");
        assertEquals(List.of(), FleetChecker.check(fleet, new FleetPlan(alone.formatVersion(), alone.fleetId(),
                alone.status(), alone.total(), alone.bound(), alone.gap(), 0, 0, alone.coupling(), served,
                alone.violations())));
    }

    private static JsonPath awaitDone(String token, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = as(token).get("/api/v1/fleet-plans/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("job.state");
            if (state.equals("DONE") || state.equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
        return fail("fleet job " + id + " did not finish");
    }

    private static String withoutWallTime(Plan plan) {
        return ContractJson.write(plan).replaceAll("\"solveMillis\" : \\d+", "");
    }
}
