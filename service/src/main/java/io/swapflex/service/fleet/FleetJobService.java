package io.swapflex.service.fleet;

import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.FleetValidator;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.service.common.jobs.JobRunner;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fleet plans for grid operators and analysts: a fleet problem (contract-v1 stations, feeders, fleet requests) planned
 * in the background by the {@link FleetPlanner}, its station plans and figures stored once done and checked by the
 * independent {@link FleetChecker}. A job is validated whole before it is accepted (every error with its JSON path)
 * and stored with its problem, so a restart plans a QUEUED or RUNNING job again (the {@link JobRunner} queues, runs
 * and resumes them).
 */
public final class FleetJobService {

    private static final Logger LOG = Logger.getLogger(FleetJobService.class.getName());

    /**
     * @param maxStations  most stations in one fleet job
     * @param maxQueued    most jobs waiting at once
     * @param maxTimeLimit the longest time limit a job may ask for
     * @param threads      stations planned at once within a job
     * @param cluster      where the station solves run when the instance is a cluster member (the jobs are then
     *                     planned deterministically, the time limit a work budget on one core), or null: this
     *                     machine's threads, the time limit wall time
     */
    public record Settings(int maxStations, int maxQueued, Duration defaultTimeLimit, Duration maxTimeLimit,
                           int threads, StationSolver cluster) {
    }

    /** What a GET of a job answers: the job, and once DONE the fleet's figures and the checker's findings. */
    public record Report(FleetJob job, FleetPlan figures, List<String> checkFindings) {
    }

    private final FleetRepository jobs;
    private final Clock clock;
    private final Settings settings;
    private final JobRunner runner;

    public FleetJobService(FleetRepository jobs, Clock clock, ExecutorService executor, Settings settings) {
        this.jobs = jobs;
        this.clock = clock;
        this.settings = settings;
        this.runner = new JobRunner("fleet", jobs.table(), clock, executor, settings.maxQueued(), this::run);
    }

    /**
     * @throws InvalidProblemException every error of the fleet, each beginning with its JSON path
     * @throws io.swapflex.service.common.jobs.BusyException when {@link Settings#maxQueued()} jobs wait already
     */
    public FleetJob submit(FleetProblem fleet, Duration timeLimit, String createdBy) {
        List<String> errors = new java.util.ArrayList<>(FleetValidator.errors(fleet));
        if (fleet != null && fleet.stations() != null && fleet.stations().size() > settings.maxStations()) {
            errors.add("stations has " + fleet.stations().size() + " stations, this service plans at most "
                    + settings.maxStations() + " in one job (swapflex.fleet.max-stations)");
        }
        Duration limit = timeLimit == null ? settings.defaultTimeLimit() : timeLimit;
        if (limit.compareTo(settings.maxTimeLimit()) > 0 || limit.toMillis() < 100) {
            errors.add("timeLimit must be between 100ms and " + settings.maxTimeLimit().toSeconds() + "s, is "
                    + limit.toMillis() + " ms");
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        runner.checkRoom();
        FleetJob job = new FleetJob("fl-" + UUID.randomUUID(), JobState.QUEUED, clock.instant(), null, null,
                createdBy, fleet.fleetId(), fleet.stations().size(), limit.toMillis(), null);
        jobs.insert(job, fleet);
        runner.queue(job.id());
        LOG.info(() -> "fleet job " + job.id() + " queued: " + job.stationCount() + " stations of " + job.fleetId()
                + " by " + createdBy);
        return job;
    }

    /** Queues again the jobs a stop interrupted; returns how many. */
    public int resume() {
        return runner.resume();
    }

    public FleetJob job(String id) {
        return jobs.job(id).orElseThrow(() -> new NotFoundException("no fleet job '" + id + "'"));
    }

    public List<FleetJob> list(int limit) {
        return jobs.list(limit);
    }

    public Report report(String id) {
        FleetJob job = job(id);
        if (job.state() != JobState.DONE) {
            return new Report(job, null, null);
        }
        FleetPlan figures = jobs.figures(id).orElseThrow();
        List<Plan> plans = jobs.stationPlans(id);
        FleetPlan whole = new FleetPlan(figures.formatVersion(), figures.fleetId(), figures.status(), figures.total(),
                figures.bound(), figures.gap(), figures.solveMillis(), figures.priceRounds(), figures.coupling(),
                plans, figures.violations());
        return new Report(job, figures, FleetChecker.check(jobs.problem(id), whole));
    }

    /** One station's plan of a DONE job (NotReady until then). */
    public Plan stationPlan(String id, String stationId) {
        FleetJob job = job(id);
        if (job.state() != JobState.DONE) {
            throw new NotReadyException("fleet job '" + id + "' is " + job.state() + "; its plans come when it is DONE");
        }
        return jobs.stationPlan(id, stationId).orElseThrow(() ->
                new NotFoundException("fleet job '" + id + "' has no station '" + stationId + "'"));
    }

    public FleetProblem problem(String id) {
        job(id);
        return jobs.problem(id);
    }

    public void shutdown() {
        runner.shutdown();
    }

    private JobRunner.Result run(String id) {
        try {
            FleetJob job = job(id);
            FleetProblem fleet = jobs.problem(id);
            FleetPlanner planner = settings.cluster() == null ? new FleetPlanner(new FlowScheduler(), settings.threads())
                    : FleetPlanner.deterministic(settings.cluster(), false);
            FleetPlan plan = planner.plan(fleet, Duration.ofMillis(job.timeLimitMillis()));
            if (Thread.currentThread().isInterrupted()) {
                return JobRunner.Result.stopped(); // a plan cut short by the stop is planned again at the next start
            }
            jobs.store(id, plan);
            LOG.info(() -> "fleet job " + id + " planned: " + plan.status() + ", total " + plan.total() + ", gap "
                    + plan.gap());
            return JobRunner.Result.done();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return JobRunner.Result.stopped(); // shutting down: the job stays RUNNING and resumes at the next start
            }
            LOG.log(Level.WARNING, "fleet job " + id + " failed", e);
            return JobRunner.Result.failed(e.toString());
        }
    }
}
