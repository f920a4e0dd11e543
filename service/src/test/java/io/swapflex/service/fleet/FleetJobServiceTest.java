package io.swapflex.service.fleet;

import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.generate.FleetGenerator;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.common.jobs.AwaitFinished;
import io.swapflex.service.common.jobs.BusyException;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.station.NotReadyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Fleet jobs without a container, on the service's job runner: a job a stop interrupted is planned at the next start. */
class FleetJobServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

    private static FleetJobService open(DataSource dataSource, ExecutorService executor, int maxQueued) {
        return new FleetJobService(new FleetRepository(new Jdbc(dataSource)), CLOCK, executor,
                new FleetJobService.Settings(10, maxQueued, Duration.ofMillis(500), Duration.ofSeconds(10), 1, null));
    }

    private static FleetJobService.Report awaitFinished(FleetJobService fleet, String id) throws InterruptedException {
        return AwaitFinished.poll(() -> fleet.report(id), r -> !r.job().state().unfinished(), Duration.ofSeconds(60),
                "fleet job " + id);
    }

    @Test
    void aJobInterruptedByAStopIsPlannedAtTheNextStart(@TempDir Path dir) throws Exception {
        // First instance: its executor is already stopped, so the job is stored but never run; it is then marked
        // RUNNING, as a stop in the middle of its plan leaves it.
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdownNow();
        FleetJobService one = open(TestDatabase.file(dir), stopped, 1);
        FleetProblem problem = FleetGenerator.generate(2, 1);
        FleetJob job = one.submit(problem, Duration.ofMillis(300), "operator-1");
        assertEquals(JobState.QUEUED, job.state());
        assertThrows(BusyException.class, () -> one.submit(problem, null, "operator-1"), "one job waits already");
        new FleetRepository(new Jdbc(TestDatabase.file(dir))).table().move(job.id(), JobState.RUNNING,
                Instant.parse("2026-11-26T02:59:00Z"), null);
        assertThrows(NotReadyException.class, () -> one.stationPlan(job.id(), problem.stations().get(0).stationId()));

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            FleetJobService two = open(TestDatabase.file(dir), executor, 1);
            assertEquals(1, two.resume());
            FleetJobService.Report done = awaitFinished(two, job.id());
            assertEquals(JobState.DONE, done.job().state(), String.valueOf(done.job().error()));
            assertEquals(CLOCK.instant(), done.job().finishedAt());
            assertNotNull(done.figures());
            assertEquals(problem.stations().get(1).stationId(),
                    two.stationPlan(job.id(), problem.stations().get(1).stationId()).stationId());
            assertEquals(0, two.resume(), "nothing left to resume");
        } finally {
            executor.shutdownNow();
        }
    }
}
