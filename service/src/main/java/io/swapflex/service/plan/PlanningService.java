package io.swapflex.service.plan;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationView;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Plans stations (builds the problem, solves it, checks and commits the plan) and answers what their plans are. */
public final class PlanningService {

    private static final Logger LOG = Logger.getLogger(PlanningService.class.getName());
    private static final String GREEDY = "greedy";
    /** How long past its time limit a solve may run before the watchdog gives up on it. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final StationService stations;
    private final PlanRepository plans;
    private final Clock clock;
    private final PlanningSettings settings;
    private final Map<String, Scheduler> schedulers = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /**
     * Each station's newest plan as committed by this service (the only writer of plans): every schedule pull asks for
     * it, and reading it from the database meant parsing its problem and plan documents each time. Versions only grow,
     * so a copy read from the database never replaces a newer one committed meanwhile (the higher version wins).
     */
    private final Map<String, StoredPlan> latest = new ConcurrentHashMap<>();
    private final Consumer<StoredPlan> onPlan;
    private final DispatchSource dispatches;
    private final Function<Station, Problem> profile;
    private final SignalSource signals;
    private final SchedulerSource schedulerSource;
    private final Duration grace;
    /** The solves run here, watched from the caller's thread (see {@link #watched}). */
    private final ExecutorService solveThreads;
    /** Per station: when a re-plan first failed (or overran) since its last committed plan. */
    private final Map<String, Instant> failedSince = new ConcurrentHashMap<>();

    /** Makes a scheduler by its name: {@link Schedulers#byName} in service; a test can hand in a slow one. */
    @FunctionalInterface
    public interface SchedulerSource {
        Scheduler create(String name);
    }

    /** The grid operator's price and limit overrides of a station whose window ends after {@code now}, oldest first. */
    @FunctionalInterface
    public interface SignalSource {
        List<GridSignal> active(String stationId, Instant now);
    }

    /** The station's shares of accepted dispatch requests whose window ends after {@code now}. */
    @FunctionalInterface
    public interface DispatchSource {
        List<ActiveDispatch> active(String stationId, Instant now);
    }

    /**
     * What a re-plan takes from the rest of the service beyond the station, and who hears of its plans; each part has
     * a neutral default ({@link #defaults()}), which the withers replace one at a time.
     *
     * @param onPlan          told of every plan committed (metrics, flexibility)
     * @param dispatches      the accepted dispatch requests every re-plan includes
     * @param profile         the profile a station is planned with: its registration, or the registration with an
     *                        uploaded forecast's rows in place of its own
     * @param signals         the grid operator's price and limit overrides every re-plan applies (OpenADR events)
     * @param schedulerSource makes the schedulers by name
     * @param grace           how long past its time limit a solve may run: then the watchdog gives up on it, nothing
     *                        is committed, the last plan stays in service (stale) and the caller gets a
     *                        {@link SolveOverrunException}
     */
    public record Inputs(Consumer<StoredPlan> onPlan, DispatchSource dispatches, Function<Station, Problem> profile,
                         SignalSource signals, SchedulerSource schedulerSource, Duration grace) {

        /** Nobody told, no dispatch requests, the registration's profile, no signals, {@link Schedulers}. */
        public static Inputs defaults() {
            return new Inputs(plan -> { }, (id, now) -> List.of(), Station::registration, (id, now) -> List.of(),
                    Schedulers::byName, DEFAULT_GRACE);
        }

        public Inputs onPlan(Consumer<StoredPlan> onPlan) {
            return new Inputs(onPlan, dispatches, profile, signals, schedulerSource, grace);
        }

        public Inputs dispatches(DispatchSource dispatches) {
            return new Inputs(onPlan, dispatches, profile, signals, schedulerSource, grace);
        }

        public Inputs profile(Function<Station, Problem> profile) {
            return new Inputs(onPlan, dispatches, profile, signals, schedulerSource, grace);
        }

        public Inputs signals(SignalSource signals) {
            return new Inputs(onPlan, dispatches, profile, signals, schedulerSource, grace);
        }

        public Inputs schedulers(SchedulerSource schedulerSource, Duration grace) {
            return new Inputs(onPlan, dispatches, profile, signals, schedulerSource, grace);
        }
    }

    /** A planning service on its own: see {@link Inputs#defaults()}. */
    public PlanningService(StationService stations, PlanRepository plans, Clock clock, PlanningSettings settings) {
        this(stations, plans, clock, settings, Inputs.defaults());
    }

