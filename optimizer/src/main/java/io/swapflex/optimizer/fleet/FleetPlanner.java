package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.CouplingRows.Kind;
import io.swapflex.optimizer.fleet.CouplingRows.Row;
import io.swapflex.optimizer.flow.FlowScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

import static io.swapflex.optimizer.fleet.CouplingRows.TOL_KW;

/**
 * Plans a fleet: every station by the flow scheduler, the fleet's constraints shared out by prices.
 *
 * <h2>Model</h2>
 * Station s has its own problem with cost f_s(x_s) over its feasible plans; x_s(t) = export − import is its net export
 * in slot t. The fleet adds coupling rows, each over a set S_c of stations and a window of slots:
 * <ul>
 *   <li>a fleet request: Σ_{s∈S_c} x_s(t) ≥ R_c (g = R_c − Σ x ≤ 0);</li>
 *   <li>a feeder's import limit: Σ_{s∈S_c} −x_s(t) ≤ I_c (g = −Σ x − I_c ≤ 0);</li>
 *   <li>a feeder's export limit: Σ_{s∈S_c} x_s(t) ≤ E_c (g = Σ x − E_c ≤ 0).</li>
 * </ul>
 * Write g_{c,t} = σ_c Σ_{s∈S_c} x_s(t) − h_c with σ = −1, −1, +1 and h = −R, I, E.
 *
 * <h2>Plans: shares</h2>
 * First every station is planned alone; m_s(t) = max(0, −x_s(t)) is its net import then. A row its plans break is
 * shared out as one bound per station and slot. A feeder's import limit I(t) by need: with L_s(t) the station's own
 * import limit and n_s = min(L_s, m_s), each station's cap is l_s = I · n_s / Σ n when Σ n ≥ I, else
 * l_s = n_s + (I − Σ n) · (L_s − n_s) / Σ (L − n) (Σ l_s = I; a slot with I ≥ Σ L caps nobody). Measured on generated
 * fleets at the work 1,000 stations get in 60 s, this misses 2–3 % fewer swaps than l_s = I · L_s / Σ L (the split
 * by import limits alone, {@link Shares.Split#PROPORTIONAL}). Each station then plans its whole day around its part.
 * A request's shortfall goes as net-export floors to the stations with room to export more (the active-bay limit's
 * strongest discharge, the meter's limit), in proportion to that room; a row already met leaves every station at or
 * below its own flow. A station whose plan breaks its shares is re-planned at its true prices with the shares as
 * contract constraints: a floor above 0 as a firm dispatch request for that slot, a floor at or below 0 as
 * {@code gridImportLimitKwBySlot}, a cap as {@code gridExportLimitKwBySlot}. What a re-planned station cannot deliver
 * goes back to the others (a few rounds); what is still missing is reported in words and the fleet plan is
 * INFEASIBLE.
 *
 * <h2>Plans: shares from a joint plan</h2>
 * By default the first share round is not cut from the stations' own plans but from the feeders' joint plans
 * ({@link JointPlans}): each feeder whose rows the stations alone break, if its stations hang on no other feeder, is
 * merged into one station (every bay keeps its own station's pack type; the stations' limits, base loads and firm
 * requests summed; the import limit per slot the least of that sum and the feeder's headroom; the tariffs averaged;
 * the feeder's part of each fleet request, by discharge power, as a firm request) and planned as one. Each station's
 * target x_s(t) is then its bays' net export in the merged plan, and the first round's shares are cut from these
 * targets as above (a feeder split by need: each station its net import in the joint plan; a request's floors each
 * station's net export there, less an even part of any surplus). The stations are re-planned cold under them (warm
 * from their part of the joint plan did worse), and the rounds after repair what the re-plans broke. The joint plan is
 * a guide, not a relaxation (the stations' own import limits are dropped, but the tariffs averaged and the fleet
 * request split beforehand), so it plays no part in the bound.
 *
 * <p>Once every row and share is met, the rounds left hand out the headroom the plans leave unused
 * (redistribution, {@link Shares#redistribute}): in a feeder's slot t the free headroom is
 * F = I − Σ_{s∉R} y_s − Σ_{s∈R} max(0, y_s) (y = −x the current plans' net imports, R the stations that miss swaps);
 * each s ∈ R may import max(0, y_s(t)) + e_s(t) with Σ e_s ≤ F, e_s in proportion to the swaps s misses in
 * [t, t + 16 slots) and at most L_s − max(0, y_s), and no more than before in a request's window. The
 * others keep their plans, so whatever the re-plans do, every row still holds. A re-plan is kept only if it costs less
 * than the station's plan before; the stations that miss the most swaps go first, as many as fit at
 * {@value #MIN_STATION_MILLIS} ms each before the shares' deadline (the bound's time is left alone).
 *
 * <h2>Bound: price coordination (Lagrangian relaxation of the coupling rows)</h2>
 * For prices μ_{c,t} ≥ 0, L(μ) = Σ_s min_{x_s} [f_s(x_s) + Δ Σ_t ρ_s(t) x_s(t)] − Δ Σ_{c,t} μ_{c,t} h_c with
 * ρ_s(t) = Σ_{c∋s} σ_c μ_{c,t}: each station alone with both its prices shifted by −ρ_s(t) (a request makes import
 * dearer and export pay more by μ; an import limit the same; an export limit the opposite). Any lower bound on each
 * station's shifted problem (the flow scheduler proves one) gives a lower bound on L(μ), hence on the fleet optimum
 * (weak duality). μ = 0 is the stations planned alone. The rest of the time raises the prices along the subgradient,
 * row by row, on the stations the broken rows touch, and keeps the best L(μ). The price rounds' plans are not used as
 * plans: measured, shares cut from them cost 3–18 % more than shares from the stations' own plans.
 *
 * <p>Bound without prices: Σ of the stations' bounds alone. A station that proved none in its first solve is solved
 * again; the time then left before the bound's deadline goes to the stations whose own plans are furthest above their
 * bounds, widest first, each solved alone again for {@value #BOUND_MILLIS} ms (a bound is the problem's: each keeps
 * the higher of its two).
 *
 * <h2>Where the stations are solved; reproducible plans</h2>
 * The planner coordinates; the station solves of each phase go as one batch to a {@link StationSolver}: this
 * machine's threads by default, or the members of a cluster. By default the time limit is wall time, the phases'
 * budgets follow the clock, and two runs differ. {@link #deterministic} makes the limit a work budget on one core,
 * counted as it is handed out, and the solves deterministic: then the plans and the fleet's figures depend only on
 * the fleet, the budget and the seed, so one machine and a cluster give the same fleet plan.
 *
 * <h2>Where the parts are</h2>
 * This class runs the phases and hands out the time; the rows are {@link CouplingRows}, the shares {@link Shares}, the
 * price rounds and the fleet's bound {@link PriceRounds}, and the station plans as the fleet reads them
 * {@link StationPlans}.
 */
