package io.swapflex.tools.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code swapflex bench crash} in small: the packaged service killed with SIGKILL a few times under bursts of events,
 * dispatch requests and solves, restarted on the same database each time. Every acknowledged event, every plan
 * version served and every accepted dispatch request must be found intact after each restart, and no plan served or
 * stored may be half-written. On the embedded H2 database, and on PostgreSQL when SWAPFLEX_TEST_POSTGRES_URL names one
 * (CI's .ci/with-postgres does).
 */
class CrashIT {

    @Test
    void killedAndRestartedOnH2NothingAcknowledgedIsLost(@TempDir Path work) throws Exception {
        assertClean(new CrashHarness(new CrashHarness.Settings(3, 7, null, work, Duration.ofMillis(1500),
                Duration.ofMillis(3000), System.out)).run());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SWAPFLEX_TEST_POSTGRES_URL", matches = ".+",
            disabledReason = "no PostgreSQL given: set SWAPFLEX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db?user=... "
                    + "(.ci/run starts one)")
    void killedAndRestartedOnPostgresqlNothingAcknowledgedIsLost(@TempDir Path work) throws Exception {
        assertClean(new CrashHarness(new CrashHarness.Settings(2, 11, System.getenv("SWAPFLEX_TEST_POSTGRES_URL"),
                work, Duration.ofMillis(1500), Duration.ofMillis(3000), System.out)).run());
    }

    private static void assertClean(CrashHarness.Result result) {
        System.out.println(result.database() + "\n" + CrashTable.HEADER);
        result.rounds().forEach(r -> System.out.println(CrashTable.describe(r)));
        CrashHarness.Round last = result.last();
        // The workload must have reached the service, or there is nothing to have lost.
        assertTrue(last.eventsAcked() > 0, "no event was acknowledged: " + last);
        assertTrue(last.plansServed() > 0, "no plan was served: " + last);
        assertEquals(last.eventsAcked(), last.eventsFound(), "acknowledged events lost or changed: " + last);
        assertEquals(0, last.eventsChanged(), "acknowledged events changed: " + last);
        assertEquals(last.plansServed(), last.plansIntact(), "served plan versions lost or changed: " + last);
        assertEquals(0, last.halfWrittenServed(), "half-written plans served: " + last);
        assertEquals(0, last.versionsUnsound(), "unsound plan versions stored: " + last);
        assertEquals(0, last.versionGaps(), "plan versions with gaps: " + last);
        assertEquals(last.dispatchAcked(), last.dispatchFound(), "accepted dispatch requests lost: " + last);
        assertEquals(0, last.dispatchWithoutPlan(), "dispatch requests without their plan: " + last);
        assertTrue(result.clean(), "a round was not clean: " + result);
    }
}
