package io.swapflex.service.flex;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Commitments;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.NotReadyException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stations' flexibility per hour window of their current plan, computed by {@link FlexibilityCalculator} once per plan
 * version and kept: a GET after the computation answers at once. With {@code precompute}, every committed plan's
 * flexibility is computed in the background as it arrives, and until it is done a GET answers at once with the
 * fastest certain figures: the last ones proven (an earlier plan version's, marked stale, basis
 * {@code PREVIOUS_PLAN}), or, for a station never computed, the physical bound of each window (basis
 * {@code PHYSICAL_BOUND}: nothing proven, exportKw 0, upperBoundKw the bound). Without precompute, the first GET of a
 * plan version computes it or waits for it.
 *
 * <p>The background is bounded: a station waits at most once in its queue (a plan committed while it waits is the
 * one computed when its turn comes; versions in between are skipped), so the queue never holds more than the
 * stations, and its one thread runs below the request threads.
 */
public final class FlexibilityService {

    private static final Logger LOG = Logger.getLogger(FlexibilityService.class.getName());

    private final PlanningService planning;
    private final FlexibilityCalculator calculator;
    private final Clock clock;
    private final String method;
    private final ExecutorService background;
    private final Map<String, Computed> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Stations waiting in the background queue (not those whose computation runs). */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Per station, the physical-bound figures of its current plan version, while nothing is proven for it. */
    private final Map<String, StationFlexibility> bounds = new ConcurrentHashMap<>();

    /** What one plan version's computation found: the figures, the problem they hold for, and the witnesses. */
    private record Computed(long planVersion, String problemJson, StationFlexibility flexibility,
                            List<FlexibilityCalculator.Proven> proven) {
    }

    /**
     * @param method     the method in words, reported with the figures
     * @param background where plans' flexibility is precomputed, or null to compute only when asked
     */
    public FlexibilityService(PlanningService planning, FlexibilityCalculator calculator, Clock clock, String method,
                              ExecutorService background) {
        this.planning = planning;
        this.calculator = calculator;
        this.clock = clock;
        this.method = method;
        this.background = background;
    }