    public PlanningService(StationService stations, PlanRepository plans, Clock clock, PlanningSettings settings,
                           Inputs inputs) {
        SchedulerSource schedulerSource = inputs.schedulerSource();
        this.schedulerSource = schedulerSource;
        this.grace = inputs.grace();
        AtomicInteger count = new AtomicInteger();
        this.solveThreads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "swapflex-solve-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.profile = inputs.profile();
        this.signals = inputs.signals();
        this.onPlan = inputs.onPlan();
        this.stations = stations;
        this.plans = plans;
        this.clock = clock;
        this.settings = settings;
        this.dispatches = inputs.dispatches();
        schedulerSource.create(settings.solverName()); // an unknown solver name fails at start-up, not at the first plan
    }

    /**
     * Plans the station from its current state and commits the plan as its next version. One solve at a time per
     * station: the {@link Replanner} runs one re-plan at a time, and the station's {@link #lock(String) lock} keeps a
     * dispatch request's re-plan apart from it. When it fails (the database, or a solve past its deadline), nothing is
     * committed: the last plan stays in service and counts as stale until a re-plan succeeds.
     */
    public StoredPlan planNow(String stationId, String reason) {
        ReentrantLock lock = lock(stationId);
        lock.lock();
        try {
            Station station = stations.get(stationId);
            Problem problem = problemNow(station);
            Plan plan = solveBest(stationId, problem, List.of(), false);
            CheckReport report = PlanChecker.check(problem, plan);
            if (!report.hardRulesMet()) {
                LOG.warning(() -> "plan for " + stationId + " (" + plan.status() + ") breaks hard rules: "
                        + report.summary());
            }
            return commit(stationId, station.revision(), reason, problem, plan);
        } catch (RuntimeException e) {
            failedSince.putIfAbsent(stationId, clock.instant());
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The problem the station is planned with now: its profile (the registration's, or an uploaded forecast's rows in
     * its place) from the current slot, its bays, the grid operator's price and limit overrides and its accepted
     * dispatch requests.
     */
    public Problem problemNow(Station station) {
        Instant now = clock.instant();
        return ProblemValidator.requireValid(StationProblems.build(station, profile.apply(station), now,
                dispatches.active(station.id(), now), signals.active(station.id(), now)));
    }

    /**
     * Solves a station's problem with its scheduler (warm-started from its latest plan when that has the same shape)
     * and with the rule of thumb ({@code greedy}), and answers the best of those and of {@code extra} plans: the one
     * meeting the hard rules, then (with {@code fewerUnservedFirst}, see {@link #better(Problem, Plan, Plan)}) the one
     * leaving fewer swaps unserved, then the cheapest. The rule of thumb is milliseconds; it guards firm requests
     * against a scheduler that misses them.
     */
    public Plan solveBest(String stationId, Problem problem, List<Plan> extra, boolean fewerUnservedFirst) {
        SolveOptions options = settings.options();
        Optional<StoredPlan> previous = latest(stationId);
        if (previous.isPresent() && sameShape(previous.get().problem(), problem)) {
            options = options.withWarmStart(previous.get().plan());
        }
        Scheduler scheduler = stationScheduler(stationId);
        // A scheduler given up on may still be running: the station gets a new one, never two solves on one.
        Plan best = watched("the solve of station " + stationId, scheduler, problem, options,
                () -> schedulers.remove(stationId, scheduler));
        List<Plan> candidates = new ArrayList<>(extra);
        if (!settings.solverName().equals(GREEDY)) {
            candidates.add(Schedulers.byName(GREEDY).solve(problem, settings.options()));
        }
        for (Plan plan : candidates) {
            best = fewerUnservedFirst ? better(problem, best, plan) : cheaper(problem, best, plan);
        }
        return best;
    }

    /** The better of two plans of a problem: meeting the hard rules first, then the lower total; {@code a} on a tie. */
    public static Plan cheaper(Problem problem, Plan a, Plan b) {
        boolean ha = PlanChecker.check(problem, a).hardRulesMet();
        boolean hb = PlanChecker.check(problem, b).hardRulesMet();
        if (ha != hb) {
            return ha ? a : b;
        }
        return b.objective().total() < a.objective().total() - 1e-9 ? b : a;
    }

    /**
     * The better of two plans of a problem, as {@link PlanChecker} finds them: meeting the hard rules first, then fewer
     * unserved swaps, then the lower objective total; {@code a} on a tie.
     */
    public static Plan better(Problem problem, Plan a, Plan b) {
        CheckReport ra = PlanChecker.check(problem, a);
        CheckReport rb = PlanChecker.check(problem, b);
        if (ra.hardRulesMet() != rb.hardRulesMet()) {
            return ra.hardRulesMet() ? a : b;
        }
        int ua = a.unservedTotal();
        int ub = b.unservedTotal();
        if (ua != ub) {
            return ua < ub ? a : b;
        }
        return b.objective().total() < a.objective().total() - 1e-9 ? b : a;
    }


    /** Commits a plan as the station's next version. Call with the station's lock held. */
    public StoredPlan commit(String stationId, long revision, String reason, Problem problem, Plan plan) {
        StoredPlan stored;
        try {
            stored = plans.append(stationId, revision, reason, clock.instant(), problem, plan);
        } catch (RuntimeException e) {
            latest.remove(stationId); // committed or not: the database says which, next time
            throw e;
        }
        // What the database holds (the documents as written and read back), not the solver's objects: a later read of
        // this version from the database must serve the same content as the copy kept here.
        remember(plans.find(stationId, stored.version()).orElse(stored));
        failedSince.remove(stationId);
        onPlan.accept(stored);
        LOG.info(() -> String.format("planned %s v%d (%s): %s total %.2f in %d ms", stationId, stored.version(),
                reason, plan.status(), plan.objective().total(), plan.solveMillis()));
        return stored;
    }

    /** The station's planning lock: held while a re-plan or a dispatch request builds, solves and commits a plan. */
    public ReentrantLock lock(String stationId) {
        return locks.computeIfAbsent(stationId, id -> new ReentrantLock());
    }

    /** The settings the service plans with. */
    public PlanningSettings settings() {
        return settings;
    }

    /**
     * One scheduler instance per station, kept between its re-plans: a scheduler may carry what it learnt from the
     * last solve of a station into the next (the flow scheduler keeps its dual multipliers). Never shared between
     * stations, so it never runs two solves at once.
     */
    private Scheduler stationScheduler(String stationId) {
        return schedulers.computeIfAbsent(stationId, id -> schedulerSource.create(settings.solverName()));
    }

    /** The station's newest committed plan. */
    public Optional<StoredPlan> current(String stationId) {
        stations.get(stationId);
        return latest(stationId);
    }

    private Optional<StoredPlan> latest(String stationId) {
        StoredPlan known = latest.get(stationId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<StoredPlan> stored = plans.latest(stationId);
        stored.ifPresent(this::remember);
        return stored.map(p -> latest.getOrDefault(stationId, p));
    }

    private void remember(StoredPlan plan) {
        latest.merge(plan.stationId(), plan, (known, next) -> next.version() > known.version() ? next : known);
    }

    public StoredPlan version(String stationId, long version) {
        stations.get(stationId);
        return plans.find(stationId, version)
                .orElseThrow(() -> new NotFoundException("station " + stationId + " has no plan version " + version));
    }

    public List<Long> versions(String stationId) {
        stations.get(stationId);
        return plans.versions(stationId);
    }

    /** The brief of the station's current plan as its view shows it, or null before its first plan. */
    public StationView.PlanRef brief(Station station) {
        StoredPlan plan = current(station.id()).orElse(null);
        return plan == null ? null : new StationView.PlanRef(plan.version(), plan.plan().status().name(),
                plan.plan().objective().total(), plan.createdAt(), stale(station, plan));
    }

    /**
     * Whether the plan is out of date: the station changed (registration or battery event) since it was made, or a
     * re-plan due since has failed or overrun its deadline (the plan is kept in service, and its age tells how old).
     */
    public boolean stale(Station station, StoredPlan plan) {
        if (plan == null || plan.revision() < station.revision()) {
            return true;
        }
        Instant failed = failedSince.get(station.id());
        return failed != null && !failed.isBefore(plan.createdAt());
    }

    /** When a re-plan of the station first failed or overran since its last committed plan; empty when none did. */
    public Optional<Instant> replanFailingSince(String stationId) {
        return Optional.ofNullable(failedSince.get(stationId));
    }

    public CheckReport check(StoredPlan plan) {
        return PlanChecker.check(plan.problem(), plan.plan());
    }

    /**
     * Solves a contract-v1 problem document directly (for integrations that hold their own data); nothing is stored.
     *
     * @param solver    a scheduler name, or null for the service's
     * @param timeLimit a time limit, or null for the service's; at most {@link PlanningSettings#maxSolveTimeLimit()}
     * @param gapTarget a gap target in [0, 1), or null for the service's
     */
    public Plan solve(Problem problem, String solver, Duration timeLimit, Double gapTarget) {
        return solve(problem, solver, timeLimit, null, gapTarget);
    }

    /**
     * As {@link #solve(Problem, String, Duration, Double)}, or with a work limit instead of the time limit: the
     * scheduler's reproducible form ({@link Schedulers#workLimited}), the same plan on any machine and under any load.
     * Its wall time may exceed the limit on a slow machine, so it is watched for {@value #WORK_LIMIT_WALL_FACTOR} times
     * the limit (plus the grace) instead of once.
     *
     * @param workLimit a work limit in place of {@code timeLimit} (give at most one), at most the same maximum
     */
    public Plan solve(Problem problem, String solver, Duration timeLimit, Duration workLimit, Double gapTarget) {
        ProblemValidator.requireValid(problem);
        List<String> errors = new ArrayList<>();
        String name = solver == null ? settings.solverName() : solver;
        if (!Schedulers.names().contains(name)) {
            errors.add("solver '" + name + "' is unknown, known: " + String.join(", ", Schedulers.names()));
        }
        checkLimit("timeLimit", timeLimit, errors);
        checkLimit("workLimit", workLimit, errors);
        if (timeLimit != null && workLimit != null) {
            errors.add("workLimit: not with timeLimit; give one of them");
        }
        if (gapTarget != null && !(gapTarget >= 0 && gapTarget < 1)) {
            errors.add("gapTarget must be in [0, 1), is " + gapTarget);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        Duration limit = workLimit != null ? workLimit : timeLimit == null ? settings.timeLimit() : timeLimit;
        SolveOptions options = new SolveOptions(limit, gapTarget == null ? settings.gapTarget() : gapTarget, null);
        if (workLimit != null) {
            return watched("the solve", Schedulers.workLimited(name), problem, options,
                    limit.multipliedBy(WORK_LIMIT_WALL_FACTOR), () -> { });
        }
        return watched("the solve", schedulerSource.create(name), problem, options, () -> { });
    }

    /** How many times its work limit a work-limited direct solve may take on the wall clock before it counts as hung. */
    static final int WORK_LIMIT_WALL_FACTOR = 4;

    private void checkLimit(String field, Duration limit, List<String> errors) {
        if (limit != null && (limit.isNegative() || limit.isZero() || limit.compareTo(settings.maxSolveTimeLimit()) > 0)) {
            errors.add(field + " must be in (0, " + settings.maxSolveTimeLimit() + "], is " + limit);
        }
    }

    /**
     * Runs a solve on a solver thread and waits for it at most its time limit plus the grace. A scheduler should end
     * by its time limit; one that does not (a hung LP, a bug, a machine starved of CPU) would otherwise hold the
     * station's lock and a planner thread for ever, and with them every later re-plan. Past the deadline the solve is
     * interrupted and left behind (Java cannot stop a thread that ignores interrupts), {@code overrun} runs, and the
     * caller gets a {@link SolveOverrunException}: nothing is committed.
     */
    private Plan watched(String what, Scheduler scheduler, Problem problem, SolveOptions options, Runnable overrun) {
        return watched(what, scheduler, problem, options, options.timeLimit(), overrun);
    }

    /** @param limit how long the solve may take on the wall clock before the grace starts */
    private Plan watched(String what, Scheduler scheduler, Problem problem, SolveOptions options, Duration limit,
                         Runnable overrun) {
        Duration deadline = limit.plus(grace);
        Future<Plan> solve = solveThreads.submit(() -> scheduler.solve(problem, options));
        try {
            return solve.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            solve.cancel(true);
            overrun.run();
            throw new SolveOverrunException(what, limit, deadline);
        } catch (InterruptedException e) {
            solve.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted (the service is stopping)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the solver threads (the service is stopping): running solves are interrupted. */
    public void shutdown() {
        solveThreads.shutdownNow();
    }

    /** A previous plan can warm-start a solve when it covers the same slots and the same bays. */
    private static boolean sameShape(Problem before, Problem now) {
        if (!before.horizon().equals(now.horizon()) || before.bays().size() != now.bays().size()) {
            return false;
        }
        for (int i = 0; i < now.bays().size(); i++) {
            if (!before.bays().get(i).id().equals(now.bays().get(i).id())) {
                return false;
            }
        }
        return true;
    }

    static void logFailure(String stationId, RuntimeException e) {
        LOG.log(Level.SEVERE, "re-plan of " + stationId + " failed", e);
    }
}
