package io.swapflex.tools.load;

import io.swapflex.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load test of {@code ./swapflex bench load}, small: the packaged service as a real process, 12 generated stations,
 * 10 s of controllers pulling schedules with ETags, battery events streaming in and operators reading flexibility
 * while the stations are re-planned. What it asserts is what a station controller and a grid operator rely on: no
 * request fails and every acknowledged event is stored. Speed is the benchmark's to measure, not a test's to assert
 * (the machine may be shared); the figures are printed. On the embedded H2 database, and on PostgreSQL when
 * SWAPFLEX_TEST_POSTGRES_URL names one (CI's .ci/with-postgres does).
 */
class LoadIT {

    @Test
    void underLoadNoRequestFailsAndNoAcknowledgedEventIsLost(@TempDir Path dataDir) throws Exception {
        assertSound(run(dataDir, null));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SWAPFLEX_TEST_POSTGRES_URL", matches = ".+",
            disabledReason = "no PostgreSQL given: set SWAPFLEX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db?user=... "
                    + "(.ci/run starts one)")
    void onPostgresqlTooNoRequestFailsAndNoAcknowledgedEventIsLost(@TempDir Path dataDir) throws Exception {
        assertSound(run(dataDir, System.getenv("SWAPFLEX_TEST_POSTGRES_URL")));
    }

    private static LoadTest.Report run(Path dataDir, String postgresUrl) throws Exception {
        LoadTest.Settings settings = new LoadTest.Settings(12, 1, Duration.ofSeconds(2), Duration.ofSeconds(10),
                200, 8, 60, 2, 0.5, Duration.ofMinutes(3),
                // The rule-of-thumb scheduler plans in milliseconds, so re-plans land during the 10 s.
                List.of("-Dswapflex.planning.solver=greedy", "-Dswapflex.planning.debounce=200ms",
                        "-Dswapflex.flexibility.steps=3"),
                ServiceProcess.packagedJar(), dataDir, postgresUrl, null);
        LoadTest.Report report = new LoadTest(settings, System.err).run();
        LoadReport.print(report, System.err);
        return report;
    }

    private static void assertSound(LoadTest.Report report) {
        assertTrue(report.serviceAlive(), "the service survived the load");
        assertEquals(0, report.failedRequests(), "failed requests: " + report.firstFailures());
        assertTrue(report.eventsAcknowledged() >= 400, "events acknowledged: " + report.eventsAcknowledged());
        assertEquals(report.eventsAcknowledged(), report.eventsFound(), "every acknowledged event is stored");
        assertEquals(0, report.eventsStoredUnacknowledged(), "no event stored without the controller knowing");
        assertTrue(report.schedulesAnswered() >= 1000, "schedule pulls answered: " + report.schedulesAnswered());
        assertTrue(report.schedule304() > 0 && report.schedule200() > 0,
                "controllers holding the current ETag get 304, a new plan gets 200: " + report.schedule304() + " / "
                        + report.schedule200());
        assertTrue(report.plansDuringRun() > 0, "the events were planned during the load");
    }
}