    /**
     * A plan was committed: compute its station's flexibility in the background (when precomputing), unless the
     * station waits there already (its newest plan is computed when its turn comes).
     */
    public void planned(StoredPlan plan) {
        String stationId = plan.stationId();
        if (background == null || !queued.add(stationId)) {
            return;
        }
        background.execute(() -> {
            // out of the queue as it starts: a plan committed from now on queues the station again
            queued.remove(stationId);
            try {
                planning.current(stationId).ifPresent(this::compute);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "flexibility of " + stationId + " failed", e);
            }
        });
    }

    /**
     * The station's flexibility from its current plan.
     *
     * @throws io.swapflex.service.station.NotFoundException for an unknown station
     * @throws NotReadyException before its first plan
     */
    public StationFlexibility of(String stationId) {
        StoredPlan plan = planning.current(stationId).orElseThrow(() -> new NotReadyException("station " + stationId
                + " has no plan yet: its first plan is being made"));
        Computed cached = cache.get(stationId);
        if (background != null && cached != null && cached.planVersion() < plan.version()) {
            return cached.flexibility().asStale();
        }
        return compute(plan).flexibility();
    }

    /**
     * The station's flexibility as the API answers it: like {@link #of(String)}, but when precomputing, never computed
     * on the caller's thread. A station's first figures take 18–40 s of a core; computed on request threads, a few
     * operators asking for stations not yet computed (200 stations just registered) took every core from the
     * schedule pulls and events (the load test measured schedule pulls falling to 100/s with minutes of latency). The
     * parametric probes (issue 15) take 0.05–0.8 s of CPU on the examples, but the rule stays: requests never compute.
     *
     * Until a station's first figures are proven it answers their physical bound ({@code PHYSICAL_BOUND}), never
     * 503: computing it takes microseconds.
     *
     * @throws NotReadyException before the station's first plan
     */
    public StationFlexibility answer(String stationId) {
        if (background == null) {
            return of(stationId);
        }
        StoredPlan plan = planning.current(stationId).orElseThrow(() -> new NotReadyException("station " + stationId
                + " has no plan yet: its first plan is being made"));
        Computed cached = cache.get(stationId);
        if (cached == null || cached.planVersion() < plan.version()) {
            // a plan made before this start (the stations in the database) was never handed to planned(): it is now,
            // once (a restarted service answered 503 for it until the station's next re-plan)
            planned(plan);
        }
        if (cached == null) {
            return bound(plan);
        }
        bounds.remove(stationId);
        return cached.planVersion() < plan.version() ? cached.flexibility().asStale() : cached.flexibility();
    }

    /** The plan's figures from the physical bound alone, kept for the plan version. */
    private StationFlexibility bound(StoredPlan plan) {
        StationFlexibility known = bounds.get(plan.stationId());
        if (known != null && known.planVersion() == plan.version()) {
            return known;
        }
        long started = System.nanoTime();
        Problem problem = plan.problem();
        List<FlexibilityCalculator.Proven> unproven = new ArrayList<>();
        for (int[] w : FlexibilityCalculator.hourWindows(problem)) {
            unproven.add(new FlexibilityCalculator.Proven(w[0], w[1], FlexibilityCalculator.upperBound(problem, w[0],
                    w[1]), 0, null, 0));
        }
        StationFlexibility figures = figures(plan, unproven, (System.nanoTime() - started) / 1_000_000,
                StationFlexibility.Basis.PHYSICAL_BOUND, BOUND_METHOD);
        bounds.put(plan.stationId(), figures);
        return figures;
    }

    /** The method of the physical-bound figures, in words. */
    static final String BOUND_METHOD = "physical bound only (export limit, discharge power of the active bays, "
            + "stored energy, less base load and firm requests): nothing proven yet, exportKw 0; the proven figures "
            + "are being computed in the background";

    /**
     * A proven window of the station's current flexibility that a dispatch request can use: the same problem (no
     * change since) and the same slots.
     */
    public Optional<FlexibilityCalculator.Proven> proven(String stationId, Problem problem, int fromSlot, int toSlot) {
        Computed computed = cache.get(stationId);
        if (computed == null || !computed.problemJson().equals(ContractJson.write(problem))) {
            return Optional.empty();
        }
        return computed.proven().stream().filter(p -> p.fromSlot() == fromSlot && p.toSlot() == toSlot).findFirst();
    }

    private Computed compute(StoredPlan plan) {
        Computed cached = cache.get(plan.stationId());
        if (cached != null && cached.planVersion() >= plan.version()) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(plan.stationId(), k -> new Object())) {
            cached = cache.get(plan.stationId());
            if (cached != null && cached.planVersion() >= plan.version()) {
                return cached;
            }
            long started = System.nanoTime();
            Problem problem = plan.problem();
            List<FlexibilityCalculator.Proven> proven = calculator.allWindows(problem, plan.plan());
            int solves = proven.stream().mapToInt(FlexibilityCalculator.Proven::solves).sum();
            long millis = (System.nanoTime() - started) / 1_000_000;
            StationFlexibility flexibility = figures(plan, proven, millis, StationFlexibility.Basis.PROVEN, method);
            Computed computed = new Computed(plan.version(), ContractJson.write(problem), flexibility, proven);
            cache.put(plan.stationId(), computed);
            int total = solves;
            LOG.info(() -> String.format("flexibility of %s v%d: %d windows, %d probes, %d ms", plan.stationId(),
                    plan.version(), proven.size(), total, millis));
            return computed;
        }
    }

    private StationFlexibility figures(StoredPlan stored, List<FlexibilityCalculator.Proven> proven, long millis,
                                       StationFlexibility.Basis basis, String method) {
        Problem problem = stored.problem();
        Plan plan = stored.plan();
        List<StationFlexibility.Window> windows = new ArrayList<>();
        for (FlexibilityCalculator.Proven p : proven) {
            windows.add(window(problem, plan, p));
        }
        return new StationFlexibility(stored.stationId(), stored.version(), plan.objective().total(),
                problem.tariff().currency(), problem.horizon().slotMinutes(), method, clock.instant(), millis, false,
                basis, windows);
    }

    /** The figures of one proven window on top of the plan. */
    static StationFlexibility.Window window(Problem problem, Plan plan, FlexibilityCalculator.Proven p) {
        OffsetDateTime start = problem.horizon().startTime();
        int minutes = problem.horizon().slotMinutes();
        double dt = problem.slotHours();
        double x = p.exportKw();
        List<StationFlexibility.Slot> slots = new ArrayList<>();
        double energy = 0;
        for (int t = p.fromSlot(); t < p.toSlot(); t++) {
            double imp = plan.grid().importKw()[t];
            double exp = plan.grid().exportKw()[t];
            double up = x > 0 ? Math.max(0, Commitments.firmLevel(problem, t) + x - (exp - imp)) : 0;
            double reduced = Math.min(imp, up);
            double extra = up - reduced;
            energy += up * dt;
            slots.add(new StationFlexibility.Slot(t, start.plusMinutes((long) minutes * t).toInstant(), imp, exp,
                    round(reduced), round(extra)));
        }
        Double cost = p.witness() == null ? null : round(p.witness().objective().total() - plan.objective().total());
        Double perKwh = cost == null || energy < 1e-9 ? null : round(cost / energy);
        return new StationFlexibility.Window(start.plusMinutes((long) minutes * p.fromSlot()).toInstant(),
                start.plusMinutes((long) minutes * p.toSlot()).toInstant(), p.fromSlot(), p.toSlot(), x,
                round(p.upperBoundKw()), cost, round(energy), perKwh, slots);
    }

    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Stops the background computations. */
    public void shutdown() {
        if (background != null) {
            background.shutdownNow();
        }
    }

}