public final class FleetPlanner {

    /** Share of the time limit for planning every station alone. */
    private static final double ALONE_SHARE = 0.35;
    /**
     * Share of the time limit for the feeders' joint plans (see "shares from a joint plan"): 18 ms a station at 1,000
     * stations in 60 s, so that the first share round's cold re-plans still get {@value #MIN_STATION_MILLIS} ms and a
     * round after them fits before the bound's time.
     */
    private static final double JOINT_SHARE = 0.15;
    /**
     * Budget of a bound re-solve in the bound's time left (see {@link #widestGaps}): a solve of 400 ms or more is not
     * a short one, its dual gets its full share. Measured, the 30 stations of the generated fleet (seed 1) alone:
     * bounds summed 19,042 at 40 ms each, 72,916 at 400 ms.
     */
    private static final long BOUND_MILLIS = 400;
    /** Share for the shares and their re-plans (what is left goes to the price rounds, for the bound). */
    private static final double SHARE_SHARE = 0.35;
    /** The price time is split into this many rounds (each a warm re-plan of the coupled stations). */
    private static final int PRICE_ROUNDS = 4;
    private static final int SHARE_ROUNDS = 3;
    private static final long MIN_STATION_MILLIS = 40;
    /** Fewest milliseconds a share round's warm re-plan gets when the time limit is near (see {@link #share}). */
    private static final long MIN_REPLAN_MILLIS = 10;
    private static final long MAX_STATION_MILLIS = 10_000;

    /** -Dswapflex.fleet.trace=true: each phase's totals on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("swapflex.fleet.trace");

    private final StationSolver solver;
    private final boolean prices;
    /** Whether the time limit is a work budget (see {@link #deterministic}) rather than wall time. */
    private final boolean workBudget;
    /** How the first share round splits a feeder's headroom. */
    private final Shares.Split split;
    /** Whether share rounds left over hand unused feeder headroom to stations with unserved swaps. */
    private final boolean redistribute;
    /** Whether the first share round is cut from the feeders' joint plans rather than the stations' own. */
    private final boolean joint;

