package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.plan.PlanAssembler;
import io.swapflex.optimizer.plan.PlanChoice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production scheduler: Lagrangian relaxation of the per-slot coupling rows over a relaxed SOC network per pack
 * type for the bound, per-bay best-response dynamic programmes on an exact SOC network for the plans.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Bound</b> ({@link LagrangianDual}, {@link RelaxedNetwork}, {@link GridPart}): the balance, charger and
 *   swap-demand rows of every slot are priced; what remains splits into one shortest-path problem per pack type over
 *   a time-expanded network of SOC levels (packs of a type are interchangeable, so one backward pass serves every bay)
 *   and a small exact problem for the meter and the offers. The relaxed network is built so that every
 *   <em>continuous</em> contract plan maps into it at no higher cost, so the dual value is a proven lower bound on the
 *   contract problem itself, not only on a discretised one.</li>
 *   <li><b>Plans</b> ({@link SwapSweep}, {@link PrimalSearch}, {@link BayDp}, {@link PrimalNetwork}): a construction
 *   by exact best responses without prices, and the swap-first construction (the whole bank's charging decided slot
 *   by slot, least slack first, the bank feeding its own urgent packs past the import limit, a reserve charged ahead
 *   of export duties), each polished by exact best-response sweeps: each bay's whole-day schedule re-optimised by
 *   dynamic programming against the true marginal cost given the other bays. Then price-directed constructions (each
 *   bay's shortest path with the dual prices blended into its costs, bays placed one after another, hard limits as
 *   penalties against what is already placed), swap repairs and group moves. Offers start from the dual's choice and
 *   are flipped one at a time when it pays.</li>
 *   <li><b>Exactness</b>: every arc of the plan network moves a pack between two SOC values with exactly the power that
 *   does so in one slot, so the per-bay powers are written as they are; nothing is rounded afterwards. What the SOC
 *   levels (steps of 1/{@value #PRIMAL_STEPS} of a full-power slot) cost the plan is inside the reported gap, because
 *   the bound is one of the continuous problem.</li>
 *   <li><b>Stop</b>: when the certified gap (total − bound)/max(1, |total|) reaches the target, or at the time limit
 *   (a fixed reserve is kept to write the plan).</li>
 *   <li><b>Warm start</b>: the previous plan is projected onto the levels and repaired by best responses; the dual
 *   multipliers of the last solve of the same station (kept in this instance) restart the ascent.</li>
 * </ol>
 * <p><b>Deterministic mode</b> ({@link #deterministic(long)}): the time limit is read on a virtual clock that advances
 * {@value #VIRTUAL_QUANTUM_NANOS} ns at every deadline check, and the dual ascent runs on the caller's thread at fixed
 * points instead of its own thread; the plan then depends only on the problem, the options and the seed (not on the
 * machine, its load or other solves running beside it), at the price of the second core. Studies use it.
 * {@code solveMillis} stays the wall time. Two options ({@link #deterministic(long, boolean, boolean)}): the dual ascent
 * on a thread of its own in fixed batches between fixed points of the plan search (two cores again, still
 * deterministic), and a wall-clock cap (the time limit stays an upper bound on wall time; where it fires, the plan is
 * the deterministic search cut short). The schedulers by name ({@code flow}, and {@code auto}) use both, on a
 * work-charged clock ({@link #CAPPED_WORK_RATE}): their budget counts the search's best responses and sweeps at what
 * they cost, so it ends near the time limit on a quiet machine, and the dual's batches keep pace with the search.
 *
 * <p>A problem proven infeasible (a firm request above the export limit or above what the allowed number of bays can
 * discharge) gets the least-violating plan found, status INFEASIBLE, no bound, and the violations in words.
 */
public final class FlowScheduler implements Scheduler {

    /** Plan SOC levels per full-power slot of charge (see {@link PrimalNetwork}). */
    public static final int PRIMAL_STEPS = 8;
    /**
     * A cold solve of a budget under {@link SearchLoop#SHORT_SOLVE_NANOS} plans on {@link #PRIMAL_STEPS} / this many
     * levels. Measured on the ladder (12–400 bays, seeds 1–3, 100 ms work budgets, issue 15): 14 of 15 plans as good or
     * better with 4 levels than with 8 (21 bays of seed 1: 1,937 against 2,075, a swap more served; 400 bays 92,730
     * against 94,493; 50 bays of seed 2 7,393 against 7,676), one worse (50 bays of seed 1: 3,445 against 3,309). At
     * 2 s the two lattices were even (each better on 5 of the 15), so longer solves keep 8.
     */
    static final int SHORT_SOLVE_STEP_DIVISOR = 2;
    /**
     * A longer cold solve of a station up to {@value #COARSE_MAX_BAYS} bays plans on the short solves' coarse levels for
     * this share of its time, then moves its best plan onto the full lattice (which contains the coarse one, so the plan
     * is unchanged) and goes on there. Measured on the ladder at 2 s (work budgets, seeds 1–3): the 12–50-bay plans took
     * the better of both lattices — 21 bays of seed 1 1,936 (8 levels alone 2,070: a swap more served), 50 bays of
     * seed 2 6,526 (6,809: two more), 12 bays of seed 1 1,155.5 (4 levels alone 1,295: a swap fewer) — within 0.26 % of
     * the best known on all nine; at 100 and 400 bays it was 0.2–0.8 % worse on two of six, so they keep 8 throughout.
     * A share of 0.6 lost the 12-bay station's swap on seed 2.
     */
    static final double PRIMAL_COARSE_SHARE = 0.3;
    /**
     * Relaxed-network levels per full-power slot of charge (see {@link RelaxedNetwork}); stations of up to {@value
     * #COARSE_MAX_BAYS} bays get twice as many ({@link #boundSteps(int, int)}).
     */
    public static final int BOUND_STEPS = 8;
    /** Relaxed-network levels of the first, cheap part of the ascent (see {@link SearchLoop}). */
    static final int COARSE_BOUND_STEPS = 2;
    private static final int COARSE_MAX_BAYS = 60;

    /**
     * Whether a solve's dual ascends by the {@link ProximalBundle}'s step once the solve has a plan (see {@link
     * LagrangianDual#step(double, boolean)}): above {@value #COARSE_MAX_BAYS} bays, in solves of {@link
     * SearchLoop#SHORT_SOLVE_NANOS} or more. The plan search reads the dual's prices, so the step changes plans too.
     * Measured (work budgets, ladder seeds 1–3, issue 15; docs/model.md has the tables):
     * <ul>
     *   <li>100 and 400 bays, solver seeds 0 / 1 / 2: the six 2 s gaps summed 24.8 / 24.4 / 24.7 → 18.6 / 18.6 / 18.5
     *   points, the plans summed +0.03 / −0.07 / +0.11 %; at 3 s 18.0 → 16.2 (plans +0.07 %); at 10 s (seeds 0 / 1)
     *   12.3 / 12.5 → 11.3 / 11.4 (plans +0.01 / −0.03 %). Held-out stations of 80, 150 and 250 bays at 2 s: 35.5 → 24.2,
     *   plans +0.05 %.</li>
     *   <li>With earlier forms of the step (without the cap on its length, or the bundle from the first plan on):
     *   12–50 bays, 2 s: the bound rose too (50 bays of seed 2: 23.4 → 14.5 %), but plans lost a swap at 50 bays of
     *   seed 1 on one solver seed of three and 1.1 % at 50 bays of seed 2 on another; with the bundle from the first
     *   plan on, the 12-bay station of seed 3 lost its last swap on three of three.</li>
     *   <li>100 ms above 60 bays: gaps halved (15 stations of 80–400 bays summed 687 → 342 points), but 12 of the 15
     *   plans were dearer (+0.34 % summed, 400 bays of seed 3 +1.2 %): a short solve's plan is what a fleet is made of.
     *   </li>
     * </ul>
     */
    static boolean bundled(int bays, long limitNanos) {
        return bays > COARSE_MAX_BAYS && limitNanos >= SearchLoop.SHORT_SOLVE_NANOS;
    }

    /**
     * A cold solve of at least {@link #STAGED_MIN} first makes the plan a {@link #FIRST_STAGE} solve makes (above 10 s,
     * the plan of the rung below it: {@link #RUNG_FACTOR}), then spends the rest of its time improving that plan (a
     * warm solve from it and its multipliers), so that more time never gives a worse plan than the first stage's.
     * Without the stages the longer solve's schedule (its shares of coarse levels, constructions and repairs scale with
     * the budget) was a different search, and the default 30 s solve of the 50-bay ladder station of seed 1 returned
     * 3,022.9 THB where 2 s gave 2,892.0 (issue 15: "the same problem solved with 2 s gave a better plan than with
     * 20 s"). With {@link #ROW_STAGE_MIN_NANOS} or more left on a station of up to {@link #ROW_STAGE_MAX_BAYS} bays,
     * half of the rest first goes to a plan from the relaxation's row ({@link RelaxedRow}), and the other half improves
     * on the better plan.
     */
    static final java.time.Duration FIRST_STAGE = java.time.Duration.ofSeconds(2);
    static final java.time.Duration STAGED_MIN = java.time.Duration.ofSeconds(4);
    /**
     * The rungs a staged solve is built on: 2 s, 10 s, 50 s, ... of work. A solve above a rung first makes the rung's
     * plan, the same one the rung's own solve makes, so more time never gives a worse plan than a rung below it. With
     * the 2 s stage alone, a 30 s solve was worse than the 10 s one on 6 of 21 stations (work budgets; ladder 12–100
     * bays and held-out 35, 44 and 60 bays, seeds 1–3): 35 bays of seed 3 4,914.1 against 4,775.1 THB, 44 bays of seed
     * 1 4,301.1 against 4,164.6. On the rungs the 21 30 s plans summed 99,292.3 → 99,014.4 THB (held-out −1.03 %,
     * ladder +0.24 %: 50 bays of seed 2 6,056.9 → 6,201.4, its 10 s plan, where the old 30 s solve's stage planned from
     * the relaxation's row had found one swap more).
     */
    static final int RUNG_FACTOR = 5;
    /**
     * On the wall clock a staged solve's first stage may take up to this many times its {@link #FIRST_STAGE} (at most
     * half the limit, or the first stage's share of the work where that is more); the later stages share what is left
     * of the limit by their work. On a machine slower than the reference one, or in a fresh JVM whose compiler takes a
     * core for the first seconds, the first stage then still does its whole work, and where the solve ends by its gap
     * target before the limit the plan is the deterministic one. With the first stage held to its own 2 s,
     * 2026-12-07's machine (a fresh JVM: 2.9–3.6 s for the 2 s budget) cut every first stage, and even the Thai 12-bay
     * example, which reaches its gap target after about 3 s of a 30 s limit's work, gave plans that could differ from
     * run to run.
     */
    static final int FIRST_STAGE_WALL_SLACK = 2;
    /**
     * Whether a staged solve plans from the relaxation's row ({@link RelaxedRow}) after its first stage; the system
     * property {@code swapflex.flow.noRowStage} turns it off, for measuring what it adds.
     */
    static final boolean ROW_STAGE = !Boolean.getBoolean("swapflex.flow.noRowStage");
    /**
     * The largest station planned from the relaxation's row. Above it the dual is still climbing after the first
     * stage, and the stage's warm restarts cost it: on two merged feeders of the 30-station fleet of seed 1 (207 and
     * 237 bays, each planned alone for 10 s) the bounds fell by 8–12 % (gaps 14.3 → 22.2 % and 16.9 → 23.5 %) while
     * the plans gained 3.4 % and lost 0.06 %.
     */
    static final int ROW_STAGE_MAX_BAYS = 100;
    /**
     * A staged solve whose first stage certifies a gap wider than this ascends its later stage's dual afresh (see
     * {@link #solve}); the target for stations of up to 50 bays.
     */
    static final double FRESH_DUAL_GAP = 0.02;
    /**
     * The fewest fine dual steps the rest of a staged solve must allow for its later stages to ascend on twice the
     * relaxed levels ({@link #laterLattice}): a finer lattice is a tighter relaxation, but its steps cost about twice
     * as much. Measured on the 75–400-bay ladder (seeds 1–3, work budgets, swap transfers in): at 10 s (an estimated
     * 4,400–5,700 steps) the 18 gaps summed 39.2 → 35.0 points, 16 narrower (one 0.65 point wider), plans summed
     * within 0.02 %; at 5 s (1,700–2,100 steps) the 200- and 400-bay gaps widened by 0.1–1.4 points, the 75- and
     * 100-bay ones narrowed by up to 0.35.
     */
    static final int LATER_FINE_STEPS = 4_000;
    /** The least time left after the first stage for the plan from the relaxation's row. */
    static final long ROW_STAGE_MIN_NANOS = 4_000_000_000L;
    /** Kept back from the time limit to finish the move in progress, join the dual thread and write the plan. */
    private static final long RESERVE_NANOS = 60_000_000L;
    /**
     * Virtual time per deadline check in deterministic mode (the checks fall between bay best responses, moves, slots
     * of the sweep and, there, dual steps). Measured on the 12–40-bay examples: a deterministic solve of a 0.4–1 s
     * limit took 0.3–2 s of wall time on one core; large stations, whose checks are further apart, take longer.
     */
    public static final long VIRTUAL_QUANTUM_NANOS = 150_000L;
    /**
     * Virtual time per deadline check of a wall-capped solve (the schedulers by name), beside the work charged (see
     * {@link #CAPPED_WORK_RATE}): the bookkeeping between two checks.
     */
    static final long CAPPED_READ_NANOS = 5_000L;
    /**
     * Virtual time per unit of reference CPU work in a wall-capped solve: its clock is charged with each best response
     * and sweep ({@link SolveClock#workCharged}), so the budget follows the work done, and the rate keeps the search's
     * budget to about 1/rate of the time limit on a quiet machine, so that the wall clock's catch-up line stays behind
     * and the plan is the deterministic one. Measured on the quiet machine (ladder, 12–400 bays, warm JVM, 2 s): at 1.25
     * and 1.4 the wall clock's line overtook every solve up to 100 bays (the search's thread, the dual's and the JVM's own
     * share two cores: the search ran 1.36–1.54 s of CPU in 1.83 s); at 1.7 none, in 1.37–1.82 s of wall time, the same
     * plan on repeat. Solves of 100 ms are overtaken still (the first dual batch and the JVM's compiler weigh most
     * there): their plans are the deterministic search cut short, and since the search no longer waits for a dual batch
     * past its wall limit, mostly close to it (quiet machine, 2026-12-06, five runs each: 92–99 ms of wall, within 0.1 %
     * of the budget's plan from 12 to 100 bays, 0.7 % at 400; but the quality benchmark's 12-bay run that day missed a
     * swap more than the budget's plan, 1,436 against 1,296). Rates of 2.5, 3.0 and 3.4 for short solves still saw the 50- and 100-bay
     * solves overtaken in most runs (the fixed costs, not the work, fill their wall time), so every budget keeps 1.7.
     * Before (issue 15), a fixed 300 µs per check: group re-plans of 12 bays
     * cost 1–1.5 ms between two checks, single best responses 0.11 ms, so a 100 ms budget was 0.3–0.9 s of work and the
     * wall clock ended most short solves of small stations before their swap repairs.
     */
    static final double CAPPED_WORK_RATE = 1.7;

    private final Map<String, Kept> multipliers = new ConcurrentHashMap<>();
    private final long seed;
    private final int primalSteps;
    private final int boundSteps;
    private final boolean sweep;
    private final boolean deterministic;
    /** Deterministic mode only: the time limit also stops the solve on the wall clock (see {@link SolveClock}). */
    private final boolean wallCap;
    /** Deterministic mode only: the dual ascent on a thread of its own, in fixed batches (see {@link SearchLoop}). */
    private final boolean dualThread;
    /** Deterministic mode only: the clock is charged with the search's work ({@link SolveClock#workCharged}). */
    private final boolean workClock;
    private volatile boolean lastWallAhead;

    public FlowScheduler() {
        this(20261126L, PRIMAL_STEPS, BOUND_STEPS);
    }

    /**
     * @param seed        seed of the bay orders in the plan search (solves are reproducible up to the time limit)
     * @param primalSteps plan levels per full-power slot; more gives finer partial power and slower sweeps
     * @param boundSteps  relaxed levels per full-power slot; more gives a tighter bound and slower dual steps
     */
    public FlowScheduler(long seed, int primalSteps, int boundSteps) {
        this(seed, primalSteps, boundSteps, true);
    }

    /**
     * @param sweep whether a cold solve starts from the swap-first construction ({@link SwapSweep}); off only to
     *              measure what it adds (the benchmark does)
     */
    public FlowScheduler(long seed, int primalSteps, int boundSteps, boolean sweep) {
        this(seed, primalSteps, boundSteps, sweep, false, false, false, false);
    }

    private FlowScheduler(long seed, int primalSteps, int boundSteps, boolean sweep, boolean deterministic,
                          boolean wallCap, boolean dualThread, boolean workClock) {
        this.deterministic = deterministic;
        this.workClock = workClock;
        this.wallCap = wallCap;
        this.dualThread = dualThread;
        this.sweep = sweep;
        if (primalSteps < 1 || boundSteps < 1) {
            throw new IllegalArgumentException("steps must be ≥ 1");
        }
        this.seed = seed;
        this.primalSteps = primalSteps;
        this.boundSteps = boundSteps;
    }

    /**
     * A scheduler whose plans depend only on the problem, the options and {@code seed}: the time limit becomes a work
     * budget (see the class comment), one thread per solve.
     */
    public static FlowScheduler deterministic(long seed) {
        return deterministic(seed, false);
    }

    /**
     * @param wallCap whether the time limit also stops the solve on the wall clock: then it stops at the earlier of the
     *                work budget and the time limit. Where the machine does the budget's work within the limit the plan
     *                is the deterministic one; on a slower or busier machine the wall clock ends the search first and
     *                the plan is the best found by then (it depends on the machine, as a wall-clock solve's does).
     *                The schedulers by name use it ({@link io.swapflex.optimizer.Schedulers}).
     */
    public static FlowScheduler deterministic(long seed, boolean wallCap) {
        return deterministic(seed, wallCap, false);
    }

    /**
     * @param dualThread whether the dual ascent gets a thread of its own (two cores per solve, as the wall-clock mode
     *                   has): it then runs in fixed batches of steps between fixed points of the plan search, which
     *                   reads only the multipliers and bound frozen at the last of those points, so the plan is still
     *                   deterministic. Without it the caller's thread takes the steps itself (one core per solve: the
     *                   fleet's and the portfolio's choice).
     */
    public static FlowScheduler deterministic(long seed, boolean wallCap, boolean dualThread) {
        return new FlowScheduler(seed, PRIMAL_STEPS, BOUND_STEPS, true, true, wallCap, dualThread, wallCap);
    }

    /**
     * The default scheduler's plan as a quiet machine gives it: the schedulers by name's work-charged budget ({@link
     * #CAPPED_WORK_RATE}, the dual on its own thread), without the wall-clock cap. Benchmarks use it to measure plan
     * quality apart from the machine's load; the wall time may exceed the time limit on a busy machine.
     */
    public static FlowScheduler workBudget(long seed) {
        return new FlowScheduler(seed, PRIMAL_STEPS, BOUND_STEPS, true, true, false, true, true);
    }

    /**
     * The relaxed network's levels per full-power slot for a station: {@code steps}, twice that up to {@value
     * #COARSE_MAX_BAYS} bays. Finer levels make a tighter relaxation and a dearer dual step; small stations' ascents
     * converge with time to spare. Measured (12–50-bay ladder, seeds 1–3, 2 s work budgets): 16 levels raised the bound in
     * all nine (12 bays: gaps 7.2 / 4.5 / 24.9 % → 6.2 / 3.9 / 24.5 %); at 100 bays the slower ascent lowered it
     * (12,954 → 12,852).
     */
    public static int boundSteps(int steps, int bays) {
        return bays <= COARSE_MAX_BAYS ? 2 * steps : steps;
    }

    /**
     * Deterministic solves only, and among them those the wall clock neither stopped nor steered (see {@link
     * #deterministic(long, boolean)}); a wall-clock solve ({@link #FlowScheduler()}) never.
     */
    @Override
    public boolean lastSolveReproducible() {
        return deterministic && !lastWallAhead;
    }

    @Override
    public String name() {
        return "flow";
    }

    @Override
    public Plan solve(Problem problem, SolveOptions options) {
        long wallStart = System.nanoTime();
        if (options.warmStart() != null || options.timeLimit().compareTo(STAGED_MIN) < 0) {
            return solveOnce(problem, options, Double.NEGATIVE_INFINITY, false, wallStart).plan();
        }
        return staged(problem, options, wallStart, options.timeLimit().toNanos()).plan();
    }

    /**
     * The budget a staged solve of {@code limit} makes its first plan with: the largest rung of {@link #FIRST_STAGE}
     * × {@link #RUNG_FACTOR}<sup>i</sup> (2 s, 10 s, 50 s, ...) below the limit.
     */
    static java.time.Duration rungBelow(java.time.Duration limit) {
        java.time.Duration rung = FIRST_STAGE;
        while (rung.multipliedBy(RUNG_FACTOR).compareTo(limit) < 0) {
            rung = rung.multipliedBy(RUNG_FACTOR);
        }
        return rung;
    }

    /**
     * A staged solve (see {@link #FIRST_STAGE}) of {@code options.timeLimit()}'s work, on at most {@code wallLimit} of
     * wall time from {@code wallStart} when the clock is capped. Its first stage is the solve of the rung below the
     * limit ({@link #rungBelow}): at 2 s one solve, above it the staged solve of that rung, so that a solve is never
     * worse than the solves of the rungs below it.
     */
    private Stage staged(Problem problem, SolveOptions options, long wallStart, long wallLimit) {
        java.time.Duration rung = rungBelow(options.timeLimit());
        long firstWall = firstStageWall(rung.toNanos(), options.timeLimit().toNanos(), wallLimit);
        Stage firstStage = rung.equals(FIRST_STAGE)
                ? solveOnce(problem, options.withTimeLimit(FIRST_STAGE), Double.NEGATIVE_INFINITY, false, false, 0,
                wallStart, firstWall)
                : staged(problem, options.withTimeLimit(rung), wallStart, firstWall);
        Plan first = firstStage.plan();
        int[][] row = firstStage.servedRow();
        boolean firstWallAhead = lastWallAhead;
        Double gap = first.gap();
        if (gap != null && gap <= options.gapTarget() || first.status() == PlanStatus.INFEASIBLE) {
            return firstStage;
        }
        // the rest of the budget: on a virtual clock the limit less the first stage's budget (deterministic), on the
        // wall clock what is left of the limit
        long rest = deterministic ? options.timeLimit().minus(rung).toNanos()
                : options.timeLimit().toNanos() - (System.nanoTime() - wallStart);
        if (rest <= RESERVE_NANOS) {
            return firstStage;
        }
        double floor = first.bound() == null ? Double.NEGATIVE_INFINITY : first.bound();
        // The stage after the first one (the real problem from the relaxation's row, or else the continuation) ascends
        // its dual afresh, coarse then fine, with the plan search reading the first stage's prices until the fresh dual
        // is worth more; the first stage's bound stays as the floor. Warm, the ascent stalled where the first stage had
        // left it: the 21-bay example's 10 s gap through the CLI was 1.4-5.6 % over six runs (its first stage cut
        // short by the wall clock; the point it left stalls at 1,130-1,133 THB whatever the step's decay), 0.89 % in
        // three of three afresh; on the work budget (ladder seeds 1 / 2 / 3, 10 s) 12-100 bays' gaps went 6.21 / 3.94 /
        // 0.94, 0.23 / 0.32 / 0.33, 5.92 / 17.55 / 0.47, 2.17 / 4.04 / 2.37 % to 6.14 / 3.94 / 0.94, 0.22 / 0.32 /
        // 0.33, 6.33 / 11.58 / 0.46, 1.48 / 4.04 / 2.38 %, plans the same or better; 400 bays within noise (2.56 /
        // 2.97 / 2.15 -> 2.23 / 2.96 / 2.42 %, plans +0.06 %). Without the first stage's prices meanwhile, plans lost
        // (12 bays of seed 1 1,155.2, 50 bays of seed 1 2,889.9 against 1,154.4 and 2,887.5). A first stage within
        // FRESH_DUAL_GAP goes on warm: its dual needs only its last steps, and afresh the Thai 12-bay example took
        // 11.4-12.0 s to its 0.1 % target through the CLI's default 30 s solve, warm 9.7 s.
        boolean afresh = gap == null || gap > FRESH_DUAL_GAP;
        int later = laterLattice(problem, rest);
        String cutId = problem.stationId() + "#relaxed-row";
        Problem cut = ROW_STAGE && rest >= ROW_STAGE_MIN_NANOS && problem.bays().size() <= ROW_STAGE_MAX_BAYS
                ? RelaxedRow.cut(problem, row, first.unservedTotal(), cutId) : null;
        boolean wall = firstWallAhead;
        if (cut != null) {
            // a plan from the relaxation: the problem cut to the swaps the relaxation serves, planned afresh with a
            // quarter of the rest, then the real problem from that plan for another quarter; the better of it and the
            // first stage's plan is what the rest of the time improves on
            long quarter = rest / 4;
            Plan fromRow = solveOnce(cut, options.withTimeLimit(java.time.Duration.ofNanos(quarter)).withWarmStart(null),
                    Double.NEGATIVE_INFINITY, false, false, 0, wallStart, wallShare(wallLimit, wallStart, quarter, rest))
                    .plan();
            multipliers.remove(cutId);
            wall |= lastWallAhead;
            if (left(options, wallStart, rest - quarter) > RESERVE_NANOS) {
                long realWork = Math.min(quarter, left(options, wallStart, rest - quarter));
                Stage real = solveOnce(problem, options.withTimeLimit(java.time.Duration.ofNanos(realWork))
                        .withWarmStart(fromRow), floor, true, afresh, later, wallStart,
                        wallShare(wallLimit, wallStart, realWork, rest - quarter));
                wall |= lastWallAhead;
                row = real.servedRow();
                first = PlanChoice.better(problem, first, real.plan(), options.gapTarget(), real.plan().solveMillis());
                floor = first.bound() == null ? floor : Math.max(floor, first.bound());
            }
            rest = left(options, wallStart, rest - 2 * quarter);
            Double now = first.gap();
            if (rest <= RESERVE_NANOS || now != null && now <= options.gapTarget()) {
                lastWallAhead = wall;
                return new Stage(first, row);
            }
        }
        Stage second = solveOnce(problem, options.withTimeLimit(java.time.Duration.ofNanos(rest)).withWarmStart(first),
                floor, true, afresh && cut == null, later, wallStart, wallShare(wallLimit, wallStart, rest, rest));
        lastWallAhead |= wall;
        return new Stage(PlanChoice.better(problem, first, second.plan(), options.gapTarget(),
                second.plan().solveMillis()), second.servedRow());
    }

    /**
     * The wall time a staged solve's first stage (the rung of {@code rungNanos} of work, out of {@code workNanos}) may
     * take on a capped clock: up to {@link #FIRST_STAGE_WALL_SLACK} times its work, and at most half the wall limit, or
     * the rung's share of the work where that is more (a 60 s solve's 50 s rung may take 50 s of its 60).
     */
    static long firstStageWall(long rungNanos, long workNanos, long wallLimitNanos) {
        double share = Math.max(0.5, (double) rungNanos / workNanos);
        return Math.min(FIRST_STAGE_WALL_SLACK * rungNanos, (long) (wallLimitNanos * share));
    }

    /**
     * A solve's time with the reserve to write its plan kept back. Short solves (a fleet's stations get ~40 ms) keep back
     * a twelfth: writing a small plan takes a few ms, and a fixed 60 ms reserve left them half their time.
     */
    private static long lessReserve(long nanos) {
        long reserve = nanos < SearchLoop.SHORT_SOLVE_NANOS ? nanos / 12 : Math.max(RESERVE_NANOS, nanos / 12);
        return Math.max(nanos / 2, nanos - reserve);
    }

    /**
     * The wall time a later stage of {@code work} may take on a capped clock: its share, by work, of what is left of
     * the limit ({@code workLeft}: this stage's and the stages after it).
     */
    private static long wallShare(long limitNanos, long wallStart, long work, long workLeft) {
        long wallLeft = Math.max(0, limitNanos - (System.nanoTime() - wallStart));
        return workLeft <= 0 ? wallLeft : (long) (wallLeft * Math.min(1.0, (double) work / workLeft));
    }

    /**
     * Time left for the next part of a staged solve: {@code budget} of the work budget on a virtual clock
     * (deterministic), what is left of the limit on the wall clock.
     */
    private long left(SolveOptions options, long wallStart, long budget) {
        return deterministic ? budget : options.timeLimit().toNanos() - (System.nanoTime() - wallStart);
    }

    /**
     * The relaxed levels of a staged solve's later stages: above {@value #COARSE_MAX_BAYS} bays twice {@link
     * #BOUND_STEPS} when the rest of the budget gives an ascent on them at least {@link #LATER_FINE_STEPS} fine steps
     * (at the reference machine's cost of a step, {@link LagrangianDual#stepCpuNanos}), else 0 (the station's own).
     */
    private int laterLattice(Problem problem, long restNanos) {
        if (problem.bays().size() <= COARSE_MAX_BAYS) {
            return 0;
        }
        long step = new LagrangianDual(new StationModel(problem), 2 * boundSteps).stepCpuNanos();
        double steps = (1 - SearchLoop.COARSE_SHARE) * restNanos / (CAPPED_WORK_RATE * step);
        return steps >= LATER_FINE_STEPS ? 2 * boundSteps : 0;
    }

    /** One solve's plan and the swaps its relaxation serves per type and slot ({@link LagrangianDual#servedRow}). */
    private record Stage(Plan plan, int[][] servedRow) {
    }

    /**
     * One solve on one clock. {@code boundFloor}: a bound proven before (an earlier stage's); {@code continuation}:
     * the warm start is this solve's own first stage, so any gain is taken (a re-plan keeps the previous schedule
     * unless it gains, see {@link SearchLoop}).
     */
    private Stage solveOnce(Problem problem, SolveOptions options, double boundFloor, boolean continuation,
                            long wallStart) {
        return solveOnce(problem, options, boundFloor, continuation, false, 0, wallStart, options.timeLimit().toNanos());
    }

    /**
     * @param freshDual a warm solve whose dual ascends afresh (coarse, then fine) instead of from the station's last
     *                  multipliers; the plan search reads those last multipliers' prices until the fresh dual's value
     *                  passes theirs (see {@link SearchLoop#guide})
     * @param lattice   the relaxed network's levels per full-power slot, 0 for the station's own ({@link #boundSteps})
     * @param wallNanos the wall time this solve may take on a capped clock (its own time limit, except in a staged
     *                  solve: see {@link #FIRST_STAGE_WALL_SLACK})
     */
    private Stage solveOnce(Problem problem, SolveOptions options, double boundFloor, boolean continuation,
                            boolean freshDual, int lattice, long wallStart, long wallNanos) {
        SolveClock clock = !deterministic ? SolveClock.WALL
                : workClock ? SolveClock.workCharged(CAPPED_READ_NANOS, CAPPED_WORK_RATE, wallCap)
                : SolveClock.virtual(VIRTUAL_QUANTUM_NANOS);
        long start = clock.now();
        long limit = options.timeLimit().toNanos();
        long deadline = start + lessReserve(limit);
        clock.capWall(lessReserve(wallNanos), deadline);
        StationModel model = new StationModel(problem);
        int levels = lattice > 0 ? lattice : boundSteps(boundSteps, model.bayCount());
        boolean bundled = bundled(model.bayCount(), limit);
        LagrangianDual dual = new LagrangianDual(model, levels, bundled);
        // Coarse-to-fine at every size. Large stations once went without (200 bays, 5 s: the coarse prices guided a
        // plan of 23 656 against 18 881), but that was when the truck types' swap prices could not leave their
        // penalty (see LagrangianDual); since, on the 100- and 400-bay ladder (seeds 1-3, 2 s work budgets) it
        // raised the bound in all six (400 bays: gaps 7.8 / 8.4 / 5.3 % -> 6.0 / 6.2 / 4.9 %), plans within 0.15 %.
        LagrangianDual coarse = boundSteps > COARSE_BOUND_STEPS ? new LagrangianDual(model, COARSE_BOUND_STEPS, bundled)
                : null;
        LagrangianDual guide = null;
        LagrangianDual floorDual = null;
        Kept previous = options.warmStart() == null ? null : multipliers.get(problem.stationId());
        if (previous != null) {
            // the prices the last solve's search read (after a bound phase, those it kept) go on as before; the bound
            // phase's best multipliers, evaluated once, keep what that solve certified
            double[][] seen = previous.prices();
            if (freshDual) {
                guide = frozenAt(model, levels, seen);
            } else {
                dual.warmStart(seen[0], seen[1], nuOf(seen), seen[2]);
                coarse = null; // the last solve's multipliers are already good: go straight to the fine network
            }
            if (previous.dual() != previous.prices()) {
                floorDual = frozenAt(model, levels, previous.dual());
                boundFloor = Math.max(boundFloor, floorDual.bestValue);
            }
        }
        List<String> proofs = new ArrayList<>();
        for (String proof : new String[]{InfeasibilityProof.firmBeyondBank(model),
                InfeasibilityProof.readyBeyondBank(model)}) {
            if (proof != null) {
                proofs.add("proven: " + proof);
            }
        }
        boolean infeasible = !proofs.isEmpty();
        // A short cold solve plans on half the levels: a best response costs 2.5 times less, so the budget makes as many
        // more moves, and the swaps they find matter more there than finer partial power. Warm solves keep the full
        // lattice, so that a re-plan can keep the previous plan exactly.
        boolean cold = options.warmStart() == null;
        boolean shortCold = cold && limit < SearchLoop.SHORT_SOLVE_NANOS;
        int coarseSteps = Math.max(1, primalSteps / SHORT_SOLVE_STEP_DIVISOR);
        PrimalSearch search = new PrimalSearch(model, shortCold ? coarseSteps : primalSteps, seed, clock);
        SearchLoop loop = new SearchLoop(model, dual, coarse, search, options.gapTarget(), deadline, sweep, clock,
                dualThread);
        if (cold && !shortCold && coarseSteps < primalSteps && model.bayCount() <= COARSE_MAX_BAYS) {
            loop.coarseFirst(new PrimalSearch(model, coarseSteps, seed, clock), PRIMAL_COARSE_SHARE);
        }
        if (continuation) {
            loop.takeAnyGain();
        }
        if (guide != null) {
            loop.guide(guide);
        }
        // a bound phase where the dual keeps the volume algorithm (the prices and relaxed row handed on to a later stage
        // or solve stay the volume algorithm's), and has a thread of its own: a one-thread deterministic solve (studies,
        // fleets) takes its dual steps between the search's, where a bundle step's dearer charge left fewer of them
        // (30 fleet stations alone at 1 s each: bounds summed 92,362 → 90,467 THB)
        if (model.bayCount() <= COARSE_MAX_BAYS && limit >= SearchLoop.SHORT_SOLVE_NANOS
                && (!deterministic || dualThread)) {
            loop.boundPhase(SearchLoop.BOUND_PHASE_SHARE);
        }
        loop.run(options.warmStart());
        lastWallAhead = clock.wallAhead();
        double bound = Math.max(loop.bound(), boundFloor);
        infeasible |= Double.isInfinite(bound) && bound > 0;
        LagrangianDual last = loop.finalDual();
        // after a bound phase, the prices the search kept beside the best multipliers: the bundle's serve the bound,
        // not the plans of later stages and re-plans
        LagrangianDual pinned = loop.pinnedPrices();
        double[][] prices = pack(pinned != null ? pinned : last);
        double[][] best;
        if (floorDual != null && floorDual.bestValue > last.bestValue) {
            best = previous.dual(); // the last solve's multipliers still certify more than this one's
        } else {
            best = pinned != null ? pack(last) : prices;
        }
        multipliers.put(problem.stationId(), new Kept(best, prices));
        Plan plan = assemble(problem, model, loop, bound, infeasible, wallStart, options);
        if (plan.status() == PlanStatus.INFEASIBLE && !proofs.isEmpty()) {
            List<String> violations = new ArrayList<>(plan.violations());
            violations.addAll(proofs);
            plan = plan.withViolations(violations);
        }
        return new Stage(plan, last.servedRow());
    }

    private Plan assemble(Problem problem, StationModel model, SearchLoop loop, double dualBound,
                          boolean infeasible, long start, SolveOptions options) {
        PrimalState best = loop.best();
        Set<String> accepted = new HashSet<>();
        for (StationModel.Offer o : model.offers) {
            if (best.accepted[o.index()] && met(model, best, o)) {
                accepted.add(o.id()); // an offer the plan does not meet is declined, never claimed
            }
        }
        Double bound = infeasible || !Double.isFinite(dualBound) ? null : dualBound;
        long millis = (System.nanoTime() - start) / 1_000_000L;
        boolean feasible = best.feasible();
        PlanStatus status;
        if (!feasible) {
            status = infeasible ? PlanStatus.INFEASIBLE : PlanStatus.TIME_LIMIT;
        } else {
            double total = best.objective();
            Double gap = Plan.gapOf(total, bound);
            status = gap == null ? PlanStatus.TIME_LIMIT
                    : gap <= 1e-6 ? PlanStatus.OPTIMAL
                    : gap <= options.gapTarget() ? PlanStatus.FEASIBLE : PlanStatus.TIME_LIMIT;
        }
        return PlanAssembler.assemble(problem, best.power, best.swap, accepted, status, bound, millis, name());
    }

    private static boolean met(StationModel model, PrimalState plan, StationModel.Offer offer) {
        for (int t = offer.from(); t < offer.to(); t++) {
            if (plan.net[t] > -offer.exportKw() + 1e-7) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a station's last solve leaves for its next one, each as {@link #pack} lays them out: the prices its plan
     * search read last (after a bound phase, {@link SearchLoop#BOUND_PHASE_SHARE}, those it kept) and the best
     * multipliers known (the same array where those are the prices). The next solve's dual starts from the prices, and
     * the best multipliers, evaluated once on the new problem, are a floor for its bound (a re-plan certifies at least
     * what the solve before it did).
     */
    private record Kept(double[][] dual, double[][] prices) {
    }

    private static double[][] nuOf(double[][] packed) {
        return java.util.Arrays.copyOfRange(packed, 3, packed.length);
    }

    private static LagrangianDual frozenAt(StationModel model, int levels, double[][] packed) {
        return new LagrangianDual(model, levels).frozenAt(packed[0], packed[1], nuOf(packed), packed[2]);
    }

    /** The best multipliers as kept between solves of a station: λ, μ, ρ, then ν per type. */
    private static double[][] pack(LagrangianDual dual) {
        double[][] out = new double[3 + dual.bestNu.length][];
        out[0] = dual.bestLambda.clone();
        out[1] = dual.bestMu.clone();
        out[2] = dual.bestRho.clone();
        for (int k = 0; k < dual.bestNu.length; k++) {
            out[3 + k] = dual.bestNu[k].clone();
        }
        return out;
    }
}
