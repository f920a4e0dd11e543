package io.swapflex.service.whatif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.common.jobs.BusyException;
import io.swapflex.service.common.jobs.JobRunner;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.PlanningSettings;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import io.swapflex.studies.whatif.Kpis;
import io.swapflex.studies.whatif.ScenarioOptions;
import io.swapflex.studies.whatif.Scenarios;
import io.swapflex.studies.whatif.WhatIfRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What-if studies: a base problem and named scenarios (variations of it) solved in the background, each plan checked
 * by the independent {@link PlanChecker}, and a KPI row per scenario beside the base's.
 *
 * <p>A submission is validated completely (every error at once, each with its JSON path) and every scenario's problem
 * is built and stored with the job before it is accepted: a job never fails on its input. Jobs run one at a time per
 * executor thread, their scenarios one after another; each outcome is committed as it comes, so progress survives a
 * restart. The {@link JobRunner} queues, runs and resumes the jobs: one found QUEUED or RUNNING at start-up
 * ({@link #resume()}) is queued again and goes on with the scenarios that have no plan yet; a scenario interrupted by
 * the shutdown is solved again in full.
 */
public final class WhatIfService {

    private static final Logger LOG = Logger.getLogger(WhatIfService.class.getName());
    private static final ObjectMapper JSON = ContractJson.mapper();

    /**
     * @param maxScenarios most scenarios of a job, the base not counted
     * @param maxQueued    most jobs waiting at once; more are refused (429) until some have run
     */
    public record Settings(int maxScenarios, int maxQueued) {
    }

    private final WhatIfRepository jobs;
    private final StationService stations;
    private final PlanningService planning;
    private final Clock clock;
    private final Settings settings;
    private final JobRunner runner;

    public WhatIfService(WhatIfRepository jobs, StationService stations, PlanningService planning, Clock clock,
                         ExecutorService executor, Settings settings) {
        this.jobs = jobs;
        this.stations = stations;
        this.planning = planning;
        this.clock = clock;
        this.settings = settings;
        this.runner = new JobRunner("what-if", jobs.table(), clock, executor, settings.maxQueued(), this::run);
    }

    /**
     * Validates the study, stores it as a QUEUED job with every scenario's problem, and queues it.
     *
     * @throws InvalidProblemException every error of the request, each beginning with its JSON path
     * @throws BusyException           when {@link Settings#maxQueued()} jobs are waiting already
     */
    public WhatIfJob submit(WhatIfRequest request, String createdBy) {
        if (request == null) {
            throw new InvalidProblemException(List.of("$ empty document"));
        }
        List<String> errors = new ArrayList<>();
        String baseSource = null;
        Problem base = null;
        if ((request.stationId() == null) == (request.problem() == null || request.problem().isNull())) {
            errors.add("$ needs a base: give stationId (a registered station) or problem (a contract-v1 problem "
                    + "document), not both");
        } else if (request.stationId() != null) {
            baseSource = "station";
            Optional<Station> station = stations.find(request.stationId());
            if (station.isEmpty()) {
                errors.add("stationId '" + request.stationId() + "' is not a registered station");
            } else if (station.get().bays().stream().noneMatch(b -> b.packPresent())) {
                errors.add("stationId '" + request.stationId() + "' has no pack in any bay: nothing to plan");
            } else {
                try {
                    base = planning.problemNow(station.get());
                } catch (InvalidProblemException e) {
                    e.errors().forEach(m -> errors.add("stationId: the station's problem now: " + m));
                }
            }
        } else {
            baseSource = "inline";
            base = inline(request.problem(), errors);
        }

        PlanningSettings ps = planning.settings();
        String defaultSolver = ScenarioOptions.solver(request.solver(), ps.solverName(), Schedulers.DEFAULT,
                Schedulers.names(), "solver", errors);
        Duration defaultLimit = ScenarioOptions.timeLimit(request.timeLimit(), ps.timeLimit(), ps.maxSolveTimeLimit(),
                "timeLimit", errors);
        double defaultGap = ScenarioOptions.gap(request.gapTarget(), ps.gapTarget(), "gapTarget", errors);

        List<WhatIfRequest.Scenario> specs = request.scenarios();
        if (specs == null || specs.isEmpty()) {
            errors.add("scenarios is required: 1 to " + settings.maxScenarios() + " named scenarios");
            specs = List.of();
        } else if (specs.size() > settings.maxScenarios()) {
            errors.add("scenarios has " + specs.size() + " scenarios, at most " + settings.maxScenarios());
            specs = List.of();
        }
        String id = "wi-" + UUID.randomUUID();
        List<WhatIfScenario> scenarios = new ArrayList<>();
        if (base != null) {
            scenarios.add(new WhatIfScenario(id, 0, Scenarios.BASE, "{}", defaultSolver,
                    defaultLimit.toMillis(), defaultGap, base, null, null, null));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            WhatIfRequest.Scenario s = specs.get(i);
            String path = "scenarios[" + i + "]";
            if (s == null) {
                errors.add(path + " is null");
                continue;
            }
            String nameError = Scenarios.nameError(s.name());
            if (nameError != null) {
                errors.add(path + ".name " + nameError);
            } else if (!names.add(s.name())) {
                errors.add(path + ".name '" + s.name() + "' is used by another scenario");
            }
            String solver = ScenarioOptions.solver(s.solver(), defaultSolver, Schedulers.DEFAULT, Schedulers.names(),
                    path + ".solver", errors);
            Duration limit = ScenarioOptions.timeLimit(s.timeLimit(), defaultLimit, ps.maxSolveTimeLimit(),
                    path + ".timeLimit", errors);
            double gap = ScenarioOptions.gap(s.gapTarget(), defaultGap, path + ".gapTarget", errors);
            Problem problem = base == null ? null : Scenarios.apply(base, s, path, errors);
            if (problem != null) {
                scenarios.add(new WhatIfScenario(id, i + 1, s.name(), write(s), solver, limit.toMillis(), gap,
                        problem, null, null, null));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        runner.checkRoom();
        WhatIfJob job = new WhatIfJob(id, JobState.QUEUED, clock.instant(), null, null, createdBy,
                base.stationId(), baseSource, scenarios.size(), 0, null);
        jobs.insert(job, scenarios);
        runner.queue(id);
        LOG.info(() -> "what-if job " + id + " queued: " + scenarios.size() + " scenarios on " + job.stationId()
                + " (" + job.baseSource() + ") by " + createdBy);
        return job;
    }

    /**
     * Queues again the jobs a stop interrupted (QUEUED, or RUNNING when the service stopped).
     *
     * @return how many
     */
    public int resume() {
        return runner.resume();
    }

    public WhatIfJob job(String id) {
        return jobs.job(id).orElseThrow(() -> new NotFoundException("no what-if job '" + id + "'"));
    }

    /** The newest jobs first. */
    public List<WhatIfJob> list(int limit) {
        return jobs.list(limit);
    }

    /**
     * A scenario of a job by name ({@code base} for scenario 0).
     *
     * @throws NotFoundException for an unknown job or name
     */
    public WhatIfScenario scenario(String id, String name) {
        job(id);
        return jobs.scenarios(id).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("what-if job " + id + " has no scenario '" + name + "'"));
    }

    /**
     * A scenario's plan.
     *
     * @throws NotReadyException while it is not solved yet
     * @throws NotFoundException for an unknown job or name, or a scenario whose solve failed
     */
    public Plan plan(String id, String name) {
        WhatIfScenario s = scenario(id, name);
        if (s.plan() != null) {
            return s.plan();
        }
        if (s.error() != null) {
            throw new NotFoundException("scenario '" + name + "' of what-if job " + id + " has no plan: its solve "
                    + "failed (" + s.error() + ")");
        }
        throw new NotReadyException("scenario '" + name + "' of what-if job " + id + " is not solved yet");
    }

    /** The job with a KPI row per scenario (the base first), the deltas to the base and the checker's findings. */
    public Report report(String id) {
        WhatIfJob job = job(id);
        List<WhatIfScenario> scenarios = jobs.scenarios(id);
        Kpis baseKpis = null;
        boolean runningSeen = false;
        List<Row> rows = new ArrayList<>();
        for (WhatIfScenario s : scenarios) {
            Kpis kpis = s.plan() == null ? null : Kpis.of(s.problem(), s.plan());
            if (s.position() == 0) {
                baseKpis = kpis;
            }
            String state;
            if (s.plan() != null) {
                state = "DONE";
            } else if (s.error() != null) {
                state = "FAILED";
            } else if (job.state() == JobState.RUNNING && !runningSeen) {
                state = "RUNNING";
                runningSeen = true;
            } else {
                state = "QUEUED";
            }
            Check check = null;
            if (s.plan() != null) {
                CheckReport report = PlanChecker.check(s.problem(), s.plan());
                check = new Check(report.feasible(), report.hardRulesMet(), report.violations());
            }
            rows.add(new Row(s.position(), s.name(), state, s.solver(), Duration.ofMillis(s.timeLimitMillis()).toString(),
                    s.gapTarget(), read(s.variations()), kpis,
                    kpis == null || baseKpis == null ? null : Delta.of(kpis, baseKpis), check, s.error(), s.solvedAt()));
        }
        Problem base = scenarios.isEmpty() ? null : scenarios.get(0).problem();
        return new Report(job.id(), job.state().name(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.createdBy(), new Base(job.baseSource(), job.stationId(),
                base == null ? null : base.horizon().start(), base == null ? 0 : base.horizon().slotMinutes(),
                base == null ? 0 : base.slots(), base == null ? 0 : base.bays().size(),
                base == null ? null : base.tariff().currency()),
                new Progress(job.done(), job.scenarioCount()), job.error(), rows);
    }

    /** Runs a job: its unsolved scenarios in order; the job ends DONE, or FAILED when a scenario's solve failed. */
    private JobRunner.Result run(String id) {
        List<String> failures = new ArrayList<>();
        for (WhatIfScenario s : jobs.scenarios(id)) {
            if (s.error() != null) {
                failures.add(s.name());
            }
            if (s.finished()) {
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return JobRunner.Result.stopped();
            }
            Plan plan;
            try {
                plan = Schedulers.byName(s.solver()).solve(s.problem(),
                        new SolveOptions(Duration.ofMillis(s.timeLimitMillis()), s.gapTarget(), null));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return JobRunner.Result.stopped();
                }
                LOG.log(Level.WARNING, "what-if job " + id + ": scenario '" + s.name() + "' failed", e);
                jobs.result(id, s.position(), null, String.valueOf(e), clock.instant());
                failures.add(s.name());
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return JobRunner.Result.stopped(); // a solve cut short by the stop is not a result: solved again
            }
            jobs.result(id, s.position(), ContractJson.write(plan), null, clock.instant());
        }
        return failures.isEmpty() ? JobRunner.Result.done()
                : JobRunner.Result.failed("the solve of scenario(s) " + String.join(", ", failures) + " failed");
    }

    /** Stops running jobs (they are resumed at the next start). */
    public void shutdown() {
        runner.shutdown();
    }

    private static Problem inline(JsonNode node, List<String> errors) {
        try {
            Problem problem = ContractJson.readProblem(node.toString());
            List<String> invalid = ProblemValidator.errors(problem);
            invalid.forEach(m -> errors.add(prefixed(m)));
            return invalid.isEmpty() ? problem : null;
        } catch (InvalidProblemException e) {
            e.errors().forEach(m -> errors.add(prefixed(m)));
            return null;
        }
    }

    /** A problem document's error with the path under {@code problem}: {@code problem.packTypes[1].minSoc ...}. */
    private static String prefixed(String message) {
        if (message.startsWith("$")) {
            return "problem" + message.substring(1);
        }
        return "problem." + message;
    }

    private static String write(WhatIfRequest.Scenario s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scenario variations cannot be read", e);
        }
    }

    /** A job as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String id, String state, Instant createdAt, Instant startedAt, Instant finishedAt,
                         String createdBy, Base base, Progress progress, String error, List<Row> scenarios) {
    }

    /** Where the base came from and its shape. */
    public record Base(String source, String stationId, String horizonStart, int slotMinutes, int slots, int bays,
                       String currency) {
    }

    /** Scenarios finished (solved or failed) of all, the base included. */
    public record Progress(int done, int total) {
    }

    /**
     * One scenario's row.
     *
     * @param state      QUEUED, RUNNING, DONE or FAILED
     * @param variations the scenario as submitted ({@code {}} for the base)
     * @param delta      this scenario's figures minus the base's (both solved)
     * @param check      the independent plan checker's findings on the plan
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int index, String name, String state, String solver, String timeLimit, double gapTarget,
                      JsonNode variations, Kpis kpis, Delta delta, Check check, String error, Instant solvedAt) {
    }

    /** The scenario's figures minus the base's. */
    public record Delta(double totalCost, double importCost, double exportRevenue, double dispatchReward,
                        int swapsServed, int swapsUnserved, double energyCycledKwh, double peakImportKw) {
        static Delta of(Kpis k, Kpis base) {
            return new Delta(k.totalCost() - base.totalCost(), k.importCost() - base.importCost(),
                    k.exportRevenue() - base.exportRevenue(), k.dispatchReward() - base.dispatchReward(),
                    k.swapsServed() - base.swapsServed(), k.swapsUnserved() - base.swapsUnserved(),
                    k.energyCycledKwh() - base.energyCycledKwh(), k.peakImportKw() - base.peakImportKw());
        }
    }

    /** What {@link PlanChecker} finds: feasible (nothing found), the hard rules met, and each finding. */
    public record Check(boolean feasible, boolean hardRulesMet, List<String> violations) {
    }
}