    /** The flow scheduler on every core; shares without price rounds (they did not pay, see the class comment). */
    public FleetPlanner() {
        this(new FlowScheduler(), Math.max(1, Runtime.getRuntime().availableProcessors()), false);
    }

    /**
     * @param scheduler the station scheduler (it must prove bounds for the fleet to have one)
     * @param workers   stations planned at once
     */
    public FleetPlanner(Scheduler scheduler, int workers) {
        this(scheduler, workers, false);
    }

    /**
     * @param prices whether the time after the shares goes to price rounds that may lift the fleet's bound (the
     *               shares then get less time); measured on 100–1,000 stations they lifted it by 3 % at most, within
     *               the noise, and the plans came out up to 9 % dearer for the shorter share time
     */
    public FleetPlanner(Scheduler scheduler, int workers, boolean prices) {
        this(StationSolver.local(scheduler, workers), prices, false);
    }

    /**
     * Feeders shared by need, unused headroom redistributed (see the class comment), as every public constructor.
     *
     * @param solver     where the station solves run
     * @param workBudget whether the time limit is a work budget on one core (see {@link #deterministic}) or wall time
     *                   shared by the solver's {@link StationSolver#parallelism()} threads
     */
    public FleetPlanner(StationSolver solver, boolean prices, boolean workBudget) {
        this(solver, prices, workBudget, Shares.Split.NEED, true, true);
    }

    FleetPlanner(StationSolver solver, boolean prices, boolean workBudget, Shares.Split split, boolean redistribute,
                 boolean joint) {
        this.solver = solver;
        this.prices = prices;
        this.workBudget = workBudget;
        this.split = split;
        this.redistribute = redistribute;
        this.joint = joint;
    }

    /** This planner with another first split of the feeders and with or without redistribution (tests, measurements). */
    FleetPlanner sharing(Shares.Split split, boolean redistribute) {
        return new FleetPlanner(solver, prices, workBudget, split, redistribute, joint);
    }

    /**
     * This planner with or without the first share round cut from the feeders' joint plans (measurements; on by
     * default, and never with price rounds, whose shares have too little time for it).
     */
    public FleetPlanner jointShares(boolean on) {
        return new FleetPlanner(solver, prices, workBudget, split, redistribute, on);
    }

    /**
     * The deterministic fleet planner: the same fleet, time limit and seed give the same station plans and fleet
     * figures to the byte (but the wall times), on any number of threads or cluster members. The time limit becomes a
     * work budget on one core: every phase hands its stations the budget that {@code plan} would hand them on one
     * thread, whatever the solver's parallelism, and a phase's "time left" is the budget not yet handed out, never the
     * wall clock; so which stations are re-planned, in how many rounds and with what budget follows from the plans
     * alone. The solver must be deterministic too ({@link StationSolver#deterministic}, or a cluster's members
     * running {@link StationSolver#solveDeterministic}). The wall time is about the budget divided by the solver's
     * parallelism (a deterministic station solve of a budget b takes roughly b of one core).
     */
    public static FleetPlanner deterministic(StationSolver solver, boolean prices) {
        return new FleetPlanner(solver, prices, true);
    }

    /**
     * The planner's clock. In wall-clock mode: {@link System#nanoTime()}. In work-budget mode: the plan's start plus
     * the work handed out so far (each solve's budget, summed as if on one core), so that every decision the planner
     * takes on "time left" is a function of the plans and the budget only.
     */
    private static final class Clock {
        private final boolean work;
        private final long start;
        private long handedNanos;
        /**
         * Wall time a station solve takes beyond its budget (model, plan, hand-over), the most seen per solve so far;
         * wall-clock mode only. 1,000 stations on two workers are 500 solves in a row per phase: 2 ms each put the
         * fleet a second past its limit (61.0 s for 60 s, 2026-12-06), so the phases plan with it.
         */
        private long overheadNanos;

        Clock(boolean work) {
            this.work = work;
            this.start = System.nanoTime();
        }

        long now() {
            return work ? start + handedNanos : System.nanoTime();
        }

        void handOut(long millis, int solves) {
            if (work) {
                handedNanos += millis * 1_000_000L * solves;
            }
        }

