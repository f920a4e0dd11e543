package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;
import io.swapflex.optimizer.flow.FlowScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

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
 * First every station is planned alone. A row its plans break is shared out as one bound per station and slot: a
 * feeder's import limit in proportion to its stations' own import limits, in every slot (each station then plans its
 * whole day around its part), a request's shortfall as net-export floors to the stations with room to export more (the
 * active-bay limit's strongest discharge, the meter's limit), in proportion to that room; a row already met leaves
 * every station at or below its own flow. A station whose plan breaks its shares is re-planned at its true prices with
 * the shares as contract constraints: a floor above 0 as a firm dispatch request for that slot, a floor at or below 0
 * as {@code gridImportLimitKwBySlot}, a cap as {@code gridExportLimitKwBySlot}. What a re-planned station cannot
 * deliver goes back to the others (a few rounds); what is still missing is reported in words and the fleet plan is
 * INFEASIBLE.
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
 * <h2>Where the stations are solved; reproducible plans</h2>
 * The planner coordinates; the station solves of each phase go as one batch to a {@link StationSolver}: this
 * machine's threads by default, or the members of a cluster. By default the time limit is wall time, the phases'
 * budgets follow the clock, and two runs differ. {@link #deterministic} makes the limit a work budget on one core,
 * counted as it is handed out, and the solves deterministic: then the plans and the fleet's figures depend only on
 * the fleet, the budget and the seed, so one machine and a cluster give the same fleet plan.
 */
public final class FleetPlanner {

    /** Share of the time limit for planning every station alone. */
    private static final double ALONE_SHARE = 0.35;
    /** Share for the shares and their re-plans (what is left goes to the price rounds, for the bound). */
    private static final double SHARE_SHARE = 0.35;
    /** The price time is split into this many rounds (each a warm re-plan of the coupled stations). */
    private static final int PRICE_ROUNDS = 4;
    /** Ids of the firm requests that carry a station's fleet shares (never a station's own). */
    static final String SHARE_PREFIX = "fleet-share-";
    private static final int SHARE_ROUNDS = 3;
    private static final long MIN_STATION_MILLIS = 40;
    private static final long MAX_STATION_MILLIS = 10_000;
    /** Per station, kW: a share met within this is met (the station checker's own tolerance is 1e-5). */
    private static final double TOL_KW = 1e-6;

    /** -Dswapflex.fleet.trace=true: each phase's totals on stderr. */
    private static final boolean TRACE = Boolean.getBoolean("swapflex.fleet.trace");

    private final StationSolver solver;
    private final boolean prices;
    /** Whether the time limit is a work budget (see {@link #deterministic}) rather than wall time. */
    private final boolean workBudget;

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
     * @param solver     where the station solves run
     * @param workBudget whether the time limit is a work budget on one core (see {@link #deterministic}) or wall time
     *                   shared by the solver's {@link StationSolver#parallelism()} threads
     */
    public FleetPlanner(StationSolver solver, boolean prices, boolean workBudget) {
        this.solver = solver;
        this.prices = prices;
        this.workBudget = workBudget;
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
    }

    enum Kind { REQUEST, FEEDER_IMPORT, FEEDER_EXPORT }

    /** One coupling row over its window; its limit may change slot by slot (a feeder's headroom). */
    static final class Row {
        final String id;
        final Kind kind;
        final int[] members;
        final int from;
        final int to;
        /** The limit (a request's kW) per slot of the window. */
        final double[] limit;
        final double sigma;
        final double[] mu;
        /** The row's price step (currency per kWh) and its shortfall when last priced. */
        double step = Double.NaN;
        double lastShortfall;

        Row(String id, Kind kind, int[] members, int from, int to, double[] limit) {
            this.id = id;
            this.kind = kind;
            this.members = members;
            this.from = from;
            this.to = to;
            this.limit = limit;
            this.sigma = kind == Kind.FEEDER_EXPORT ? 1 : -1;
            this.mu = new double[to - from];
        }

        double limit(int t) {
            return limit[t - from];
        }

        /** h_{c,t}: −R for a request, the limit for a feeder. */
        double h(int t) {
            return kind == Kind.REQUEST ? -limit(t) : limit(t);
        }

        /** g_{c,t} for the flows x: positive when the row is broken. */
        double g(double[][] x, int t) {
            double sum = 0;
            for (int s : members) {
                sum += x[s][t];
            }
            return sigma * sum - h(t);
        }

        /** The summed flow the row limits (net export for requests and export caps, net import for import caps). */
        double value(double[][] x, int t) {
            double sum = 0;
            for (int s : members) {
                sum += x[s][t];
            }
            return kind == Kind.FEEDER_IMPORT ? -sum : sum;
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
        List<Row> rows = rows(fleet);
        // 1. every station alone (μ = 0): plans, flows and the first bound
        long aloneMillis = stationMillis(limitNanos * ALONE_SHARE, n, workers);
        Plan[] alone = solveAll(clock, n, s -> s, s -> problems.get(s), null, aloneMillis);
        double[][] x = flows(alone, slots);
        trace("alone", alone, rows, x, start);
        Double bound = sumBounds(alone, problems, null, rows, dt);
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
        List<Row> active = closure(rows, broken, n);
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
        boolean anyFailed = java.util.Arrays.stream(alone).anyMatch(p -> !meetsRules(p));
        if (!broken.isEmpty() || anyFailed) {
            // without price rounds the shares get the time but the last seventh, which is left for the bounds
            plans = share(clock, workers, problems, active, alone, x, prices
                    ? start + (long) (limitNanos * (ALONE_SHARE + SHARE_SHARE)) : start + limitNanos * 6 / 7, slots);
        }
        // a station planned alone without a proven bound (a short budget) is solved again alone, warm, with the
        // time the shares left, for its bound: the fleet's bound needs every station's
        int[] unbounded = java.util.stream.IntStream.range(0, n).filter(s -> alone[s].bound() == null).toArray();
        long boundDeadline = start + limitNanos - limitNanos / 50 - (prices ? limitNanos / 4 : 0);
        long boundLeft = boundDeadline - clock.now();
        if (unbounded.length > 0 && boundLeft > 0) {
            long millis = stationMillis(boundLeft, unbounded.length, workers);
            Plan[] again = solveAll(clock, unbounded.length, i -> unbounded[i], i -> problems.get(unbounded[i]),
                    i -> alone[unbounded[i]], millis);
            for (int i = 0; i < unbounded.length; i++) {
                if (again[i].bound() != null) {
                    alone[unbounded[i]] = withBound(alone[unbounded[i]], again[i].bound());
                }
            }
            bound = sumBounds(alone, problems, null, rows, dt);
        }
        // 3. price rounds over the coupled stations, for the fleet's bound only: measured, shares cut from the
        // price rounds' plans cost 3–18 % more than shares from the stations' own plans (100–1,000 stations)
        int priceRounds = 0;
        if (!broken.isEmpty() && prices) {
            long priceDeadline = start + limitNanos - limitNanos / 50;
            double meanPrice = meanImportPrice(problems);
            Plan[] warm = alone.clone();
            double[][] current = x;
            for (int round = 0; round < PRICE_ROUNDS; round++) {
                long left = priceDeadline - clock.now();
                long roundMillis = stationMillis((double) left / (PRICE_ROUNDS - round), coupledStations.length,
                        workers);
                if (left <= 0 || roundMillis * ceilDiv(coupledStations.length, workers) > left / 1_000_000L + 1) {
                    break;
                }
                if (!raisePrices(active, current, 0.5 * meanPrice)) {
                    break;
                }
                double[][] rho = stationPrices(active, n, slots);
                Plan[] shifted = solveAll(clock, coupledStations.length, i -> coupledStations[i],
                        i -> shifted(problems.get(coupledStations[i]), rho[coupledStations[i]]),
                        i -> warm[coupledStations[i]], roundMillis);
                for (int i = 0; i < coupledStations.length; i++) {
                    warm[coupledStations[i]] = shifted[i];
                }
                current = flows(warm, slots);
                trace("price round " + round, warm, rows, current, start);
                Double lagrangian = sumBounds(warm, problems, active, rows, dt);
                if (lagrangian != null && (bound == null || lagrangian > bound)) {
                    bound = lagrangian;
                }
                priceRounds++;
            }
        }
        double[][] finalFlows = flows(plans, slots);
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
            stationsFeasible &= meetsRules(p);
            if (!meetsRules(p)) {
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

    /** The coupling rows: feeders' import and export limits over the whole horizon, the fleet requests' windows. */
    static List<Row> rows(FleetProblem fleet) {
        Map<String, Integer> index = new HashMap<>();
        List<Problem> problems = fleet.stations();
        for (int s = 0; s < problems.size(); s++) {
            index.put(problems.get(s).stationId(), s);
        }
        int slots = problems.get(0).slots();
        List<Row> rows = new ArrayList<>();
        for (FleetProblem.Feeder f : fleet.feederList()) {
            int[] members = f.stations().stream().mapToInt(index::get).toArray();
            if (f.importLimitKw() != null || f.importLimitKwBySlot() != null) {
                rows.add(new Row(f.id() + "/import", Kind.FEEDER_IMPORT, members, 0, slots,
                        perSlot(f.importLimitKw(), f.importLimitKwBySlot(), slots)));
            }
            if (f.exportLimitKw() != null || f.exportLimitKwBySlot() != null) {
                rows.add(new Row(f.id() + "/export", Kind.FEEDER_EXPORT, members, 0, slots,
                        perSlot(f.exportLimitKw(), f.exportLimitKwBySlot(), slots)));
            }
        }
        for (FleetProblem.FleetRequest r : fleet.requestList()) {
            int[] members = r.stations() == null ? java.util.stream.IntStream.range(0, problems.size()).toArray()
                    : r.stations().stream().mapToInt(index::get).toArray();
            double[] kw = new double[r.toSlot() - r.fromSlot()];
            Arrays.fill(kw, r.exportKw());
            rows.add(new Row(r.id(), Kind.REQUEST, members, r.fromSlot(), r.toSlot(), kw));
        }
        return rows;
    }

    /** min(scalar, bySlot[t]) per slot; either may be absent. */
    private static double[] perSlot(Double scalar, double[] bySlot, int slots) {
        double[] out = new double[slots];
        for (int t = 0; t < slots; t++) {
            double v = scalar == null ? Double.POSITIVE_INFINITY : scalar;
            out[t] = bySlot == null ? v : Math.min(v, bySlot[t]);
        }
        return out;
    }

    /** The broken rows and every row sharing a station with them (their stations' flows will move). */
    private static List<Row> closure(List<Row> rows, List<Row> broken, int n) {
        boolean[] touched = new boolean[n];
        List<Row> active = new ArrayList<>(broken);
        boolean grew = true;
        for (Row r : broken) {
            for (int s : r.members) {
                touched[s] = true;
            }
        }
        while (grew) {
            grew = false;
            for (Row r : rows) {
                if (active.contains(r)) {
                    continue;
                }
                for (int s : r.members) {
                    if (touched[s]) {
                        active.add(r);
                        for (int m : r.members) {
                            touched[m] = true;
                        }
                        grew = true;
                        break;
                    }
                }
            }
        }
        return active;
    }

    /**
     * μ ← max(0, μ + step_c · g / max|g|), row by row (a feeder's shortfall of a few kW moves its prices as fast as a
     * fleet request's hundreds). A row's step grows 2.5-fold while its shortfall shrinks by less than half in a round
     * (the stations answer prices far below what a missed swap is worth, 200 per 1.8 kWh, with small moves only) and
     * shrinks to 0.6 of itself once it does. False when no row is broken and every price is already 0.
     */
    private static boolean raisePrices(List<Row> active, double[][] x, double firstStep) {
        boolean moved = false;
        for (Row r : active) {
            double most = 0;
            double shortfall = 0;
            for (int t = r.from; t < r.to; t++) {
                double g = r.g(x, t);
                shortfall += Math.max(0, g);
                if (g > 0 || r.mu[t - r.from] > 0) {
                    most = Math.max(most, Math.abs(g));
                }
            }
            if (most <= TOL_KW * r.members.length) {
                continue;
            }
            if (Double.isNaN(r.step)) {
                r.step = firstStep;
            } else {
                r.step *= shortfall > 0.5 * r.lastShortfall ? 2.5 : 0.6;
            }
            r.lastShortfall = shortfall;
            moved = true;
            for (int t = r.from; t < r.to; t++) {
                r.mu[t - r.from] = Math.max(0, r.mu[t - r.from] + r.step * r.g(x, t) / most);
            }
        }
        return moved;
    }

    /** ρ_s(t) = Σ_{c∋s} σ_c μ_{c,t}. */
    private static double[][] stationPrices(List<Row> active, int n, int slots) {
        double[][] rho = new double[n][slots];
        for (Row r : active) {
            for (int s : r.members) {
                for (int t = r.from; t < r.to; t++) {
                    rho[s][t] += r.sigma * r.mu[t - r.from];
                }
            }
        }
        return rho;
    }

    /** The station with both prices shifted by −ρ(t). */
    static Problem shifted(Problem p, double[] rho) {
        Tariff t = p.tariff();
        double[] imp = t.importPricePerKwh().clone();
        double[] exp = t.exportPricePerKwh().clone();
        for (int k = 0; k < imp.length; k++) {
            imp[k] -= rho[k];
            exp[k] -= rho[k];
        }
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), new Tariff(t.currency(), imp, exp), p.dispatchRequests(), p.unservedSwapPenalty());
    }

    /**
     * L(μ) over the active rows: Σ of the stations' bounds (each under its shifted prices; stations outside the active
     * rows at their own) − Δ Σ μ h. Null when a station proved no bound.
     */
    private static Double sumBounds(Plan[] plans, List<Problem> problems, List<Row> active, List<Row> all,
                                    double dt) {
        double sum = 0;
        for (int s = 0; s < plans.length; s++) {
            Plan p = plans[s];
            if (p.bound() != null) {
                sum += p.bound();
            } else if (active == null) {
                sum += trivialBound(problems.get(s));
            } else {
                return null; // a shifted problem's trivial bound is not worth the bookkeeping: keep the best found
            }
        }
        if (active != null) {
            for (Row r : active) {
                for (int t = r.from; t < r.to; t++) {
                    sum -= dt * r.mu[t - r.from] * r.h(t);
                }
            }
        }
        return sum;
    }

    /**
     * A bound no plan of the station can beat, for a station whose solve proved none in its time: every cost term
     * at its least (no degradation, no missed swap, import only where the price is negative) and every revenue at its
     * most (export at the limit where it pays, every offer's reward, the firm requests' reward). Weak, but it keeps
     * the fleet's bound (and gap) stated at any size.
     */
    static double trivialBound(Problem p) {
        double dt = p.slotHours();
        double bound = 0;
        for (int t = 0; t < p.slots(); t++) {
            bound += Math.min(0, p.tariff().importPricePerKwh()[t]) * p.site().importLimitKw(t) * dt;
            bound -= Math.max(0, p.tariff().exportPricePerKwh()[t]) * p.site().exportLimitKw(t) * dt;
        }
        for (DispatchRequest r : p.requests()) {
            bound -= Math.max(0, r.totalReward(dt));
        }
        return bound;
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
     */
    private Plan[] share(Clock clock, int workers, List<Problem> problems, List<Row> active, Plan[] alone,
                         double[][] aloneFlows, long deadline, int slots) {
        int n = problems.size();
        // most net export each station can give per slot (the least net import it can manage is its negative):
        // first the power of its strongest allowed bays, then at most what it reached when asked for more
        double[][] room = new double[n][slots];
        double[][] importLimit = new double[n][slots];
        for (int s = 0; s < n; s++) {
            room[s] = mostExport(problems.get(s));
            for (int t = 0; t < slots; t++) {
                importLimit[s][t] = problems.get(s).site().importLimitKw(t);
            }
        }
        double[][] lo = new double[n][slots];
        double[][] hi = new double[n][slots];
        Plan[] plans = alone.clone();
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
                    shareRow(r, t, target, room, importLimit, lo, hi, round == 0);
                }
            }
            List<Integer> replan = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                // also a station whose own plan breaks its own rules (a short first solve): it gets another go
                if (breaksShares(plans[s], lo[s], hi[s], slots) || !meetsRules(plans[s])) {
                    replan.add(s);
                }
            }
            long left = deadline - clock.now();
            if (replan.isEmpty() || left <= 0) {
                break;
            }
            long millis = Math.max(MIN_STATION_MILLIS, Math.min(MAX_STATION_MILLIS,
                    left / 1_000_000L * workers / Math.max(1, replan.size()) / (SHARE_ROUNDS - round)));
            Plan[] warm = plans;
            Plan[] replanned = solveAll(clock, replan.size(), replan::get,
                    i -> withShares(problems.get(replan.get(i)), lo[replan.get(i)], hi[replan.get(i)]),
                    i -> warm[replan.get(i)], millis);
            for (int i = 0; i < replan.size(); i++) {
                int s = replan.get(i);
                Plan p = replanned[i];
                if (meetsRules(p)) {
                    plans[s] = honest(p);
                    continue;
                }
                // short of its shares: it keeps the plan only if that still meets its own station's rules, and
                // gives the next round no more than it reached
                double[] got = flow(p, slots);
                for (int t = 0; t < slots; t++) {
                    if (got[t] < lo[s][t] - TOL_KW) {
                        room[s][t] = Math.min(room[s][t], got[t]);
                    }
                }
                Plan own = asFeasible(p);
                if (PlanChecker.check(problems.get(s), own).hardRulesMet()) {
                    plans[s] = own;
                }
            }
            target = flows(plans, slots);
        }
        return plans;
    }

    private static boolean breaksShares(Plan p, double[] lo, double[] hi, int slots) {
        double[] f = flow(p, slots);
        for (int t = 0; t < slots; t++) {
            if (f[t] < lo[t] - TOL_KW || f[t] > hi[t] + TOL_KW) {
                return true;
            }
        }
        return false;
    }

    /**
     * One row in one slot shared out from the target flows: met rows leave every station at or below its own flow,
     * a shortfall or an excess goes to the stations with room, in proportion to it.
     */
    private static void shareRow(Row r, int t, double[][] x, double[][] room,
                                 double[][] importLimit, double[][] lo, double[][] hi, boolean proportional) {
        int m = r.members.length;
        double sum = 0;
        for (int s : r.members) {
            sum += x[s][t];
        }
        switch (r.kind) {
            case REQUEST -> {
                // floors a_s with Σ a_s = R
                double need = r.limit(t) - sum;
                double[] extra = new double[m];
                if (need > 0) {
                    toRoom(extra, r, t, x, room, need);
                } else {
                    Arrays.fill(extra, need / m); // every station a little below its own flow
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    lo[s][t] = Math.max(lo[s][t], x[s][t] + extra[i]);
                }
            }
            case FEEDER_IMPORT -> {
                // net-import caps l_s with Σ l_s = I, i.e. floors −l_s on the net export
                if (proportional) {
                    // first round: the feeder's limit in proportion to the stations' own import limits, in every
                    // slot: each station plans its whole day around its part (measured on 30 stations: +76 missed
                    // swaps over the stations alone, against +500 for caps cut from one snapshot of the flows)
                    double total = 0;
                    for (int s : r.members) {
                        total += importLimit[s][t];
                    }
                    for (int s : r.members) {
                        double part = total <= 0 ? r.limit(t) / m : r.limit(t) * importLimit[s][t] / total;
                        lo[s][t] = Math.max(lo[s][t], -part);
                    }
                    return;
                }
                double excess = -sum - r.limit(t);
                double[] cut = new double[m];
                if (excess > 0) {
                    // a station can lower its net import as far as it can export (room): the same room as above
                    toRoom(cut, r, t, x, room, excess);
                } else {
                    // the feeder's headroom goes to the stations in proportion to their own room to import more,
                    // so that a station cut elsewhere can move its charging here
                    double[] headroom = new double[m];
                    for (int i = 0; i < m; i++) {
                        int s = r.members[i];
                        headroom[i] = Math.max(0, importLimit[s][t] + x[s][t]);
                    }
                    fill(cut, headroom, -excess);
                    for (int i = 0; i < m; i++) {
                        cut[i] = -cut[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    lo[s][t] = Math.max(lo[s][t], x[s][t] + cut[i]);
                }
            }
            case FEEDER_EXPORT -> {
                double excess = sum - r.limit(t);
                double[] cut = new double[m];
                if (excess > 0) {
                    double[] weight = new double[m];
                    for (int i = 0; i < m; i++) {
                        weight[i] = Math.max(0, x[r.members[i]][t]);
                    }
                    fill(cut, weight, excess);
                } else {
                    Arrays.fill(cut, excess / m);
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    hi[s][t] = Math.min(hi[s][t], Math.max(0, x[s][t] - cut[i]));
                }
            }
        }
    }

    /**
     * A shortfall of a row in a slot (more net export wanted) shared out in proportion to each station's room to export
     * more than it does, each at most its room; what is left beyond every room evenly (the re-plans will say who cannot).
     */
    private static void toRoom(double[] out, Row r, int t, double[][] x, double[][] room, double amount) {
        double[] spare = new double[r.members.length];
        for (int i = 0; i < spare.length; i++) {
            int s = r.members[i];
            spare[i] = Math.max(0, room[s][t] - x[s][t]);
        }
        fill(out, spare, amount);
    }

    /** Spreads amount over the entries in proportion to their caps (water-filling), each at most its cap. */
    private static void fill(double[] out, double[] cap, double amount) {
        double capSum = 0;
        for (double c : cap) {
            capSum += c;
        }
        if (capSum <= 1e-12) {
            Arrays.fill(out, amount / out.length); // nobody has room: an even share, the re-plans will tell
            return;
        }
        double share = Math.min(1.0, amount / capSum);
        for (int i = 0; i < out.length; i++) {
            out[i] = share * cap[i];
        }
        double left = amount - share * capSum;
        if (left > 1e-9) {
            for (int i = 0; i < out.length; i++) {
                out[i] += left / out.length; // beyond every station's room: spread, and reported if missed
            }
        }
    }

    /**
     * The station with its shares as contract constraints: a net-export floor above 0 is a firm request for that slot,
     * one at or below 0 an import cap, a net-export ceiling an export cap.
     */
    static Problem withShares(Problem p, double[] lo, double[] hi) {
        int slots = p.slots();
        Site site = p.site();
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        boolean anyImp = false;
        boolean anyExp = false;
        List<DispatchRequest> requests = new ArrayList<>(p.requests());
        for (int t = 0; t < slots; t++) {
            imp[t] = site.importLimitKw(t);
            exp[t] = site.exportLimitKw(t);
            if (lo[t] > 1e-9) {
                requests.add(new DispatchRequest(SHARE_PREFIX + t, t, t + 1, lo[t], 0.0, true));
            } else if (lo[t] > Double.NEGATIVE_INFINITY && -lo[t] < imp[t]) {
                imp[t] = Math.max(0, -lo[t]);
                anyImp = true;
            }
            if (hi[t] < exp[t]) {
                exp[t] = Math.max(0, hi[t]);
                anyExp = true;
            }
        }
        Site constrained = new Site(site.gridImportLimitKw(), site.gridExportLimitKw(), site.maxActiveBays(),
                site.baseLoadKw(), anyImp ? imp : site.gridImportLimitKwBySlot(),
                anyExp ? exp : site.gridExportLimitKwBySlot());
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), constrained, p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), requests, p.unservedSwapPenalty());
    }

    /**
     * A station plan made under fleet shares, stated for the station's own problem: its bound is one of the problem
     * with the shares, not of the station alone, so it is dropped (the fleet's bound is the proven one).
     */
    private static Plan honest(Plan p) {
        return new Plan(p.formatVersion(), p.stationId(), p.status() == PlanStatus.OPTIMAL ? PlanStatus.FEASIBLE
                        : p.status(),
                p.objective(), null, null, p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(),
                ownRequests(p.acceptedDispatchRequests()), p.violations(), p.solver());
    }

    /** The requests a plan names, without the fleet's shares (they are not the station's requests). */
    private static List<String> ownRequests(List<String> ids) {
        return ids == null ? null : ids.stream().filter(id -> !id.startsWith(SHARE_PREFIX)).toList();
    }

    /**
     * A station's plan alone with the bound a later solve of the same problem proved (a bound is the problem's, not
     * the plan's); used for the fleet's bound only, never as a station plan.
     */
    private static Plan withBound(Plan p, double bound) {
        return new Plan(p.formatVersion(), p.stationId(), p.status(), p.objective(), bound,
                Plan.gapOf(p.objective().total(), bound), p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(),
                p.acceptedDispatchRequests(), p.violations(), p.solver());
    }

    /**
     * Whether the scheduler says the plan meets every rule of the problem it solved: no violation listed and not
     * INFEASIBLE (a TIME_LIMIT plan may meet every rule: the time ended the search before the gap target).
     */
    private static boolean meetsRules(Plan p) {
        return p.status() != PlanStatus.INFEASIBLE && p.violations().isEmpty();
    }

    /** The plan of a station that missed only its fleet shares, stated for the station's own problem. */
    private static Plan asFeasible(Plan p) {
        return new Plan(p.formatVersion(), p.stationId(), PlanStatus.FEASIBLE, p.objective(), null, null,
                p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(), ownRequests(p.acceptedDispatchRequests()),
                List.of(), p.solver());
    }

    /** Most net export per slot: the strongest allowed bays discharging at full power, less the base load. */
    static double[] mostExport(Problem p) {
        int slots = p.slots();
        double[] power = p.bays().stream().mapToDouble(b -> {
            PackType k = p.packType(b.packType());
            return k.maxDischargeKw();
        }).sorted().toArray();
        int active = p.site().activeBayLimit(power.length);
        double strongest = 0;
        for (int i = 0; i < active; i++) {
            strongest += power[power.length - 1 - i];
        }
        double[] most = new double[slots];
        for (int t = 0; t < slots; t++) {
            most[t] = Math.min(p.site().exportLimitKw(t), strongest - p.site().baseLoadKw(t));
        }
        return most;
    }

    /** One batch of station solves, each with {@code millis}, handed to the solver (and counted on the clock). */
    private Plan[] solveAll(Clock clock, int count, IntUnaryOperator station, IntFunction<Problem> problem,
                            IntFunction<Plan> warm, long millis) {
        Duration limit = Duration.ofMillis(millis);
        List<StationSolver.Solve> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(new StationSolver.Solve(station.applyAsInt(i), problem.apply(i),
                    new SolveOptions(limit, SolveOptions.DEFAULT_GAP, warm == null ? null : warm.apply(i))));
        }
        clock.handOut(millis, count);
        Plan[] plans = solver.solveAll(batch);
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

    private static double[][] flows(Plan[] plans, int slots) {
        double[][] x = new double[plans.length][];
        for (int s = 0; s < plans.length; s++) {
            x[s] = flow(plans[s], slots);
        }
        return x;
    }

    /** Net export per slot. */
    static double[] flow(Plan p, int slots) {
        double[] x = new double[slots];
        for (int t = 0; t < slots; t++) {
            x[t] = p.grid().exportKw()[t] - p.grid().importKw()[t];
        }
        return x;
    }

    private static double meanImportPrice(List<Problem> problems) {
        double sum = 0;
        int count = 0;
        for (Problem p : problems) {
            for (double v : p.tariff().importPricePerKwh()) {
                sum += Math.abs(v);
                count++;
            }
        }
        return count == 0 ? 1 : Math.max(1e-3, sum / count);
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
            infeasible += meetsRules(p) ? 0 : 1;
            for (int[] row : p.unservedSwaps().values()) {
                for (int u : row) {
                    unserved += u;
                }
            }
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
