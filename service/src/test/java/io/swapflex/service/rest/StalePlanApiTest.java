package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.Replanner;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a station's controller sees when its re-plan hangs past the deadline: the last plan keeps being served, marked
 * stale ({@code X-Plan-Stale: true}) with its age ({@code X-Plan-Age}), and once the scheduler answers again the next
 * retry brings a fresh plan. A direct solve past its deadline answers 503 problem+json instead of hanging.
 */
@QuarkusTest
@TestProfile(StalePlanApiTest.HangingScheduler.class)
class StalePlanApiTest {

    /** Stations whose solves hang until they are taken out of the set (or the watchdog interrupts them). */
    static final Set<String> HANGING = ConcurrentHashMap.newKeySet();

    /** Short limits, so the watchdog gives up in 0.6 s, and the scheduler source below. */
    public static class HangingScheduler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swapflex.planning.time-limit", "300ms", "swapflex.planning.solve-grace", "300ms");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HangingSchedulers.class);
        }
    }

    /** The rule of thumb, except that a station in {@link #HANGING} hangs as a stuck solver would. */
    @Alternative
    @Singleton
    public static class HangingSchedulers implements PlanningService.SchedulerSource {
        @Override
        public Scheduler create(String name) {
            Scheduler greedy = Schedulers.byName("greedy");
            return new Scheduler() {
                @Override
                public String name() {
                    return "hangs-on-demand";
                }

                @Override
                public Plan solve(Problem problem, SolveOptions options) {
                    while (HANGING.contains(problem.stationId())) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // the watchdog gave up: end as soon as it lets us
                        }
                    }
                    return greedy.solve(problem, options);
                }
            };
        }
    }

    @Inject
    Replanner replanner;

    @AfterEach
    void release() {
        HANGING.clear();
    }

    @Test
    void aHungReplanLeavesTheLastPlanInServiceMarkedStaleWithItsAgeUntilARetryWorks() throws Exception {
        Problem demo = Api.freshDemo("hung");
        String id = Api.register(demo, replanner);
        Response before = asOperator().get("/api/v1/stations/" + id + "/schedule");
        before.then().statusCode(200).header("X-Plan-Version", "1").header("X-Plan-Stale", "false");

        HANGING.add(id);
        long completed = replanner.completed(id);
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/" + id + "/events").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (replanner.completed(id) == completed && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(replanner.completed(id) > completed, "the hung re-plan was given up");

        Response stale = asOperator().get("/api/v1/stations/" + id + "/schedule");
        stale.then().statusCode(200).header("X-Plan-Version", "1").header("X-Plan-Stale", "true");
        long age = Long.parseLong(stale.header("X-Plan-Age"));
        assertTrue(age >= 0 && age < 60, "the plan's age in seconds: " + age);
        asOperator().get("/api/v1/stations/" + id + "/plan").then().statusCode(200)
                .body("version", equalTo(1)).body("stale", equalTo(true));
        assertTrue(replanner.busy(id), "the re-plan is being retried");

        // The scheduler answers again: the next retry commits plan 2, without the bay the event emptied.
        HANGING.remove(id);
        Api.awaitPlanned(replanner, id);
        asOperator().get("/api/v1/stations/" + id + "/schedule").then().statusCode(200)
                .header("X-Plan-Version", "2").header("X-Plan-Stale", "false");
        assertEquals(2, asOperator().get("/api/v1/stations/" + id + "/plan").jsonPath().getList("plan.bays").size());
    }

    @Test
    void aDirectSolvePastItsDeadlineAnswers503InsteadOfHanging() {
        Problem demo = Api.freshDemo("hung-direct");
        HANGING.add(demo.stationId());
        long started = System.nanoTime();
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(demo))
                .post("/api/v1/plans/solve?timeLimit=200ms")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("detail", containsString("did not end within its deadline"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }
}