        /** After a batch of {@code waves} solves in a row of {@code millis} each took {@code elapsed} of wall time. */
        void observe(long millis, long waves, long elapsedNanos) {
            if (!work && waves > 0) {
                overheadNanos = Math.max(overheadNanos, (elapsedNanos - waves * millis * 1_000_000L) / waves);
            }
        }

        /** The wall time {@code waves} solves in a row of {@code millis} each are expected to take. */
        long wavesNanos(long millis, long waves) {
            return waves * (millis * 1_000_000L + overheadNanos);
        }

        /** The overhead per solve in whole milliseconds, rounded up (0 in work-budget mode). */
        long overheadMillis() {
            return (overheadNanos + 999_999L) / 1_000_000L;
        }
    }

    public FleetPlan plan(FleetProblem fleet, Duration timeLimit) {
        FleetValidator.requireValid(fleet);
        Clock clock = new Clock(workBudget);
        long start = clock.now();
        long wallStart = System.nanoTime();
        long limitNanos = timeLimit.toNanos();
        // in work-budget mode the budget is one core's: as if one solve ran at a time
        int workers = workBudget ? 1 : solver.parallelism();
        List<Problem> problems = fleet.stations();
        int n = problems.size();
        int slots = problems.get(0).slots();
        double dt = problems.get(0).slotHours();
        List<Row> rows = CouplingRows.of(fleet);
        // 1. every station alone (μ = 0): plans, flows and the first bound
        long aloneMillis = stationMillis(limitNanos * ALONE_SHARE, n, workers);
        Plan[] alone = solveAll(clock, n, s -> s, s -> problems.get(s), null, aloneMillis);
        double[][] x = StationPlans.flows(alone, slots);
        trace("alone", alone, rows, x, start);
        Double bound = PriceRounds.sumBounds(alone, problems, null, rows, dt);
        double rewardConstant = rewardConstant(fleet, dt);

        List<Row> broken = new ArrayList<>();
        for (Row r : rows) {
            for (int t = r.from; t < r.to; t++) {
                if (r.g(x, t) > TOL_KW * r.members.length) {
                    broken.add(r);
                    break;
                }
            }
        }
        List<Row> active = CouplingRows.closure(rows, broken, n);
        boolean[] coupled = new boolean[n];
        for (Row r : active) {
            for (int s : r.members) {
                coupled[s] = true;
            }
        }
        int[] coupledStations = indices(coupled);
        // 2. shares, and re-plans of the stations whose shares their plan breaks
        Plan[] plans = alone.clone();
        List<String> violations = new ArrayList<>();
        boolean anyFailed = java.util.Arrays.stream(alone).anyMatch(p -> !StationPlans.meetsRules(p));
        if (!broken.isEmpty() || anyFailed) {
            double[][] target = x;
            boolean fromJoint = false;
            if (joint && !prices && !broken.isEmpty()) {
                target = x.clone();
                fromJoint = jointPlans(clock, workers, limitNanos, rows, active, problems, target);
                trace("joint plans", alone, rows, target, start);
            }
            // without price rounds the shares get the time but the last seventh, which is left for the bounds
            plans = share(clock, workers, problems, active, alone, target, fromJoint, prices
                    ? start + (long) (limitNanos * (ALONE_SHARE + SHARE_SHARE)) : start + limitNanos * 6 / 7,
                    start + limitNanos - limitNanos / 50, slots);
        }
        // a station planned alone without a proven bound (a short budget) is solved again alone, warm, with the
        // time the shares left, for its bound: the fleet's bound needs every station's
        int[] unbounded = java.util.stream.IntStream.range(0, n).filter(s -> alone[s].bound() == null).toArray();
        long boundDeadline = start + limitNanos - limitNanos / 50 - (prices ? limitNanos / 4 : 0);
        long boundLeft = boundDeadline - clock.now();
        if (unbounded.length > 0 && boundLeft > 0) {
            long millis = stationMillis(boundLeft - ceilDiv(unbounded.length, workers) * clock.overheadNanos,
                    unbounded.length, workers);
            Plan[] again = solveAll(clock, unbounded.length, i -> unbounded[i], i -> problems.get(unbounded[i]),
                    i -> alone[unbounded[i]], millis);
            for (int i = 0; i < unbounded.length; i++) {
                if (again[i].bound() != null) {
                    alone[unbounded[i]] = StationPlans.withBound(alone[unbounded[i]], again[i].bound());
                }
            }
            bound = PriceRounds.sumBounds(alone, problems, null, rows, dt);
            trace("bounds", alone, rows, x, start);
        }
        bound = widestGaps(clock, workers, problems, alone, boundDeadline, bound, rows, dt);
        // 3. price rounds over the coupled stations, for the fleet's bound only: measured, shares cut from the
        // price rounds' plans cost 3–18 % more than shares from the stations' own plans (100–1,000 stations)
        int priceRounds = 0;
        if (!broken.isEmpty() && prices) {
            long priceDeadline = start + limitNanos - limitNanos / 50;
            double meanPrice = PriceRounds.meanImportPrice(problems);
            Plan[] warm = alone.clone();
            double[][] current = x;
            for (int round = 0; round < PRICE_ROUNDS; round++) {
                long left = priceDeadline - clock.now();
                long waves = ceilDiv(coupledStations.length, workers);
                long roundMillis = stationMillis((double) left / (PRICE_ROUNDS - round) - waves * clock.overheadNanos,
                        coupledStations.length, workers);
                if (left <= 0 || clock.wavesNanos(roundMillis, waves) > left) {
                    break;
                }
                if (!PriceRounds.raisePrices(active, current, 0.5 * meanPrice)) {
                    break;
                }
                double[][] rho = PriceRounds.stationPrices(active, n, slots);
                Plan[] shifted = solveAll(clock, coupledStations.length, i -> coupledStations[i],
                        i -> PriceRounds.shifted(problems.get(coupledStations[i]), rho[coupledStations[i]]),
                        i -> warm[coupledStations[i]], roundMillis);
                for (int i = 0; i < coupledStations.length; i++) {
                    warm[coupledStations[i]] = shifted[i];
                }
                current = StationPlans.flows(warm, slots);
                trace("price round " + round, warm, rows, current, start);
                Double lagrangian = PriceRounds.sumBounds(warm, problems, active, rows, dt);
                if (lagrangian != null && (bound == null || lagrangian > bound)) {
                    bound = lagrangian;
                }
                priceRounds++;
            }
        }
        double[][] finalFlows = StationPlans.flows(plans, slots);
        trace("shares", plans, rows, finalFlows, start);
        for (Row r : rows) {
            for (int t = r.from; t < r.to; t++) {
                double g = r.g(finalFlows, t);
                if (g > TOL_KW * r.members.length) {
                    violations.add(String.format(Locale.ROOT, "%s slot %d: %s %.3f kW, %s %.3f kW", r.id, t,
                            r.kind == Kind.FEEDER_IMPORT ? "summed net import" : "summed net export",
                            r.value(finalFlows, t), r.kind == Kind.REQUEST ? "needs at least" : "limit",
                            r.limit(t)));
                }
            }
        }
        double total = -rewardConstant;
        boolean stationsFeasible = true;
        for (Plan p : plans) {
            total += p.objective().total();
            stationsFeasible &= StationPlans.meetsRules(p);
            if (!StationPlans.meetsRules(p)) {
                violations.add(p.stationId() + ": no plan meeting the station's own rules was found (" + p.status()
                        + (p.violations().isEmpty() ? ")" : "): " + p.violations().get(0)));
            }
        }
        Double fleetBound = bound == null ? null : bound - rewardConstant;
        if (fleetBound != null && fleetBound > total) {
            fleetBound = total; // a station proved more than its plan reaches: never claim a negative gap
        }
        PlanStatus status = violations.isEmpty() && stationsFeasible ? PlanStatus.FEASIBLE : PlanStatus.INFEASIBLE;
        List<FleetPlan.Coupling> coupling = new ArrayList<>();
        for (Row r : rows) {
            double[] value = new double[r.to - r.from];
            for (int t = r.from; t < r.to; t++) {
                value[t - r.from] = r.value(finalFlows, t);
            }
            coupling.add(new FleetPlan.Coupling(r.id, r.kind.name(), r.from, r.to, r.limit.clone(), value,
                    r.mu.clone()));
        }
        long millis = (System.nanoTime() - wallStart) / 1_000_000L;
        return new FleetPlan(FleetProblem.FORMAT_VERSION, fleet.fleetId(), status, total, fleetBound,
                Plan.gapOf(total, fleetBound), millis, priceRounds, coupling, List.of(plans), violations);
    }

    private static double rewardConstant(FleetProblem fleet, double dt) {
        double reward = 0;
        for (FleetProblem.FleetRequest r : fleet.requestList()) {
            reward += r.reward() * r.exportKw() * dt * (r.toSlot() - r.fromSlot());
        }
        return reward;
    }

    /**
     * Shares out the active rows from the flows x, re-plans (true prices, shares as constraints) each station whose
     * plan breaks its shares, and hands what a station could not deliver to the others, a few rounds.
     *
     * @param deadline     when the share rounds should end (the rest is the bound's)
     * @param hardDeadline when they must: a round whose re-plans do not fit before {@code deadline} even at {@value
     *                     #MIN_STATION_MILLIS} ms each takes the bound's time, down to {@value #MIN_REPLAN_MILLIS} ms a
     *                     re-plan, because a plan that breaks a feeder's row matters more than a bound (1,000 stations:
     *                     a full round at 40 ms is 20 s on two cores, and the second round, needed to meet the rows,
     *                     used to run past the time limit: 61 s for 60)
     */
    private Plan[] share(Clock clock, int workers, List<Problem> problems, List<Row> active, Plan[] alone,
                         double[][] aloneFlows, boolean fromJoint, long deadline, long hardDeadline, int slots) {
        int n = problems.size();
        // most net export each station can give per slot (the least net import it can manage is its negative):
        // first the power of its strongest allowed bays, then at most what it reached when asked for more
        double[][] room = new double[n][slots];
        double[][] importLimit = new double[n][slots];
        for (int s = 0; s < n; s++) {
            room[s] = StationPlans.mostExport(problems.get(s));
            for (int t = 0; t < slots; t++) {
                importLimit[s][t] = problems.get(s).site().importLimitKw(t);
            }
        }
        double[][] lo = new double[n][slots];
        double[][] hi = new double[n][slots];
        Plan[] plans = alone.clone();
        boolean[] stuck = new boolean[n];
        // the shares start from the stations' own plans, then follow the plans as they are re-planned
        double[][] target = aloneFlows;
        for (int round = 0; round < SHARE_ROUNDS; round++) {
            for (double[] row : lo) {
                Arrays.fill(row, Double.NEGATIVE_INFINITY);
            }
            for (double[] row : hi) {
                Arrays.fill(row, Double.POSITIVE_INFINITY);
            }
            for (Row r : active) {
                for (int t = r.from; t < r.to; t++) {
                    Shares.shareRow(r, t, target, room, importLimit, lo, hi, round == 0 ? split : null);
                }
            }
            List<Integer> broke = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                // also a station whose own plan breaks its own rules (a short first solve): it gets another go
                if (Shares.breaksShares(plans[s], lo[s], hi[s], slots) || !StationPlans.meetsRules(plans[s])) {
                    broke.add(s);
                }
            }
            // every row and share met: the headroom the stations leave unused goes to those missing swaps
            boolean redistributing = broke.isEmpty() && redistribute;
            List<Integer> replan = redistributing
                    ? Shares.redistribute(active, plans, target, importLimit, stuck, lo, hi, slots) : broke;
            long left = deadline - clock.now();
            if (replan.isEmpty() || left <= 0) {
                break;
            }
            if (redistributing) {
                // an improvement, not a row to meet: within the shares' own time (the bound's is left alone), at
                // least MIN_STATION_MILLIS a re-plan, the stations that miss the most swaps first
                long fit = left / 1_000_000L * workers / (SHARE_ROUNDS - round)
                        / (MIN_STATION_MILLIS + clock.overheadMillis());
                if (fit < 1) {
                    break;
                }
                if (replan.size() > fit) {
                    int[] missed = new int[n];
                    for (int s : replan) {
                        missed[s] = plans[s].unservedTotal();
                    }
                    List<Integer> most = new ArrayList<>(replan);
                    most.sort((a, b) -> missed[b] != missed[a] ? Integer.compare(missed[b], missed[a])
                            : Integer.compare(a, b));
                    replan = new ArrayList<>(most.subList(0, (int) fit));
                    replan.sort(null);
                }
            }
            long millis = Math.max(MIN_STATION_MILLIS, Math.min(MAX_STATION_MILLIS,
                    left / 1_000_000L * workers / Math.max(1, replan.size()) / (SHARE_ROUNDS - round)
                            - clock.overheadMillis()));
            long waves = ceilDiv(replan.size(), workers);
            long hardLeft = (redistributing ? deadline : hardDeadline) - clock.now();
            if (clock.wavesNanos(millis, waves) > hardLeft) {
                millis = (hardLeft / waves - clock.overheadNanos) / 1_000_000L;
                if (millis < MIN_REPLAN_MILLIS) {
                    break;
                }
            }
            // cut from joint plans, the first round's shares are far from the stations' own plans: re-planned cold
            // (measured on 30 stations, seed 1: warm from their own plans 937 swaps missed, from their part of the
            // joint plan 805, cold 778)
            Plan[] warm = round == 0 && fromJoint ? new Plan[n] : plans;
            List<Integer> batch = replan;
            Plan[] replanned = solveAll(clock, batch.size(), batch::get,
                    i -> Shares.withShares(problems.get(batch.get(i)), lo[batch.get(i)], hi[batch.get(i)]),
                    i -> warm[batch.get(i)], millis);
            for (int i = 0; i < replan.size(); i++) {
                int s = replan.get(i);
                Plan p = replanned[i];
                if (redistributing) {
                    // more headroom than before, the old plan within it: keep the better, and give a station that
                    // did not improve no more rounds
                    if (StationPlans.meetsRules(p) && p.objective().total() < plans[s].objective().total() - 1e-9) {
                        plans[s] = StationPlans.honest(p);
                    } else {
                        stuck[s] = true;
                    }
                    continue;
                }
                if (StationPlans.meetsRules(p)) {
                    plans[s] = StationPlans.honest(p);
                    continue;
                }
                // short of its shares: it keeps the plan only if that still meets its own station's rules, and
                // gives the next round no more than it reached
                double[] got = StationPlans.flow(p, slots);
                for (int t = 0; t < slots; t++) {
                    if (got[t] < lo[s][t] - TOL_KW) {
                        room[s][t] = Math.min(room[s][t], got[t]);
                    }
                }
                Plan own = StationPlans.asFeasible(p);
                if (PlanChecker.check(problems.get(s), own).hardRulesMet()) {
                    plans[s] = own;
                }
            }
            target = StationPlans.flows(plans, slots);
            trace((redistributing ? "redistribution " : "share round ") + round + " (" + replan.size() + " re-planned, "
                    + millis + " ms each)", plans, active,
                    target, clock.start);
        }
        return plans;
    }

    /**
     * Shares from a joint plan: each active feeder's stations merged into one station ({@link JointPlans}) and planned
     * as one, with {@link #JOINT_SHARE} of the limit; each member's flow in {@code target} becomes its flow in the
     * merged plan (a feeder whose merged plan breaks a rule of its own keeps its stations' own flows). False when no
     * feeder could be merged.
     */
    private boolean jointPlans(Clock clock, int workers, long limitNanos, List<Row> rows, List<Row> active,
                               List<Problem> problems, double[][] target) {
        List<JointPlans.Group> groups = JointPlans.groups(rows, active, problems);
        if (groups.isEmpty()) {
            return false;
        }
        int members = groups.stream().mapToInt(g -> g.members().length).sum();
        double perStation = limitNanos * JOINT_SHARE / 1e6 * workers / members;
        long[] millis = groups.stream().mapToLong(g -> Math.max(MIN_STATION_MILLIS,
                Math.min(MAX_STATION_MILLIS * g.members().length, (long) (perStation * g.members().length)))).toArray();
        Plan[] merged = solveEach(clock, groups.size(), i -> groups.get(i).members()[0], i -> groups.get(i).merged(),
                i -> null, millis);
        if (TRACE) {
            System.err.printf(Locale.ROOT, "fleet joint: %d feeders, %d ms a station, unserved %d, %d without a plan "
                            + "meeting their rules%n", groups.size(), (long) perStation,
                    Arrays.stream(merged).mapToInt(Plan::unservedTotal).sum(),
                    Arrays.stream(merged).filter(p -> !StationPlans.meetsRules(p)).count());
        }
        for (int i = 0; i < groups.size(); i++) {
            JointPlans.Group g = groups.get(i);
            if (!StationPlans.meetsRules(merged[i])) {
                continue; // the merged station found no plan meeting its rules: its stations keep their own flows
            }
            JointPlans.flows(g, merged[i], problems, target);
        }
        return true;
    }

    /**
     * The bound's time left (no station lacks a bound, or those that did have been solved again): the stations whose
     * own plans are furthest above their bounds, widest first, as many as fit before {@code deadline}, solved alone
     * again, cold, for {@value #BOUND_MILLIS} ms each; a station keeps the higher of its two bounds. Returns the fleet's
     * bound (the stations' summed) after them.
     */
    private Double widestGaps(Clock clock, int workers, List<Problem> problems, Plan[] alone, long deadline,
                              Double bound, List<Row> rows, double dt) {
        long left = deadline - clock.now();
        long fit = left <= 0 ? 0 : left / 1_000_000L * workers / (BOUND_MILLIS + clock.overheadMillis());
        fit = fit / workers * workers; // whole waves: a last wave of one solve would leave a core idle
        if (fit < 1) {
            return bound;
        }
        Integer[] order = java.util.stream.IntStream.range(0, alone.length).filter(s -> alone[s].bound() != null)
                .boxed().toArray(Integer[]::new);
        double[] gap = new double[alone.length];
        for (int s : order) {
            gap[s] = alone[s].objective().total() - alone[s].bound();
        }
        Arrays.sort(order, (a, b) -> gap[a] != gap[b] ? Double.compare(gap[b], gap[a]) : Integer.compare(a, b));
        int[] widest = Arrays.stream(order).limit(fit).mapToInt(Integer::intValue).sorted().toArray();
        if (widest.length == 0) {
            return bound;
        }
        Plan[] again = solveAll(clock, widest.length, i -> widest[i], i -> problems.get(widest[i]), null, BOUND_MILLIS);
        for (int i = 0; i < widest.length; i++) {
            Double b = again[i].bound();
            if (b != null && b > alone[widest[i]].bound()) {
                alone[widest[i]] = StationPlans.withBound(alone[widest[i]], b);
            }
        }
        if (TRACE) {
            System.err.printf(Locale.ROOT, "fleet bounds of the %d widest gaps re-proven (%d ms each)%n", widest.length,
                    BOUND_MILLIS);
        }
        return PriceRounds.sumBounds(alone, problems, null, rows, dt);
    }

    /** One batch of station solves, each with {@code millis}, handed to the solver (and counted on the clock). */
    private Plan[] solveAll(Clock clock, int count, IntUnaryOperator station, IntFunction<Problem> problem,
                            IntFunction<Plan> warm, long millis) {
        long[] each = new long[count];
        Arrays.fill(each, millis);
        return solveEach(clock, count, station, problem, warm, each);
    }

    /** One batch of solves, solve i with {@code millis[i]} (a batch of equal budgets also measures the overhead). */
    private Plan[] solveEach(Clock clock, int count, IntUnaryOperator station, IntFunction<Problem> problem,
                             IntFunction<Plan> warm, long[] millis) {
        List<StationSolver.Solve> batch = new ArrayList<>(count);
        long most = 0;
        long least = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            batch.add(new StationSolver.Solve(station.applyAsInt(i), problem.apply(i),
                    new SolveOptions(Duration.ofMillis(millis[i]), SolveOptions.DEFAULT_GAP,
                            warm == null ? null : warm.apply(i))));
            clock.handOut(millis[i], 1);
            most = Math.max(most, millis[i]);
            least = Math.min(least, millis[i]);
        }
        long t0 = System.nanoTime();
        Plan[] plans = solver.solveAll(batch);
        if (most == least) {
            clock.observe(most, ceilDiv(count, solver.parallelism()), System.nanoTime() - t0);
        }
        if (plans.length != count) {
            throw new IllegalStateException("the station solver returned " + plans.length + " plans for " + count
                    + " solves");
        }
        return plans;
    }

    private static long stationMillis(double nanos, int stations, int workers) {
        long each = (long) (nanos / 1e6 * workers / Math.max(1, stations));
        return Math.max(MIN_STATION_MILLIS, Math.min(MAX_STATION_MILLIS, each));
    }

    private static void trace(String phase, Plan[] plans, List<Row> rows, double[][] x, long start) {
        if (!TRACE) {
            return;
        }
        double total = 0;
        int unserved = 0;
        int infeasible = 0;
        for (Plan p : plans) {
            total += p.objective().total();
            infeasible += StationPlans.meetsRules(p) ? 0 : 1;
            unserved += p.unservedTotal();
        }
        double broken = 0;
        for (Row r : rows) {
            for (int t = r.from; t < r.to; t++) {
                broken += Math.max(0, r.g(x, t));
            }
        }
        System.err.printf(Locale.ROOT, "fleet %-14s %6.1f s: total %.0f, unserved %d, plans with violations %d, "
                + "rows broken by %.1f kW·slots%n", phase, (System.nanoTime() - start) / 1e9, total, unserved,
                infeasible, broken);
    }

    private static int[] indices(boolean[] mask) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
